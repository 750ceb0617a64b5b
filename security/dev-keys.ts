import crypto from 'node:crypto';
import fs from 'node:fs';
import { localKeyFile } from './data-converter.js';

/**
 * For the embedded engine only: a random AES-256 key set under the data directory, created once (mode
 * 0600, never overwritten). Production sets BREACH_PAYLOAD_KEYS(_FILE) from a secret store instead.
 */
export function ensureLocalKeyFile(dataDir: string): { file: string; created: boolean } {
  const file = localKeyFile(dataDir);
  if (fs.existsSync(file)) return { file, created: false };
  const id = `local-${new Date().toISOString().slice(0, 10)}`;
  const keySet = { current: id, keys: { [id]: crypto.randomBytes(32).toString('base64') } };
  try {
    fs.writeFileSync(file, `${JSON.stringify(keySet, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return { file, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { file, created: false };
    throw err;
  }
}
