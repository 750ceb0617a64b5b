/**
 * Benchmark (not part of `npm test`), issue 18 §2: many incidents open at once on ONE worker.
 *
 *   npm run bench:open -- [--incidents 2000] [--concurrency 20] [--days 60] [--sample 10] [--worker-heap-mb 0]
 *                         [--restart 1] [--preload 1]
 *
 * On the Temporal dev server (SQLite), with the engine's worker in a process of its own (its RSS is what
 * is reported; BREACH_WORKER_* of this environment are passed to it):
 *  1. opens N synthetic incidents at various stages — 10 % intake (no facts), 10 % assessment (facts, no
 *     decision), 10 % decided and held by law enforcement (164.412), 70 % decided with their obligation
 *     workflows planned, a tenth of those with one obligation confirmed — and waits until every plan is
 *     in place: obligation workflows sleeping on their reminder timers;
 *  2. the board's list query: first page (50) unfiltered and by stage, and the whole list paged;
 *  3. the daily digest over all open incidents (the real workflow and activity);
 *  4. restarts the worker (SIGTERM, a new process) and times how long until every incident and every
 *     obligation workflow has answered a query again (each is replayed from its history once evicted);
 *  5. with `--days D` (default 60): on the time-skipping server, `--sample` incidents of each stage live
 *     D simulated days (reminders, escalations, overdue) and their history events are counted, incident
 *     plus its obligation workflows.
 * Reports JSON: the machine, the load (load average before and after), the worker settings, every figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDevServerEnv, startTimeSkippingEnv } from '../test/harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../test/harness/test-worker.js';
import { bundleWorkflows, WORKFLOW_PRELOAD_MODULES } from '../worker/create-worker.js';
import { coveredEntityBreach, businessAssociateBreach } from '../test/fixtures/synthetic-facts.js';
import { createEngineActivities } from '../activities/index.js';
import { IncidentService } from '../service/incident-service.js';
import { listIncidents } from '../service/incident-list.js';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes.js';
import { ensureSearchAttributes } from '../worker/search-attribute-registration.js';
import { dailyDigestWorkflow } from '../workflows/daily-digest-workflow.js';
import { obligationStateQuery } from '../contract/obligation-messages.js';
import { loadWorkerSettings, workerTuningOptions } from '../worker/worker-settings.js';
import type { Client } from '@temporalio/client';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number`);
  return v;
}
const N = arg('incidents', 2000);
const CONCURRENCY = arg('concurrency', 20);
const DAYS = arg('days', 60);
const SAMPLE = arg('sample', 10);
/** 0: skip the worker restart (step 4), for a short memory run. */
const RESTART = arg('restart', 1);
/** 0: bundle without the shared modules preloaded (the worker's bundle before issue 18 §2's change), to compare. */
const PRELOAD = arg('preload', 1);
/** V8 old-space limit of the worker process (its workflow thread too), MB; 0: Node's default. */
const WORKER_HEAP_MB = arg('worker-heap-mb', 0);
const settings = loadWorkerSettings();
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const status = (s: string) => process.stderr.write(`\r\x1b[K${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const mb = (b: number) => Math.round(b / 2 ** 20);

async function pool<T>(items: T[], size: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/**
 * On an overloaded machine a query can time out on the server ("query timed out before a worker could
 * process it"): retried a few times and counted, not fatal (the count is reported).
 */
let retries = 0;
async function patiently<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let k = 1; ; k++) {
    try {
      return await fn();
    } catch (err) {
      if (
        k >= attempts ||
        !/timed out|deadline|Unavailable|context canceled/i.test(
          `${(err as Error).message} ${String((err as { cause?: Error }).cause?.message ?? '')}`,
        )
      )
        throw err;
      retries++;
      await sleep(1_000 * k);
    }
  }
}

type Stage = 'intake' | 'assessment' | 'held' | 'notification' | 'notification+confirmed';
const stageOf = (i: number): Stage =>
  (
    [
      'intake',
      'assessment',
      'held',
      'notification',
      'notification',
      'notification',
      'notification',
      'notification',
      'notification',
      'notification+confirmed',
    ] as const
  )[i % 10]!;

/** Brings one synthetic incident to its stage. `now`: the server's clock (ms). */
async function openAt(service: IncidentService, ref: string, stage: Stage, i: number, now: number): Promise<void> {
  // Discovered 1, 20, 40 or 56 days ago: deadlines spread, a quarter due within the digest's 7 days.
  const discovered = new Date(now - [1, 20, 40, 56][i % 4]! * 86_400_000).toISOString();
  const ba = i % 7 === 3;
  const facts = ba ? businessAssociateBreach(discovered) : coveredEntityBreach(discovered);
  // Retried with the same reference and request ids: a retry is a no-op on the engine's side.
  await patiently(() =>
    service.open({
      ref,
      openedBy: 'bench-responder',
      role: ba ? 'business_associate' : 'covered_entity',
      ...(stage === 'intake' ? {} : { facts }),
    }),
  );
  if (stage === 'intake' || stage === 'assessment') return;
  await patiently(() => service.decide(ref, { requestId: `${ref}-decide`, by: 'bench-privacy-officer', reportable: true }));
  if (stage === 'held') {
    await patiently(() =>
      service.hold(ref, {
        requestId: `${ref}-hold`,
        by: 'bench-privacy-officer',
        statement: {
          kind: 'oral',
          official: 'Det. Example (synthetic)',
          agency: 'Metro Police (synthetic)',
          receivedAt: new Date(now).toISOString(),
        },
      }),
    );
  }
  // The plan is in place when the incident lists its obligation workflows.
  let s = await patiently(() => service.status(ref));
  while (s.obligations.length === 0) {
    await sleep(200);
    s = await patiently(() => service.status(ref));
  }
  if (stage === 'notification+confirmed') {
    const o = s.obligations[0]!.obligation;
    await patiently(() =>
      service.confirm(ref, {
        requestId: `${ref}-confirm`,
        by: 'bench-privacy-officer',
        obligationId: o.id,
        evidence: { method: o.kind === 'hhs_annual_log' ? 'hhs_portal' : 'first_class_mail', reference: `BENCH-${o.id}` },
      }),
    );
  }
}

interface WorkerHandle {
  child: ChildProcess;
  peakRss: number;
  lastRss: number;
  heapUsed: number;
  /** RSS at the first report after `worker-ready` (nothing run yet). */
  idleRss: number;
  cached: number;
  exited: Promise<void>;
}

function spawnWorker(env: Record<string, string>): Promise<WorkerHandle> {
  const child = spawn(
    process.execPath,
    [...(WORKER_HEAP_MB ? [`--max-old-space-size=${WORKER_HEAP_MB}`] : []), '--import', 'tsx', here('./engine-worker-process.ts')],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const h: WorkerHandle = {
    child,
    peakRss: 0,
    lastRss: 0,
    heapUsed: 0,
    idleRss: 0,
    cached: 0,
    exited: new Promise((r) => child.once('exit', () => r())),
  };
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.includes('worker-ready')) resolve(h);
        const m = /^status (\d+) (\d+) (\d+)/.exec(line);
        if (m) {
          h.lastRss = Number(m[1]);
          h.heapUsed = Number(m[3]);
          h.idleRss ||= h.lastRss;
          h.peakRss = Math.max(h.peakRss, h.lastRss);
          h.cached = Number(m[2]);
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

async function countRunning(client: Client, type: string): Promise<number> {
  return (await client.workflow.count(`WorkflowType = '${type}' AND ExecutionStatus = 'Running'`)).count;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, Math.round(performance.now() - t)];
}

const machine = `${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Temporal CLI dev server (SQLite, in memory)`;
const loadBefore = os.loadavg().map((x) => Number(x.toFixed(2)));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-open-bench-'));
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine,
  loadAverageBefore: loadBefore,
  incidents: N,
  concurrency: CONCURRENCY,
  workerSettings: settings,
  workerHeapMB: WORKER_HEAP_MB || 'node default',
  sharedModulesPreloaded: PRELOAD === 1,
};
let worker: WorkerHandle | undefined;

const env = await startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
try {
  const b = await bundleWorkflows(here('./bench-workflows.ts'), PRELOAD ? WORKFLOW_PRELOAD_MODULES : []);
  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, b.code);
  const taskQueue = uniqueTaskQueue('open-bench');
  const workerEnv = {
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_NAMESPACE: env.namespace ?? 'default',
    TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE: bundlePath,
    BREACH_DATA_DIR: tmp,
  };
  worker = await spawnWorker(workerEnv);
  const service = new IncidentService({ client: env.client, taskQueue });
  const run = `${Date.now()}`;
  const refs = Array.from({ length: N }, (_, i) => `OPEN-${run}-${i}`);

  // 1. Open them all.
  const now = Date.now();
  const [, openMs] = await timed(() =>
    pool(refs, CONCURRENCY, async (ref, i) => {
      await openAt(service, ref, stageOf(i), i, now);
      if (i % 50 === 0) status(`opening: ${i}/${N}, worker RSS ${mb(worker!.lastRss)} MB, ${worker!.cached} cached…`);
    }),
  );
  await sleep(5_000);
  const incidentsRunning = await countRunning(env.client, 'incidentWorkflow');
  const obligationsRunning = await countRunning(env.client, 'obligationWorkflow');
  report.open = {
    ms: openMs,
    incidentsPerSecond: Number((N / (openMs / 1000)).toFixed(1)),
    incidentWorkflowsRunning: incidentsRunning,
    obligationWorkflowsRunning: obligationsRunning,
    workflowsRunning: incidentsRunning + obligationsRunning,
    workerIdleRssMB: mb(worker.idleRss),
    workerPeakRssMB: mb(worker.peakRss),
    workerRssAfterMB: mb(worker.lastRss),
    workerHeapUsedAfterMB: mb(worker.heapUsed),
    cachedWorkflows: worker.cached,
  };
  status('board list…');

  // 2. The board: first page, unfiltered and by stage (what GET /incidents does), then the whole list paged.
  const firstPage: number[] = [];
  const byStage: number[] = [];
  for (let k = 0; k < 5; k++) {
    firstPage.push((await timed(() => listIncidents(env.client, { limit: 50 })))[1]);
    byStage.push((await timed(() => listIncidents(env.client, { limit: 50, stage: 'notification', reportable: true })))[1]);
  }
  const [all, allMs] = await timed(() => listIncidents(env.client, { limit: Number.MAX_SAFE_INTEGER }));
  report.board = {
    firstPage50MsMedian: pct(firstPage, 50),
    firstPage50ByStageMsMedian: pct(byStage, 50),
    wholeListMs: allMs,
    wholeListRows: all.length,
  };
  status('daily digest…');

  // 3. The daily digest over all of them (the workflow the 08:00 schedule starts).
  const [digest, digestMs] = await timed(() =>
    env.client.workflow.execute(dailyDigestWorkflow, { taskQueue, workflowId: `digest-${run}`, args: [{ withinDays: 7 }] }),
  );
  report.dailyDigest = { ms: digestMs, ...digest };
  report.workerRssBeforeRestartMB = mb(worker.lastRss);

  if (RESTART) {
    status('restarting the worker…');
    // 4. Restart: a new worker process, then every workflow asked once (replayed from history when not cached).
    worker.child.kill('SIGTERM');
    await worker.exited;
    const [w2, readyMs] = await timed(() => spawnWorker(workerEnv));
    worker = w2;
    const obligationIds: string[] = [];
    const [, incidentsMs] = await timed(() =>
      pool(refs, CONCURRENCY, async (ref, i) => {
        const s = await patiently(() => service.status(ref));
        for (const o of s.obligations) obligationIds.push(o.childWorkflowId);
        if (i % 100 === 0) status(`resuming incidents: ${i}/${N}, worker RSS ${mb(worker!.lastRss)} MB…`);
      }),
    );
    const [, obligationsMs] = await timed(() =>
      pool(obligationIds, CONCURRENCY, async (id, i) => {
        await patiently(() => env.client.workflow.getHandle(id).query(obligationStateQuery));
        if (i % 200 === 0) status(`resuming obligations: ${i}/${obligationIds.length}, worker RSS ${mb(worker!.lastRss)} MB…`);
      }),
    );
    await sleep(1_000);
    report.restart = {
      workerReadyMs: readyMs,
      everyIncidentAnsweredMs: incidentsMs,
      everyObligationAnsweredMs: obligationsMs,
      totalMs: readyMs + incidentsMs + obligationsMs,
      workflowsReplayed: N + obligationIds.length,
      workflowsReplayedPerSecond: Math.round((N + obligationIds.length) / ((incidentsMs + obligationsMs) / 1000)),
      workerPeakRssMB: mb(worker.peakRss),
      workerRssAfterMB: mb(worker.lastRss),
      workerHeapUsedAfterMB: mb(worker.heapUsed),
      cachedWorkflows: worker.cached,
    };
    // History now (after the day's work), incident + obligations, on a sample.
    let events = 0;
    const sample = refs.filter((_, i) => stageOf(i) === 'notification').slice(0, 20);
    for (const ref of sample) {
      events += (await env.client.workflow.getHandle(`incident-${ref}`).fetchHistory()).events?.length ?? 0;
      for (const o of (await patiently(() => service.status(ref))).obligations)
        events += (await env.client.workflow.getHandle(o.childWorkflowId).fetchHistory()).events?.length ?? 0;
    }
    report.historyEventsPerDecidedIncidentDay1 = Math.round(events / Math.max(1, sample.length));
  }
  worker.child.kill('SIGTERM');
  await worker.exited;
  worker = undefined;
} finally {
  worker?.child.kill('SIGKILL');
  await env.teardown();
}

// 5. Simulated days on the time-skipping server: history events per incident (incident + obligations).
if (DAYS > 0 && SAMPLE > 0) {
  // The worker's figures so far, in case the simulation (a long run under load, a different worker) is cut short.
  process.stderr.write(`\nbefore the simulated days: ${JSON.stringify(report)}\n`);
  status(`simulating ${DAYS} days…`);
  const ts = await startTimeSkippingEnv();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-open-bench-days-'));
  try {
    await ensureSearchAttributes(ts.connection, ts.namespace ?? 'default', ALL_SEARCH_ATTRIBUTES, () => undefined);
    const taskQueue = uniqueTaskQueue('open-bench-days');
    const w = await createTestWorker(ts, {
      taskQueue,
      workflowBundle: await bundle(here('../workflows/index.ts')),
      activities: createEngineActivities({ dataDir, mailer: { kind: 'outbox', dir: path.join(dataDir, 'outbox') } }),
      ...workerTuningOptions(settings),
    });
    const running = w.run();
    const service = new IncidentService({ client: ts.client, taskQueue });
    const now = await ts.currentTimeMs();
    const refs = Array.from({ length: SAMPLE * 10 }, (_, i) => `DAYS-${i}`);
    for (const [i, ref] of refs.entries()) await openAt(service, ref, stageOf(i), i, now);
    await ts.sleep(DAYS * 86_400_000);
    const perStage = new Map<Stage, number[]>();
    let max = 0;
    for (const [i, ref] of refs.entries()) {
      let n = (await ts.client.workflow.getHandle(`incident-${ref}`).fetchHistory()).events?.length ?? 0;
      for (const o of (await service.status(ref)).obligations)
        n += (await ts.client.workflow.getHandle(o.childWorkflowId).fetchHistory()).events?.length ?? 0;
      perStage.set(stageOf(i), [...(perStage.get(stageOf(i)) ?? []), n]);
      max = Math.max(max, n);
    }
    report.historyEventsOver = {
      days: DAYS,
      incidents: refs.length,
      meanByStage: Object.fromEntries([...perStage].map(([k, v]) => [k, Math.round(v.reduce((a, b) => a + b, 0) / v.length)])),
      mean: Math.round([...perStage.values()].flat().reduce((a, b) => a + b, 0) / refs.length),
      max,
      reminderMails: fs.existsSync(path.join(dataDir, 'outbox')) ? fs.readdirSync(path.join(dataDir, 'outbox')).length : 0,
    };
    w.shutdown();
    await running;
  } finally {
    await ts.teardown();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
status('');
report.queryRetries = retries;
report.loadAverageAfter = os.loadavg().map((x) => Number(x.toFixed(2)));
fs.rmSync(tmp, { recursive: true, force: true });
console.log(JSON.stringify(report, null, 2));
