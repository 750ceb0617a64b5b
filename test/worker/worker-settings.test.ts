import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { bundle, uniqueTaskQueue } from '../harness/test-worker.js';
import { testDataConverter } from '../harness/test-keys.js';
import { errorOf } from '../harness/error-of.js';
import { benchIdleWorkflow, idleQuery } from '../fixtures/idle-workflow.js';
import { createEngineWorker } from '../../worker/create-worker.js';
import { loadWorkerSettings, WORKER_SETTING_DEFAULTS } from '../../worker/worker-settings.js';

/**
 * Issue 18 §2: the worker's workflow cache is bounded by BREACH_WORKER_MAX_CACHED_WORKFLOWS (the SDK's
 * own default follows the V8 heap limit: thousands of workflows, ~2 MB each, the 4.6 GB plateau), and the
 * other capacity settings are read, checked and applied — on a real worker and dev server.
 */
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-worker-settings-'));

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([
    startDevServerEnv(),
    bundle(fileURLToPath(new URL('../fixtures/idle-workflow.ts', import.meta.url))),
  ]);
});
afterAll(async () => {
  await env?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('worker capacity settings (BREACH_WORKER_*)', () => {
  it('defaults to a bounded cache, and a bad value names the variable and the rule', () => {
    const d = loadWorkerSettings({});
    expect(d.maxCachedWorkflows).toBe(WORKER_SETTING_DEFAULTS.maxCachedWorkflows);
    expect(d.maxCachedWorkflows).toBeLessThanOrEqual(200);
    expect(loadWorkerSettings({ BREACH_WORKER_MAX_CACHED_WORKFLOWS: '' }).maxCachedWorkflows).toBe(
      WORKER_SETTING_DEFAULTS.maxCachedWorkflows,
    );
    expect(errorOf(() => loadWorkerSettings({ BREACH_WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).message).toMatch(
      /BREACH_WORKER_MAX_CACHED_WORKFLOWS/,
    );
    expect(errorOf(() => loadWorkerSettings({ BREACH_WORKER_MAX_CACHED_WORKFLOWS: '1' })).message).toMatch(
      /BREACH_WORKER_MAX_CACHED_WORKFLOWS: must be 0 \(no cache\) or at least 2/,
    );
    expect(errorOf(() => loadWorkerSettings({ BREACH_WORKER_WORKFLOW_POLLERS: '1' })).message).toMatch(/BREACH_WORKER_WORKFLOW_POLLERS/);
    expect(
      errorOf(() => loadWorkerSettings({ BREACH_WORKER_MAX_CACHED_WORKFLOWS: '10', BREACH_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20' }))
        .message,
    ).toMatch(/BREACH_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS \(20\) must not exceed BREACH_WORKER_MAX_CACHED_WORKFLOWS \(10\)/);
  });

  it('a real worker keeps at most BREACH_WORKER_MAX_CACHED_WORKFLOWS workflows cached and still serves every one', async () => {
    const previous = { ...process.env };
    Object.assign(process.env, {
      BREACH_WORKER_MAX_CACHED_WORKFLOWS: '3',
      BREACH_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '2',
      BREACH_WORKER_MAX_CONCURRENT_ACTIVITIES: '7',
      BREACH_WORKER_WORKFLOW_POLLERS: '2',
      BREACH_WORKER_ACTIVITY_POLLERS: '3',
    });
    const taskQueue = uniqueTaskQueue('worker-settings');
    let worker;
    try {
      // No explicit settings: createEngineWorker reads the environment, as `npm start` does.
      worker = await createEngineWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowBundle,
        dataConverter: testDataConverter,
        activities: { dataDir, mailer: { kind: 'outbox', dir: path.join(dataDir, 'outbox') } },
      });
    } finally {
      process.env = previous;
    }
    expect(worker.options.maxCachedWorkflows).toBe(3);
    // Task slots are compiled into the SDK's fixed-size tuner.
    expect(worker.options.tuner).toMatchObject({
      workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 2 },
      activityTaskSlotSupplier: { type: 'fixed-size', numSlots: 7 },
    });
    expect(worker.options.workflowTaskPollerBehavior).toMatchObject({ type: 'simple-maximum', maximum: 2 });
    expect(worker.options.activityTaskPollerBehavior).toMatchObject({ type: 'simple-maximum', maximum: 3 });
    const w = worker;
    await w.runUntil(async () => {
      const ids = Array.from({ length: 8 }, (_, i) => `idle-${taskQueue}-${i}`);
      let maxCached = 0;
      for (const workflowId of ids) {
        const h = await env.client.workflow.start(benchIdleWorkflow, { taskQueue, workflowId });
        expect(await h.query(idleQuery)).toBe('idle');
        maxCached = Math.max(maxCached, w.getStatus().numCachedWorkflows);
      }
      // Evicted workflows are replayed from their history when asked again.
      for (const workflowId of ids) expect(await env.client.workflow.getHandle(workflowId).query(idleQuery)).toBe('idle');
      maxCached = Math.max(maxCached, w.getStatus().numCachedWorkflows);
      expect(maxCached).toBeGreaterThanOrEqual(2);
      expect(maxCached).toBeLessThanOrEqual(3);
      for (const workflowId of ids) await env.client.workflow.getHandle(workflowId).terminate('test done');
    });
  });
});
