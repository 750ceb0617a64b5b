import { Connection } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { loadClientConnectConfig } from '@temporalio/envconfig';

export interface TemporalTarget {
  connectionOptions: NativeConnectionOptions;
  namespace: string;
  /** Human description for start-up output (address only: never credentials). */
  description: string;
}

/**
 * Connection settings for an external cluster or Temporal Cloud, read the way every Temporal tool reads
 * them: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_CLIENT_CERT_PATH /
 * TEMPORAL_TLS_CLIENT_KEY_PATH, TEMPORAL_PROFILE and the temporal.toml profile file.
 */
export function externalTarget(): TemporalTarget {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  const address = connectionOptions.address ?? 'localhost:7233';
  return {
    connectionOptions,
    namespace: namespace ?? 'default',
    description: `${address} (namespace ${namespace ?? 'default'}${connectionOptions.tls ? ', TLS' : ''}${connectionOptions.apiKey ? ', API key' : ''})`,
  };
}

export class UnreachableTemporalError extends Error {
  override name = 'UnreachableTemporalError';
}

/**
 * Connects the client and the worker's native connection, failing within `timeoutMs` with a message
 * that says what was tried, instead of hanging on an address nobody answers.
 */
export async function connectOrFail(target: TemporalTarget, timeoutMs = 5000): Promise<{ client: Connection; native: NativeConnection }> {
  const started = Date.now();
  let client: Connection;
  try {
    client = await Connection.connect({
      address: target.connectionOptions.address,
      tls: target.connectionOptions.tls,
      apiKey: target.connectionOptions.apiKey,
      metadata: target.connectionOptions.metadata,
      connectTimeout: timeoutMs,
    });
    await client.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({}));
  } catch (err) {
    throw new UnreachableTemporalError(
      `Cannot reach Temporal at ${target.description} within ${Math.round((Date.now() - started) / 1000)} s: ${(err as Error).message}. ` +
        'Check TEMPORAL_ADDRESS (host:port), TLS/API-key settings, and that the server is running; unset TEMPORAL_ADDRESS to use the embedded dev server.',
    );
  }
  const native = await NativeConnection.connect(target.connectionOptions);
  return { client, native };
}
