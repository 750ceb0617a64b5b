import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { KeyConfigError, keyProviderFromEnv, keyProviderFromFile, type KeyProvider } from './key-provider.js';
import { AesGcmPayloadCodec } from './payload-codec.js';
import { processEnv } from '../config/index.js';

/**
 * The engine's failure converter: `new DefaultFailureConverter({ encodeCommonAttributes: true })`.
 * The SDK's DataConverter takes a failure converter by *path* (the worker bundles it into the workflow
 * sandbox), so it lives in a plain CommonJS file. Give this path to `bundleWorkflowCode({
 * failureConverterPath })` too when bundling workflows ahead of time.
 */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/**
 * The one data converter of the engine: used by the worker and by every client (CLI, API, schedules,
 * tests, replay). Payloads are encrypted (AES-256-GCM, key id in metadata); failure messages and stack
 * traces are moved into the (encrypted) encoded attributes, so an error that mentions PHI does not reach
 * the cluster in clear.
 */
export function createDataConverter(keys: KeyProvider, opts: { onDecryptFailure?: (err: unknown) => void } = {}): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(keys, opts.onDecryptFailure)],
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
export function loadKeyProvider(env: NodeJS.ProcessEnv = processEnv()): KeyProvider {
  const fromEnv = keyProviderFromEnv(env);
  if (fromEnv) return fromEnv;
  const file = localKeyFile(path.resolve(env.BREACH_DATA_DIR || '.data'));
  try {
    return keyProviderFromFile(file);
  } catch (err) {
    throw new KeyConfigError(
      `No payload-encryption keys: set BREACH_PAYLOAD_KEYS or BREACH_PAYLOAD_KEYS_FILE, or run \`npm start\` once to create ${file} (${(err as Error).message})`,
      { cause: err },
    );
  }
}

/** `createDataConverter(loadKeyProvider(env))`: what a client or worker process calls at start. */
export function loadDataConverterFromEnv(env: NodeJS.ProcessEnv = processEnv()): DataConverter {
  return createDataConverter(loadKeyProvider(env));
}
