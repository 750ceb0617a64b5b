import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../activities/engine-self-check.js';

const { reportWorkerHealth } = proxyActivities<typeof activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

export interface EngineSelfCheckResult {
  workflowId: string;
  taskQueue: string;
  worker: { nodeVersion: string; pid: number; uptimeSeconds: number };
  checkedAt: string;
}

/**
 * Run once when the engine starts: proves that the server, the worker, the task queue and the payload
 * data converter work end to end (a round trip through a workflow and an activity), and leaves a visible
 * trace in the Temporal UI. Carries no incident data.
 */
export async function engineSelfCheck(): Promise<EngineSelfCheckResult> {
  const info = workflowInfo();
  const worker = await reportWorkerHealth();
  return { workflowId: info.workflowId, taskQueue: info.taskQueue, worker, checkedAt: new Date().toISOString() };
}
