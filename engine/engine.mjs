#!/usr/bin/env node
// Launcher for the `engine` bin: runs the TypeScript sources through tsx (as cli/breach.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
