import { z } from 'zod';
import { processEnv } from '../config/index.js';
import type { WorkerOptions } from '@temporalio/worker';

/**
 * The worker's capacity settings, from the environment (issue 18 §2–3). Validated: a bad value names the
 * variable and the rule. The defaults are chosen from bench/open-incidents.ts and bench/action-latency.ts
 * (docs/performance.md): the SDK's own default cache size follows the V8 heap limit (≈2,300 workflows on
 * an 8 GB machine, ~2 MB each: the ~4.6 GB plateau of issue 18), so the engine sets its own. Each cached
 * workflow costs ~1.3 MB of RSS since the libraries are shared (worker/create-worker.ts WORKFLOW_PRELOAD_MODULES,
 * before 2.7 MB): 100 cached ≈ 130 MB over the worker's ~300 MB idle; the cache is what bounds memory at 10,000
 * incidents, not the incident count.
 *
 * A workflow evicted from the cache costs nothing while it sleeps on a timer; it is replayed from its
 * history when its next task comes (a person's action, a reminder timer), which is what the cache trades.
 */
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);

export const WORKER_SETTING_DEFAULTS = {
  maxCachedWorkflows: 100,
  maxConcurrentWorkflowTaskExecutions: 40,
  maxConcurrentActivityTaskExecutions: 100,
  workflowTaskPollers: 10,
  activityTaskPollers: 10,
} as const;

const WorkerEnv = z.object({
  BREACH_WORKER_MAX_CACHED_WORKFLOWS: z.preprocess(
    blankIsUnset,
    count(0, 100_000)
      .refine((n) => n !== 1, 'must be 0 (no cache) or at least 2')
      .default(WORKER_SETTING_DEFAULTS.maxCachedWorkflows),
  ),
  BREACH_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.preprocess(
    blankIsUnset,
    count(2, 10_000).default(WORKER_SETTING_DEFAULTS.maxConcurrentWorkflowTaskExecutions),
  ),
  BREACH_WORKER_MAX_CONCURRENT_ACTIVITIES: z.preprocess(
    blankIsUnset,
    count(1, 10_000).default(WORKER_SETTING_DEFAULTS.maxConcurrentActivityTaskExecutions),
  ),
  BREACH_WORKER_WORKFLOW_POLLERS: z.preprocess(blankIsUnset, count(2, 1_000).default(WORKER_SETTING_DEFAULTS.workflowTaskPollers)),
  BREACH_WORKER_ACTIVITY_POLLERS: z.preprocess(blankIsUnset, count(1, 1_000).default(WORKER_SETTING_DEFAULTS.activityTaskPollers)),
});

export interface WorkerSettings {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
  workflowTaskPollers: number;
  activityTaskPollers: number;
}

export class WorkerSettingsError extends Error {
  override name = 'WorkerSettingsError';
}

export function loadWorkerSettings(env: NodeJS.ProcessEnv = processEnv()): WorkerSettings {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new WorkerSettingsError(`Invalid worker settings: ${problems}`);
  }
  const e = parsed.data;
  const s: WorkerSettings = {
    maxCachedWorkflows: e.BREACH_WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: e.BREACH_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: e.BREACH_WORKER_MAX_CONCURRENT_ACTIVITIES,
    workflowTaskPollers: e.BREACH_WORKER_WORKFLOW_POLLERS,
    activityTaskPollers: e.BREACH_WORKER_ACTIVITY_POLLERS,
  };
  // The SDK would silently lower these; say it instead.
  if (s.maxCachedWorkflows > 0 && s.maxConcurrentWorkflowTaskExecutions > s.maxCachedWorkflows) {
    throw new WorkerSettingsError(
      `Invalid worker settings: BREACH_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (${s.maxConcurrentWorkflowTaskExecutions}) must not exceed BREACH_WORKER_MAX_CACHED_WORKFLOWS (${s.maxCachedWorkflows}) unless the cache is off (0)`,
    );
  }
  return s;
}

/** The settings as Temporal worker options. */
export function workerTuningOptions(
  s: WorkerSettings,
): Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'workflowTaskPollerBehavior'
  | 'activityTaskPollerBehavior'
> {
  return {
    maxCachedWorkflows: s.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: s.maxConcurrentWorkflowTaskExecutions,
    maxConcurrentActivityTaskExecutions: s.maxConcurrentActivityTaskExecutions,
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: s.workflowTaskPollers },
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: s.activityTaskPollers },
  };
}
