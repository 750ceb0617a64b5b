import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encryption at rest of roster PII (names, emails, postal addresses, phones, representatives):
 * AES-256-GCM per column value, with the roster id, row and column as additional authenticated data so
 * a value cannot be moved to another row or column unnoticed. The key comes from BREACH_ROSTER_KEY
 * (base64, 32 bytes) or, for the embedded engine, a key file generated under the data directory.
 */
export interface RosterKey {
  id: string;
  key: Buffer;
}

export class RosterKeyError extends Error {
  override name = 'RosterKeyError';
  readonly phiFree = true;
}

const keyId = (key: Buffer) => `rk-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

function decodeKey(b64: string, source: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64.trim()) || key.length !== 32) {
    throw new RosterKeyError(`${source} must be 32 bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

export const rosterKeyFile = (dataDir: string) => path.join(dataDir, 'roster-key');

/** BREACH_ROSTER_KEY, else <dataDir>/roster-key (created with mode 0600 on first use). */
export function loadRosterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): RosterKey {
  if (env.BREACH_ROSTER_KEY) {
    const key = decodeKey(env.BREACH_ROSTER_KEY, 'BREACH_ROSTER_KEY');
    return { id: keyId(key), key };
  }
  const file = rosterKeyFile(dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = decodeKey(fs.readFileSync(file, 'utf8'), file);
  return { id: keyId(key), key };
}

export function encryptValue(k: RosterKey, plaintext: string, aad: string): Buffer {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', k.key, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]);
}

export function decryptValue(k: RosterKey, blob: Buffer, aad: string): string {
  if (blob.length < 28) throw new RosterKeyError('encrypted roster value is truncated');
  const d = crypto.createDecipheriv('aes-256-gcm', k.key, blob.subarray(0, 12));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(blob.subarray(blob.length - 16));
  try {
    return Buffer.concat([d.update(blob.subarray(12, blob.length - 16)), d.final()]).toString('utf8');
  } catch {
    throw new RosterKeyError('a roster value could not be decrypted (wrong BREACH_ROSTER_KEY, or the value was altered)');
  }
}
