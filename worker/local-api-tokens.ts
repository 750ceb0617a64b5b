import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TokenStore } from '../security/api-tokens.js';

/**
 * The embedded engine's API tokens: BREACH_API_TOKENS / BREACH_API_TOKENS_FILE when configured;
 * otherwise one admin token for the local user, created once under the data directory (mode 0600) so
 * `npm start` works out of the box without ever shipping a default password.
 */
export function localTokenStore(dataDir: string): { store: TokenStore; localTokenFile?: string } {
  const configured = TokenStore.fromEnv();
  if (configured) return { store: configured };
  const file = path.join(dataDir, 'api-token.txt');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, `${crypto.randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const token = fs.readFileSync(file, 'utf8').trim();
  return { store: new TokenStore([{ userId: 'local-admin', role: 'admin', token }]), localTokenFile: file };
}
