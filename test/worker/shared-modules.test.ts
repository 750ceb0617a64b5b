import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startTimeSkippingEnv } from '../harness/temporal-env.js';
import { createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { bundleWorkflows, WORKFLOW_PRELOAD_MODULES } from '../../worker/create-worker.js';
import { sharedModulesProbeWorkflow } from '../fixtures/shared-modules-probe.js';

/**
 * Issue 18 §2: the worker's bundle preloads the stateless libraries (zod, @date-fns/tz: workflows/preloaded-modules.ts)
 * so every cached workflow shares one instance of them instead of instantiating its own (1.77 → 0.99 MB of live heap
 * per cached workflow, docs/performance.md). On a real worker: inside two workflows the libraries are the shared,
 * SDK-frozen instances, and the engine's request schemas still parse (a frozen zod must not need to write its config).
 */
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;
const probePath = fileURLToPath(new URL('../fixtures/shared-modules-probe.ts', import.meta.url));

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([startTimeSkippingEnv(), bundleWorkflows(probePath)]);
});
afterAll(async () => {
  await env?.teardown();
});

describe('libraries shared by every workflow of the worker (bundle preloadModules)', () => {
  it('the worker bundle preloads workflows/preloaded-modules.ts', () => {
    expect(WORKFLOW_PRELOAD_MODULES.map((m) => m.replace(/\\/g, '/'))).toEqual([
      expect.stringMatching(/\/workflows\/preloaded-modules\.ts$/),
    ]);
    // Webpack prunes a bare package entry free of side effects to `0;`: the preload must require a real module.
    expect(workflowBundle.code).toMatch(/preloadModules\(\) \{\s*__webpack_require__\([^)]*"\.\/workflows\/preloaded-modules\.ts"\)/);
  });

  it('inside each workflow zod and TZDate are the shared frozen instances, and request schemas still validate', async () => {
    const taskQueue = uniqueTaskQueue('shared-modules');
    const worker = await createTestWorker(env, { taskQueue, workflowBundle });
    const results = await worker.runUntil(
      Promise.all(
        [1, 2].map((k) =>
          env.client.workflow.execute(sharedModulesProbeWorkflow, { taskQueue, workflowId: `shared-modules-${taskQueue}-${k}` }),
        ),
      ),
    );
    for (const r of results) {
      expect(r.zodShared).toBe(true);
      expect(r.tzShared).toBe(true);
      expect(r.refusal).toMatch(/^obligationId: /);
      expect(r.refusal).not.toBe('obligationId: ');
      expect(r.accepted).toBe(true);
      // A frozen shared pattern threw `Cannot assign to read only property 'lastIndex'` here (worker/create-worker.ts).
      expect(r.patterns).toEqual([true, false, true, false]);
    }
  });

  it('without the preload each workflow instantiates its own zod (what the test above tells apart)', async () => {
    const unshared = await bundleWorkflows(probePath, []);
    const taskQueue = uniqueTaskQueue('unshared-modules');
    const worker = await createTestWorker(env, { taskQueue, workflowBundle: unshared });
    const r = await worker.runUntil(
      env.client.workflow.execute(sharedModulesProbeWorkflow, { taskQueue, workflowId: `unshared-modules-${taskQueue}` }),
    );
    expect(r).toMatchObject({ zodShared: false, tzShared: false, accepted: true, patterns: [true, false, true, false] });
  });
});
