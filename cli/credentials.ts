/**
 * The CLI user's credential (issue 15 item 1): each person acts with their own API token, never a name
 * given on the command line.
 */
import { processEnv } from '../config/env.js';
import fs from 'node:fs';
import path from 'node:path';

export const dataDir = (env: NodeJS.ProcessEnv = processEnv()): string => path.resolve(env.BREACH_DATA_DIR || '.data');

/**
 * The caller's credential: BREACH_API_TOKEN, else the file BREACH_API_TOKEN_FILE names, else the token
 * `npm start` writes for the local operator (<data dir>/api-token.txt, mode 0600). Never a command-line
 * argument: arguments are visible to every local user in `ps`.
 */
export function resolveToken(env: NodeJS.ProcessEnv = processEnv()): string | undefined {
  if (env.BREACH_API_TOKEN) return env.BREACH_API_TOKEN.trim();
  const file = env.BREACH_API_TOKEN_FILE || path.join(dataDir(env), 'api-token.txt');
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export const NO_TOKEN_MESSAGE = (env: NodeJS.ProcessEnv = processEnv()) =>
  `no API credential: set BREACH_API_TOKEN (or BREACH_API_TOKEN_FILE), or run next to the engine's ${path.join(dataDir(env), 'api-token.txt')} (written by \`npm start\`)`;
