import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { freePort } from '../../scripts/temporal/free-port.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { handover, proceedSignal, stageQuery, waitsForSignal } from '../fixtures/foundation-workflows.js';
import type { StepRecord } from '../fixtures/foundation-activities.js';
import * as activities from '../fixtures/foundation-activities.js';

const workflowsPath = fileURLToPath(new URL('../fixtures/foundation-workflows.ts', import.meta.url));
const workerProcessPath = fileURLToPath(new URL('../fixtures/foundation-worker-process.ts', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-foundation-'));
process.env.FOUNDATION_ATTEMPT_LOG_DIR = tmp;

let workflowBundle: WorkflowBundleWithSourceMap;
const children: ChildProcess[] = [];

beforeAll(async () => {
  workflowBundle = await bundle(workflowsPath);
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function readRecords(runKey: string): StepRecord[] {
  const file = path.join(tmp, `${runKey}.jsonl`);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StepRecord);
}

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a worker in its own OS process (so it can be killed with SIGKILL) and waits until it polls. */
async function spawnWorker(env: TestWorkflowEnvironment, taskQueue: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerProcessPath], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TASK_QUEUE: taskQueue,
      FOUNDATION_WORKER_NAME: name,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('worker-ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker process ${name} exited early (${code})`)));
  });
  return child;
}

describe('dev server (Temporal CLI)', () => {
  it('a workflow survives its worker being killed mid-activity; a new worker finishes it', async () => {
    const env = await startDevServerEnv();
    try {
      const taskQueue = uniqueTaskQueue('handover');
      const runKey = `run-${path.basename(taskQueue)}`;
      const first = await spawnWorker(env, taskQueue, 'worker-1');
      const handle = await env.client.workflow.start(handover, { args: [runKey], taskQueue, workflowId: runKey });

      // Kill the first worker (SIGKILL: no goodbye) while the slow second step is running on it.
      await waitFor('step two to start on worker-1', () => readRecords(runKey).some((r) => r.step === 'two' && r.phase === 'started'));
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));

      await spawnWorker(env, taskQueue, 'worker-2');
      const result = await handle.result();

      const records = readRecords(runKey);
      const stepOne = records.filter((r) => r.step === 'one');
      const stepTwo = records.filter((r) => r.step === 'two');
      // Step one ran once, on the first worker, and was not repeated after the crash.
      expect(stepOne.map((r) => [r.phase, r.attempt, r.worker])).toEqual([
        ['started', 1, 'worker-1'],
        ['completed', 1, 'worker-1'],
      ]);
      // Step two: attempt 1 started on worker-1 and died with it; the server retried it (after the
      // heartbeat timeout) as attempt 2 on worker-2, which completed it. One execution per attempt.
      expect(stepTwo.map((r) => [r.phase, r.attempt, r.worker])).toEqual([
        ['started', 1, 'worker-1'],
        ['started', 2, 'worker-2'],
        ['completed', 2, 'worker-2'],
      ]);
      expect(result).toEqual(['one@worker-1#1', 'two@worker-2#2']);

      // The server's own history agrees: one completed execution of each step.
      const history = await handle.fetchHistory();
      const completed = (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes);
      expect(completed).toHaveLength(2);
    } finally {
      await env.teardown();
    }
  });

  it('a server started on a database file keeps a running workflow across a server restart', async () => {
    const dbFilename = path.join(tmp, 'restart.sqlite');
    const port = await freePort();
    const taskQueue = uniqueTaskQueue('restart');
    const workflowId = `restart-${path.basename(taskQueue)}`;

    // First life of the server: start the workflow, see it waiting, then kill the server.
    const env1 = await startDevServerEnv({ dbFilename, port });
    let runId: string;
    try {
      const worker1 = await createTestWorker(env1, { taskQueue, workflowBundle, activities });
      runId = await worker1.runUntil(async () => {
        const handle = await env1.client.workflow.start(waitsForSignal, { taskQueue, workflowId });
        await waitFor('the workflow to wait', async () => (await handle.query(stageQuery)) === 'waiting');
        return handle.firstExecutionRunId;
      });
    } finally {
      await env1.teardown(); // SIGKILLs the server process
    }
    expect(fs.statSync(dbFilename).size).toBeGreaterThan(0);

    // Second life, same database: the workflow is still there, still running, and finishes.
    const env2 = await startDevServerEnv({ dbFilename, port });
    try {
      const handle = env2.client.workflow.getHandle<typeof waitsForSignal>(workflowId, runId);
      const before = await handle.describe();
      expect(before.status.name).toBe('RUNNING');
      const worker2 = await createTestWorker(env2, { taskQueue, workflowBundle, activities });
      const result = await worker2.runUntil(async () => {
        await handle.signal(proceedSignal);
        return handle.result();
      });
      expect(result).toBe('done');
      const after = await handle.describe();
      expect(after.status.name).toBe('COMPLETED');
      expect(after.runId).toBe(runId);
    } finally {
      await env2.teardown();
    }
  });
});
