import { TestWorkflowEnvironment, type DevServerConfig } from '@temporalio/testing';
import type { DataConverter } from '@temporalio/common';
import { requireDevServer, requireTestServer } from '../../scripts/temporal/locate.js';
import { installQuietRuntime } from './test-worker.js';
import { testDataConverter } from './test-keys.js';

/**
 * Starting a JVM (test server) on a loaded 2-core machine can occasionally miss the SDK's fixed 5-second
 * readiness window. Retry that one error a bounded number of times; every other error is real.
 */
async function withStartupRetry<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (err) {
      const msg = (err as Error).message ?? '';
      if (i >= attempts || !/Failed connecting to test server/i.test(msg)) throw err;
      console.warn(`[harness] Temporal server did not answer within the SDK's 5 s window; retrying (${i}/${attempts - 1})`);
    }
  }
}

export interface EnvOptions {
  /** Defaults to the project's encrypting data converter with the fixed test keys. */
  dataConverter?: DataConverter;
}

/** The time-skipping test server (Java `TestServer` behind our wrapper). One per test file. */
export function startTimeSkippingEnv(opts: EnvOptions = {}): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const { executable } = requireTestServer();
  return withStartupRetry(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable },
      client: { dataConverter: opts.dataConverter ?? testDataConverter },
    }),
  );
}

export interface DevServerEnvOptions extends EnvOptions {
  /** SQLite file: the server keeps its state across restarts. In-memory when absent. */
  dbFilename?: string;
  /** Fixed port (needed to restart a server on the same address). Free port when absent. */
  port?: number;
  searchAttributes?: DevServerConfig['searchAttributes'];
}

/** The Temporal CLI dev server (a real Temporal server with SQLite persistence). */
export function startDevServerEnv(opts: DevServerEnvOptions = {}): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const { executable } = requireDevServer();
  return withStartupRetry(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable,
        ...(opts.dbFilename ? { dbFilename: opts.dbFilename } : {}),
        ...(opts.port ? { port: opts.port } : {}),
        ...(opts.searchAttributes ? { searchAttributes: opts.searchAttributes } : {}),
        log: { format: 'json', level: 'error' },
      },
      client: { dataConverter: opts.dataConverter ?? testDataConverter },
    }),
  );
}
