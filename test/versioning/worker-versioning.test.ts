import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { workerDeploymentOptions, type EngineWorkerDeployment } from '../../worker/create-worker.js';
import { loadEngineConfig } from '../../worker/engine-config.js';

/**
 * Issue 14 item 3 (docs/upgrades.md): Worker Versioning on the dev server. A workflow started on
 * deployment version v1 is PINNED there; after the deployment's current version becomes v2, new
 * workflows run v2's code and the pinned one finishes on v1's worker, with v1's code.
 */
const probe = (v: 1 | 2) => fileURLToPath(new URL(`./probe-v${v}.ts`, import.meta.url));

let env: TestWorkflowEnvironment;
let bundles: Record<1 | 2, WorkflowBundleWithSourceMap>;
const workers: { worker: Worker; running: Promise<void> }[] = [];

beforeAll(async () => {
  env = await startDevServerEnv();
  bundles = { 1: await bundle(probe(1)), 2: await bundle(probe(2)) };
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
  await Promise.allSettled(workers.map((w) => w.running));
  await env?.teardown();
});

/** The deployment settings exactly as the engine reads them (config/) and applies them (create-worker). */
function deploymentFromConfig(deploymentName: string, buildId: string): EngineWorkerDeployment {
  const config = loadEngineConfig({ BREACH_WORKER_DEPLOYMENT: deploymentName, BREACH_WORKER_BUILD_ID: buildId });
  if (!config.deployment) throw new Error('the engine configuration has no deployment');
  return config.deployment;
}

async function startWorker(taskQueue: string, v: 1 | 2, deployment: EngineWorkerDeployment | undefined): Promise<Worker> {
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowBundle: bundles[v],
    identity: `probe-worker-v${v}${deployment ? '' : '-unversioned'}`,
    ...workerDeploymentOptions(deployment),
  });
  workers.push({ worker, running: worker.run() });
  return worker;
}

async function eventually<T>(what: string, attempt: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > until) throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** The server accepts a version as current once a worker of that version has polled (it then knows it). */
function setCurrentVersion(deploymentName: string, buildId: string): Promise<unknown> {
  return eventually(`set current version ${buildId}`, () =>
    env.client.workflowService.setWorkerDeploymentCurrentVersion({
      namespace: env.namespace ?? 'default',
      deploymentName,
      buildId,
      identity: 'versioning-test',
    }),
  );
}

const completedBy = async (workflowId: string) => {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  return [
    ...new Set(
      (history.events ?? []).flatMap((e) =>
        e.workflowTaskCompletedEventAttributes?.identity ? [e.workflowTaskCompletedEventAttributes.identity] : [],
      ),
    ),
  ];
};

async function versioningOf(workflowId: string): Promise<{ behavior: string; buildId: string }> {
  const d = await env.client.workflow.getHandle(workflowId).describe();
  const info = d.raw.workflowExecutionInfo?.versioningInfo;
  const buildId = info?.deploymentVersion?.buildId ?? '';
  if (!buildId) throw new Error(`${workflowId} has no deployment version yet`);
  return { behavior: String(info?.behavior), buildId };
}

describe('Worker Versioning with pinned workflows (dev server)', () => {
  it('a workflow pinned to v1 stays on v1 after v2 becomes current; a new workflow runs on v2', async () => {
    const taskQueue = uniqueTaskQueue('versioning');
    const deploymentName = `breach-engine-${randomUUID().slice(0, 8)}`;
    const v1 = deploymentFromConfig(deploymentName, 'build-1');
    const v2 = deploymentFromConfig(deploymentName, 'build-2');
    expect(v1.defaultVersioningBehavior).toBe('PINNED');

    await startWorker(taskQueue, 1, v1);
    await setCurrentVersion(deploymentName, 'build-1');

    const old = await env.client.workflow.start('versionProbe', { taskQueue, workflowId: `probe-old-${randomUUID()}` });
    const oldVersioning = await eventually('old workflow pinned', () => versioningOf(old.workflowId));
    expect(oldVersioning.buildId).toBe('build-1');
    expect(oldVersioning.behavior).toMatch(/PINNED|1/);

    // The upgrade: release v2 and make it current.
    await startWorker(taskQueue, 2, v2);
    await setCurrentVersion(deploymentName, 'build-2');

    const fresh = await env.client.workflow.start('versionProbe', { taskQueue, workflowId: `probe-new-${randomUUID()}` });
    const freshVersioning = await eventually('new workflow on v2', () => versioningOf(fresh.workflowId));
    expect(freshVersioning.buildId).toBe('build-2');

    await old.signal('releaseProbe');
    await fresh.signal('releaseProbe');
    expect(await fresh.result()).toBe('code v2');
    // The pinned workflow's next task went to v1's worker and ran v1's code, though v2 is current.
    expect(await old.result()).toBe('code v1');
    expect((await versioningOf(old.workflowId)).buildId).toBe('build-1');
    expect(await completedBy(old.workflowId)).toEqual(['probe-worker-v1']);
    expect(await completedBy(fresh.workflowId)).toEqual(['probe-worker-v2']);
  }, 120_000);

  it('switching versioning on with incidents in flight: a workflow started unversioned moves to the current version', async () => {
    const taskQueue = uniqueTaskQueue('versioning-adopt');
    const deploymentName = `breach-engine-${randomUUID().slice(0, 8)}`;
    const unversioned = await startWorker(taskQueue, 1, undefined);
    const old = await env.client.workflow.start('versionProbe', { taskQueue, workflowId: `probe-unversioned-${randomUUID()}` });
    await eventually('first task done', async () => {
      if ((await completedBy(old.workflowId)).length === 0) throw new Error('no workflow task completed yet');
    });
    // The deployment adopts Worker Versioning: the unversioned worker is stopped, build-2 becomes current.
    unversioned.shutdown();
    await startWorker(taskQueue, 2, deploymentFromConfig(deploymentName, 'build-2'));
    await setCurrentVersion(deploymentName, 'build-2');
    await old.signal('releaseProbe');
    expect(await old.result()).toBe('code v2');
    expect(await completedBy(old.workflowId)).toEqual(['probe-worker-v1-unversioned', 'probe-worker-v2']);
  }, 120_000);
});
