import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServerEnv, startTimeSkippingEnv } from './temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from './test-worker.js';
import { createEngineActivities } from '../../activities/index.js';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { ensureSearchAttributes } from '../../worker/search-attribute-registration.js';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes.js';
import { IncidentService } from '../../service/incident-service.js';
import type { StateLawPack } from '../../domain/state-law/pack.js';

/**
 * The engine as the tests meet it: a real Temporal server (time-skipping or dev), the engine's workflows
 * and activities on one worker running in the background for the whole file, mail to an outbox folder.
 * One background worker matters on the time-skipping server: it skips time for everyone, so workflows
 * left running by one test (an incident still in intake) must keep being served, or it would wait for
 * their tasks forever.
 */
export interface EngineUnderTest {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  service: IncidentService;
  dataDir: string;
  /** Every .eml the engine has written so far. */
  mails: () => string[];
  stop(): Promise<void>;
}

export async function startEngineUnderTest(opts: {
  server: 'time-skipping' | 'dev';
  name: string;
  visibilityActivities?: boolean;
  /** The state-law pack the planning activities use (default: this build's); a test swaps it to replan across a pack change. */
  stateLawPack?: () => StateLawPack;
}): Promise<EngineUnderTest> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `breach-${opts.name}-`));
  const outbox = path.join(dataDir, 'outbox');
  const [env, workflowBundle] = await Promise.all([
    opts.server === 'dev' ? startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES }) : startTimeSkippingEnv(),
    bundle(WORKFLOWS_PATH),
  ]);
  // The Java test server starts without the engine's custom search attributes.
  if (opts.server === 'time-skipping')
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default', ALL_SEARCH_ATTRIBUTES, () => undefined);
  const taskQueue = uniqueTaskQueue(opts.name);
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowBundle,
    activities: createEngineActivities({
      dataDir,
      mailer: { kind: 'outbox', dir: outbox },
      ...(opts.visibilityActivities ? { client: env.client } : {}),
      ...(opts.stateLawPack ? { stateLawPack: opts.stateLawPack } : {}),
    }),
  });
  const running = worker.run();
  return {
    env,
    taskQueue,
    service: new IncidentService({ client: env.client, taskQueue }),
    dataDir,
    mails: () =>
      fs.existsSync(outbox)
        ? fs
            .readdirSync(outbox)
            .filter((f) => f.endsWith('.eml'))
            .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'))
        : [],
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
