import crypto from 'node:crypto';
import fs from 'node:fs';
import { localKeyFile } from './data-converter.js';

/**
 * For the embedded engine only: a random AES-256 key set under the data directory, created once (mode
 * 0600, in a directory created 0700 when missing; an existing file is never overwritten, also not by two
 * processes starting at once). Production sets BREACH_PAYLOAD_KEYS(_FILE) from a secret store instead.
 */
export function ensureLocalKeyFile(dataDir: string, now: Date = new Date()): { file: string; created: boolean } {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = localKeyFile(dataDir);
  if (fs.existsSync(file)) return { file, created: false };
  const id = `local-${now.toISOString().slice(0, 10)}`;
  const keySet = { current: id, keys: { [id]: crypto.randomBytes(32).toString('base64') } };
  try {
    fs.writeFileSync(file, `${JSON.stringify(keySet, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return { file, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { file, created: false };
    throw err;
  }
}
