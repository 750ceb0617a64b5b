/**
 * Benchmark (not part of `npm test`), issue 18 §2: what one cached workflow costs the worker's memory, and
 * how much of it is the workflow's own state versus the module graph its bundle instantiates for every
 * workflow (the SDK's reusable V8 context keeps a module cache per workflow).
 *
 *   npx tsx bench/workflow-memory.ts [--workflows 300] [--variants alone,engine-no-preload,engine,deadline-bundle,engine-schemas-shared]
 *
 * RSS counts everything; the live heap (after a full collection) counts the workflows only with TEMPORAL_DEBUG=1
 * (workflows then run on the worker's main thread instead of its workflow thread).
 *
 * The same idle workflow (test/fixtures/idle-workflow.ts: waits, answers a query) is run M times in the engine's
 * worker process (bench/engine-worker-process.ts, cache large enough for all) from two bundles: alone, and
 * beside the engine's workflows (bench/bench-workflows.ts). Reports the worker's RSS before and with M
 * cached, per workflow.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDevServerEnv } from '../test/harness/temporal-env.js';
import { uniqueTaskQueue } from '../test/harness/test-worker.js';
import { bundleWorkflows, WORKFLOW_PRELOAD_MODULES } from '../worker/create-worker.js';
import { benchIdleWorkflow, idleQuery } from '../test/fixtures/idle-workflow.js';

const i = process.argv.indexOf('--workflows');
const M = i >= 0 ? Number(process.argv[i + 1]) : 300;
if (!Number.isInteger(M) || M < 1) throw new Error('--workflows must be a positive whole number');
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (b: number) => Math.round(b / 2 ** 20);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-wfmem-'));
const env = await startDevServerEnv();
const results: Record<string, unknown>[] = [];
const only = (() => {
  const v = process.argv.indexOf('--variants');
  return v >= 0 ? new Set(process.argv[v + 1]!.split(',')) : undefined;
})();
/** The bundles compared: the idle workflow alone, beside the engine's workflows, and the engine's as the worker bundles them. */
const variants: { key: string; name: string; entry: string; preloadModules?: string[] }[] = [
  { key: 'alone', name: 'idle workflow alone', entry: '../test/fixtures/idle-workflow.ts' },
  {
    key: 'engine-no-preload',
    name: 'idle workflow in the engine bundle, nothing preloaded',
    entry: './bench-workflows.ts',
    preloadModules: [],
  },
  { key: 'engine', name: 'idle workflow in the engine bundle, as the worker bundles it', entry: './bench-workflows.ts' },
  {
    key: 'deadline-bundle',
    name: 'idle workflow beside the obligation and decision-due workflows only (a bundle of their own)',
    entry: './deadline-bench-workflows.ts',
  },
  // Not a working bundle (frozen zod schemas cannot build their lazy fields): measures what the schemas built at
  // module scope by the incident's contract and domain modules cost per workflow.
  {
    key: 'engine-schemas-shared',
    name: 'idle workflow in the engine bundle, the contract and domain schemas shared too (measurement only)',
    entry: './bench-workflows.ts',
    preloadModules: [
      ...WORKFLOW_PRELOAD_MODULES,
      ...['contract/incident-requests.ts', 'domain/state-law/schema.ts', 'domain/facts.ts', 'domain/notification-policy.ts'].map((m) =>
        here(`../${m}`),
      ),
    ],
  },
];
try {
  for (const { key, name, entry, preloadModules } of variants.filter((v) => !only || only.has(v.key))) {
    const codePath = path.join(tmp, `${key}.js`);
    fs.writeFileSync(codePath, (await bundleWorkflows(here(entry), preloadModules)).code);
    const taskQueue = uniqueTaskQueue('wfmem');
    let status = { rss: 0, heap: 0 };
    let onGc: ((s: typeof status) => void) | undefined;
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', here('./engine-worker-process.ts')], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: env.address,
        TASK_QUEUE: taskQueue,
        WORKFLOW_BUNDLE: codePath,
        BREACH_DATA_DIR: tmp,
        BREACH_WORKER_MAX_CACHED_WORKFLOWS: String(Math.max(M + 10, 50)),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        const s = d.toString();
        if (s.includes('worker-ready')) resolve();
        for (const m of s.matchAll(/status (\d+) \d+ (\d+)( gc)?/g)) {
          status = { rss: Number(m[1]), heap: Number(m[2]) };
          if (m[3] && onGc) onGc(status);
        }
      }),
    );
    /** Memory after a full collection in the worker process: live objects, not garbage waiting to be collected. */
    const collected = () =>
      new Promise<typeof status>((resolve) => {
        onGc = resolve;
        child.stdin.write('gc\n');
      });
    // One workflow first (the bundle's first instantiation), then the rest.
    const run = Date.now();
    const start = async (k: number) => {
      const h = await env.client.workflow.start(benchIdleWorkflow, { taskQueue, workflowId: `idle-${run}-${k}` });
      await h.query(idleQuery);
    };
    await start(0);
    await sleep(2_000);
    const before = await collected();
    for (let k = 1; k <= M; k += 20) await Promise.all(Array.from({ length: Math.min(20, M + 1 - k) }, (_, j) => start(k + j)));
    await sleep(2_000);
    const peakRss = status.rss;
    const after = await collected();
    results.push({
      bundle: name,
      workflows: M,
      rssWithOneMB: mb(before.rss),
      rssWithAllMB: mb(after.rss),
      rssBeforeCollectionMB: mb(peakRss),
      perWorkflowRssMB: Number(((after.rss - before.rss) / M / 2 ** 20).toFixed(2)),
      heapWithOneMB: mb(before.heap),
      heapWithAllMB: mb(after.heap),
      perWorkflowHeapMB: Number(((after.heap - before.heap) / M / 2 ** 20).toFixed(3)),
    });
    for (let k = 0; k <= M; k++) await env.client.workflow.getHandle(`idle-${run}-${k}`).terminate('benchmark done');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
} finally {
  await env.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} vCPU, Node ${process.version}`,
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
      // The heap figures are the worker process's main thread: workflows run there only in debug mode.
      heapCounts: process.env.TEMPORAL_DEBUG
        ? 'workflows (TEMPORAL_DEBUG: run on the main thread)'
        : 'main thread only, not the workflow thread',
      results,
    },
    null,
    2,
  ),
);
