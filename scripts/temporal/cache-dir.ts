import os from 'node:os';
import path from 'node:path';
import { setting } from '../../config/index.js';

/**
 * Where provisioned Temporal binaries live. Outside the git tree by default so that every clone on a
 * machine (CI clones afresh each run) reuses one build; `BREACH_CACHE_DIR` moves it.
 */
export function cacheDir(): string {
  const override = setting('BREACH_CACHE_DIR');
  if (override) return path.resolve(override);
  const xdg = setting('XDG_CACHE_HOME') ?? path.join(os.homedir(), '.cache');
  return path.join(xdg, 'breach-engine', 'temporal');
}
