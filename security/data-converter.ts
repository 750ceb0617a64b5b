import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { keyProviderFromEnv, keyProviderFromFile, type KeyProvider } from './key-provider.js';
import { AesGcmPayloadCodec } from './payload-codec.js';

export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/**
 * The one data converter of the engine: used by the worker and by every client (CLI, API, schedules,
 * tests). Payloads are encrypted; failure messages and stack traces are moved into the (encrypted)
 * encoded attributes, so an error that mentions PHI does not reach the cluster in clear.
 */
export function createDataConverter(keys: KeyProvider): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(keys)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}

/** The embedded engine's key file (created on first start by security/dev-keys.ts). */
export const localKeyFile = (dataDir: string): string => path.join(dataDir, 'payload-keys.json');

/**
 * Keys from BREACH_PAYLOAD_KEYS / BREACH_PAYLOAD_KEYS_FILE, else the embedded engine's key file under the
 * data directory (BREACH_DATA_DIR, default .data). Fails loudly when there is none: the engine never
 * talks to Temporal unencrypted.
 */
export function loadKeyProvider(env: NodeJS.ProcessEnv = process.env): KeyProvider {
  const fromEnv = keyProviderFromEnv(env);
  if (fromEnv) return fromEnv;
  const file = localKeyFile(path.resolve(env.BREACH_DATA_DIR || '.data'));
  try {
    return keyProviderFromFile(file);
  } catch (err) {
    throw new Error(
      `No payload-encryption keys: set BREACH_PAYLOAD_KEYS or BREACH_PAYLOAD_KEYS_FILE, or run \`npm start\` once to create ${file} (${(err as Error).message})`,
      { cause: err },
    );
  }
}
