import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'webpack';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Worker,
  type NativeConnection,
  type WorkflowBundleWithSourceMap,
  type WorkerOptions,
  type WorkerPlugin,
} from '@temporalio/worker';
import type { DataConverter, VersioningBehavior } from '@temporalio/common';
import { createEngineActivities, type EngineActivityDeps } from '../activities/index.js';
import { FAILURE_CONVERTER_PATH } from '../security/data-converter.js';
import { loadWorkerSettings, workerTuningOptions, type WorkerSettings } from './worker-settings.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Modules the workflow bundle loads once per worker, shared (and deep-frozen by the SDK) by every workflow in the
 * reusable V8 context, rather than instantiated again for each cached workflow (issue 18 §2, docs/performance.md
 * "Open incidents"): workflows/preloaded-modules.ts names the stateless libraries (zod, @date-fns/tz).
 */
export const WORKFLOW_PRELOAD_MODULES: readonly string[] = [fileURLToPath(new URL('../workflows/preloaded-modules.ts', import.meta.url))];

// The SDK's own webpack (the one bundleWorkflowCode runs; not a dependency of the engine's own).
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@temporalio/worker'));
const webpack = sdkRequire('webpack') as typeof import('webpack');
const ZOD_REGEXES = path.join(path.dirname(createRequire(import.meta.url).resolve('zod')), 'v4', 'core', 'regexes.js');
const ZOD_REGEXES_PER_USE = fileURLToPath(new URL('../workflows/zod-regexes-per-use.cjs', import.meta.url));

/**
 * zod's own modules import `./regexes.js` from workflows/zod-regexes-per-use.cjs instead (a fresh copy of each pattern
 * at every read): preloaded, zod's patterns would be frozen, and zod writes `lastIndex` before each test.
 */
function zodRegexesPerUse(config: Configuration): Configuration {
  const zodCore = path.dirname(ZOD_REGEXES);
  return {
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), 'zod-original-regexes$': ZOD_REGEXES } },
    plugins: [
      ...(config.plugins ?? []),
      new webpack.NormalModuleReplacementPlugin(/^\.\/regexes\.js$/, (r: { context?: string; request: string }) => {
        if (r.context && path.resolve(r.context) === zodCore) r.request = ZOD_REGEXES_PER_USE;
      }),
    ],
  };
}

/** Bundles workflow code as the engine's worker does (webpack, a few seconds): do it once per process. */
export function bundleWorkflows(
  workflowsPath: string,
  preloadModules: readonly string[] = WORKFLOW_PRELOAD_MODULES,
  opts: { workflowInterceptorModules?: string[] } = {},
): Promise<WorkflowBundleWithSourceMap> {
  // The failure converter runs inside the sandbox too, so it is bundled with the workflows.
  // Webpack's module listing is noise for an operator: warnings and errors only.
  return bundleWorkflowCode({
    workflowsPath,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    preloadModules: [...preloadModules],
    ...(preloadModules.length ? { webpackConfigHook: zodRegexesPerUse } : {}),
    // Tracing's workflow interceptors (worker/tracing.ts) are bundled in only when tracing is on.
    ...(opts.workflowInterceptorModules?.length ? { workflowInterceptorModules: opts.workflowInterceptorModules } : {}),
    logger: new DefaultLogger('WARN'),
  });
}

/** Bundles the engine's workflow code (webpack, a few seconds): do it once per process. */
export function bundleEngineWorkflows(opts: { workflowInterceptorModules?: string[] } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflows(WORKFLOWS_PATH, WORKFLOW_PRELOAD_MODULES, opts);
}

export interface EngineWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Bundled workflow code: in memory, or a pre-built file (`{ codePath }`, a benchmark's worker process). */
  workflowBundle: WorkflowBundleWithSourceMap | { codePath: string };
  /** The encrypting data converter (security/data-converter.ts): required, the engine never writes clear payloads. */
  dataConverter: DataConverter;
  identity?: string;
  activities: EngineActivityDeps;
  /** Worker Versioning (docs/upgrades.md): set from BREACH_WORKER_DEPLOYMENT / BREACH_WORKER_BUILD_ID. */
  deployment?: EngineWorkerDeployment;
  /** Cache size, task slots and pollers; from the BREACH_WORKER_* variables when absent (worker/worker-settings.ts). */
  settings?: WorkerSettings;
  /** SDK plugins (tracing: worker/tracing.ts); their workflow interceptors must be in the bundle. */
  plugins?: WorkerPlugin[];
}

/** A worker deployment version: workflows started on it stay on it (PINNED) until they close. */
export interface EngineWorkerDeployment {
  deploymentName: string;
  buildId: string;
  defaultVersioningBehavior: VersioningBehavior;
}

/**
 * The Worker options that put a worker in a Worker Deployment (or none: unversioned, the default, and
 * then upgrades rely on `patched()` and the replay gate alone). Exported so the versioning test applies
 * exactly what the engine applies.
 */
export function workerDeploymentOptions(deployment: EngineWorkerDeployment | undefined): Pick<WorkerOptions, 'workerDeploymentOptions'> {
  if (!deployment) return {};
  return {
    workerDeploymentOptions: {
      useWorkerVersioning: true,
      version: { deploymentName: deployment.deploymentName, buildId: deployment.buildId },
      defaultVersioningBehavior: deployment.defaultVersioningBehavior,
    },
  };
}

/** The engine's worker: all product workflows and activities on one task queue. */
export function createEngineWorker(opts: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: opts.workflowBundle,
    activities: createEngineActivities(opts.activities),
    dataConverter: opts.dataConverter,
    ...(opts.identity ? { identity: opts.identity } : {}),
    ...(opts.plugins?.length ? { plugins: opts.plugins } : {}),
    ...workerDeploymentOptions(opts.deployment),
    ...workerTuningOptions(opts.settings ?? loadWorkerSettings()),
    shutdownGraceTime: '10s',
  });
}
