import fs from 'node:fs';
import { bundleEngineWorkflows } from '../worker/create-worker.js';
const b = await bundleEngineWorkflows();
fs.writeFileSync('/tmp/mem/engine-bundle2.js', b.code);
