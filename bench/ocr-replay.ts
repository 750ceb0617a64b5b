/**
 * Benchmark (not part of `npm test`): real breaches from the public OCR list replayed as incidents through
 * the engine on the Temporal dev server — open with the row's facts (entity type, State, count, breach
 * type; discovery moved to yesterday), decide, until the plan's obligation workflows run — compared with
 * a baseline workflow making the same client round trips (start, one update, one activity) on the same
 * server and worker in the same run.
 *
 *   npm run bench:ocr -- [--incidents 1000] [--concurrency 50]
 *
 * Reports incidents/s (engine and baseline) and their ratio, open→planned latency p50/p95, obligation
 * workflows started, and history events per incident (incident + its obligation workflows).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServerEnv } from '../test/harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../test/harness/test-worker.js';
import { createEngineActivities } from '../activities/index.js';
import { IncidentService } from '../service/incident-service.js';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes.js';
import { loadOcrBreaches, ocrFacts } from '../test/fixtures/ocr-breaches.js';
import { baselineDecideUpdate, benchBaselineWorkflow } from './bench-workflows.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}
const N = arg('incidents', 1000);
const CONCURRENCY = arg('concurrency', 50);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const status = (s: string) => process.stderr.write(`\r\x1b[K${s}`);

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
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

const rows = loadOcrBreaches()
  .filter((b) => Number.isFinite(b.individuals))
  .slice(0, N);
if (rows.length < N) throw new Error(`the OCR list has only ${rows.length} usable rows`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-ocr-bench-'));
const env = await startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
try {
  const taskQueue = uniqueTaskQueue('ocr-bench');
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowBundle: await bundle(here('./bench-workflows.ts')),
    activities: {
      ...createEngineActivities({ dataDir: tmp, mailer: { kind: 'outbox', dir: path.join(tmp, 'outbox') } }),
      benchNoop: () => Promise.resolve('ok'),
    },
  });
  const running = worker.run();
  const service = new IncidentService({ client: env.client, taskQueue });
  const run = `${Date.now()}`;

  // Baseline: the same client round trips on a workflow that does nothing else.
  status(`baseline: ${N} workflows…`);
  const t0 = performance.now();
  await pool(rows, CONCURRENCY, async (_b, i) => {
    const h = await env.client.workflow.start(benchBaselineWorkflow, { taskQueue, workflowId: `baseline-${run}-${i}` });
    await h.executeUpdate(baselineDecideUpdate, { args: [true] });
    await h.result();
  });
  const baselineMs = performance.now() - t0;

  // The engine: every row opened, decided and planned (obligation workflows started).
  const latencies: number[] = [];
  let obligations = 0;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  const t1 = performance.now();
  await pool(rows, CONCURRENCY, async (b, i) => {
    const ref = `OCR-${run}-${i}`;
    const facts = ocrFacts(b);
    facts.dates = { occurredAt: new Date(Date.parse(yesterday) - 7 * 86_400_000).toISOString(), discoveredAt: yesterday };
    const start = performance.now();
    await service.open({ ref, openedBy: 'bench', role: facts.role, facts });
    await service.decide(ref, { by: 'bench-privacy-officer', reportable: true });
    // Wait on the server, not the worker: describe the first obligation workflow the plan starts until it
    // runs (queries would be answered by the same worker the benchmark measures).
    const first = env.client.workflow.getHandle(
      `incident-${ref}/obligation/${facts.role === 'business_associate' ? 'ce_notice:listed-ce' : 'individual_notice'}`,
    );
    for (;;) {
      const d = await first.describe().catch(() => undefined);
      if (d) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    latencies.push(performance.now() - start);
    if (i % 50 === 0) status(`engine: ${i}/${N} incidents planned…`);
  });
  const engineMs = performance.now() - t1;

  // After the clock: how many obligation workflows the plans started (the workflows' own record).
  await pool(rows, 10, async (_b, i) => {
    const n = (await service.status(`OCR-${run}-${i}`)).obligations.length; // (not `x += await …`: that reads x before the await)
    obligations += n;
  });

  // History size: a sample of incidents with their obligation workflows.
  let events = 0;
  const sample = Math.min(20, N);
  for (let i = 0; i < sample; i++) {
    const s = await service.status(`OCR-${run}-${i}`);
    events += (await env.client.workflow.getHandle(`incident-OCR-${run}-${i}`).fetchHistory()).events?.length ?? 0;
    for (const o of s.obligations) events += (await env.client.workflow.getHandle(o.childWorkflowId).fetchHistory()).events?.length ?? 0;
  }
  status('');
  worker.shutdown();
  await running;

  const baselineRate = N / (baselineMs / 1000);
  const engineRate = N / (engineMs / 1000);
  const report = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} vCPU, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Temporal CLI dev server (SQLite)`,
    incidents: N,
    concurrency: CONCURRENCY,
    obligationWorkflows: obligations,
    engineIncidentsPerSecond: Number(engineRate.toFixed(1)),
    baselineWorkflowsPerSecond: Number(baselineRate.toFixed(1)),
    ratio: Number((engineRate / baselineRate).toFixed(2)),
    openToPlannedMs: { p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)) },
    historyEventsPerIncident: Math.round(events / sample),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await env.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
}
