import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { IncidentService } from './incident-service.js';
import { createDataConverter, loadKeyProvider } from '../security/data-converter.js';

/**
 * How the CLI and the API reach the engine: Temporal's usual settings (TEMPORAL_ADDRESS, default
 * localhost:7233 — the embedded server of `npm start`; TEMPORAL_NAMESPACE, TLS, API key, profile) and
 * the engine's task queue (BREACH_TASK_QUEUE).
 */
export async function connectToEngine(opts: { timeoutMs?: number } = {}): Promise<{ client: Client; service: IncidentService; close(): Promise<void> }> {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  const address = connectionOptions.address ?? 'localhost:7233';
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address,
      tls: connectionOptions.tls,
      apiKey: connectionOptions.apiKey,
      metadata: connectionOptions.metadata,
      connectTimeout: opts.timeoutMs ?? 5000,
    });
  } catch (err) {
    throw new Error(`Cannot reach the engine's Temporal server at ${address}: ${(err as Error).message}. Is \`npm start\` running, or TEMPORAL_ADDRESS set?`, { cause: err });
  }
  const client = new Client({ connection, namespace: namespace ?? 'default', dataConverter: createDataConverter(loadKeyProvider()) });
  const service = new IncidentService({ client, taskQueue: process.env.BREACH_TASK_QUEUE || 'breach-engine' });
  return { client, service, close: () => connection.close() };
}
