import { randomUUID } from 'node:crypto';
import { Runtime, DefaultLogger, Worker, type WorkflowBundleWithSourceMap, type WorkerOptions } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { testDataConverter } from './test-keys.js';
import { bundleWorkflows } from '../../worker/create-worker.js';

let runtimeInstalled = false;
/** `Runtime.install` may be called once per process: keep the SDK's own logging to warnings. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by another module in this process: keep that one.
  }
}

/** Bundle workflow code once per test file (the SDK's webpack build takes seconds), as the engine's worker does (shared modules preloaded). */
export function bundle(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflows(workflowsPath);
}

/** A unique task queue per test keeps tests in one file from stealing each other's tasks. */
export const uniqueTaskQueue = (name: string): string => `${name}-${randomUUID()}`;

export function createTestWorker(
  env: TestWorkflowEnvironment,
  opts: Omit<WorkerOptions, 'connection' | 'namespace'> & { workflowBundle: WorkflowBundleWithSourceMap },
): Promise<Worker> {
  installQuietRuntime();
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    shutdownGraceTime: '1s',
    dataConverter: testDataConverter,
    ...opts,
  });
}
