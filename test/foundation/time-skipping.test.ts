import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startTimeSkippingEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { sleeper } from '../fixtures/foundation-workflows.js';
import * as activities from '../fixtures/foundation-activities.js';

const DAY = 24 * 60 * 60 * 1000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([
    startTimeSkippingEnv(),
    bundle(fileURLToPath(new URL('../fixtures/foundation-workflows.ts', import.meta.url))),
  ]);
});

afterAll(async () => {
  await env?.teardown();
});

describe('time-skipping test server', () => {
  it('runs a workflow that sleeps 60 days to completion without waiting 60 days', async () => {
    expect(env.supportsTimeSkipping).toBe(true);
    const taskQueue = uniqueTaskQueue('sixty-days');
    const worker = await createTestWorker(env, { taskQueue, workflowBundle, activities });
    const wallStart = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute(sleeper, { args: ['60 days'], taskQueue, workflowId: `sleeper-${taskQueue}` }),
    );
    const wallMs = Date.now() - wallStart;
    const workflowElapsed = Date.parse(result.endedAt) - Date.parse(result.startedAt);
    // Workflow time really advanced by 60 days: the timer fired, it was not shortcut.
    expect(workflowElapsed).toBeGreaterThanOrEqual(60 * DAY);
    expect(workflowElapsed).toBeLessThan(61 * DAY);
    // …while the wall clock moved by seconds: only a skipping server can do that.
    expect(wallMs).toBeLessThan(60_000);
  });

  it('reports the skipped time through the environment clock as well', async () => {
    const before = await env.currentTimeMs();
    await env.sleep('3 days');
    const after = await env.currentTimeMs();
    expect(after - before).toBeGreaterThanOrEqual(3 * DAY);
  });
});
