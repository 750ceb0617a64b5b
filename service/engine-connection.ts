import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { IncidentService } from './incident-service.js';
import { createDataConverter, loadKeyProvider } from '../security/data-converter.js';
import { processEnv, setting } from '../config/index.js';

/**
 * How the CLI and the API reach the engine: Temporal's usual settings (TEMPORAL_ADDRESS, default
 * localhost:7233 — the embedded server of `npm start`; TEMPORAL_NAMESPACE, TLS, API key, profile) and
 * the engine's task queue (BREACH_TASK_QUEUE).
 */
/**
 * How long a CLI command may wait for the engine (BREACH_CLI_TIMEOUT_SECONDS, default 30): a server that
 * does not answer (or an incident whose worker is not running) gives a clear error, never a hang.
 */
export function cliTimeoutMs(env: NodeJS.ProcessEnv = processEnv()): number {
  const seconds = Number(env.BREACH_CLI_TIMEOUT_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

export class EngineTimeoutError extends Error {
  override name = 'EngineTimeoutError';
}

/** Runs fn with every Temporal call under one deadline; past it, a clear error naming the setting. */
export async function withEngineDeadline<T>(connection: Connection, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const message = `the engine did not answer within ${Math.round(timeoutMs / 1000)} s (BREACH_CLI_TIMEOUT_SECONDS): is \`npm start\` (its worker) running, and TEMPORAL_ADDRESS / BREACH_TASK_QUEUE right? Nothing is known to have been done; an action may still take effect once the engine answers (repeat it with the same --request-id)`;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineTimeoutError(message)), timeoutMs);
  });
  const deadline = Date.now() + timeoutMs;
  try {
    return await Promise.race([
      connection.withDeadline(deadline, fn).catch((err: unknown) => {
        const code = (err as { code?: unknown } | undefined)?.code;
        // gRPC status 4 (DEADLINE_EXCEEDED), or whatever the SDK makes of a call it cut at the deadline
        // (an update poll reports "Call cancelled"): past the deadline, it is the deadline.
        if (err instanceof Error && (code === 4 || /DEADLINE_EXCEEDED|deadline exceeded/i.test(err.message) || Date.now() >= deadline - 50))
          throw new EngineTimeoutError(message);
        throw err;
      }),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function connectToEngine(
  opts: { timeoutMs?: number } = {},
): Promise<{ client: Client; service: IncidentService; connection: Connection; close(): Promise<void> }> {
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
    throw new Error(
      `Cannot reach the engine's Temporal server at ${address}: ${(err as Error).message}. Is \`npm start\` running, or TEMPORAL_ADDRESS set?`,
      { cause: err },
    );
  }
  const client = new Client({ connection, namespace: namespace ?? 'default', dataConverter: createDataConverter(loadKeyProvider()) });
  const service = new IncidentService({ client, taskQueue: setting('BREACH_TASK_QUEUE') });
  return { client, service, connection, close: () => connection.close() };
}
