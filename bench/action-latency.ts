/**
 * Benchmark (not part of `npm test`), issue 18 §3: how long a person waits for each action.
 *
 *   npm run bench:latency -- [--levels 1,20,200] [--per-level 20]
 *
 * On the Temporal dev server with the engine's worker in this process (createTestWorker with the
 * BREACH_WORKER_* settings of this environment, as `npm start` applies them). At each level L, L incidents
 * are worked at once (at least `--per-level` in all, L at a time), each through the person-facing actions:
 * open (start, then the incident answers a query: what the console shows next), record facts, decide, the
 * plan visible (decide → every obligation workflow started), confirm an obligation, attach a roster, start
 * the mailing, a law-enforcement hold. Each round trip is timed: p50/p95/p99.
 *
 * Baseline in the same run, same server and worker: a trivial workflow with the SAME shape per action —
 * the activities run before the update answers, those after it, and the child workflows started — taken
 * from the engine's own history of one incident (so the ratio engine/baseline measures our overhead:
 * rules, state, search attributes, payload encryption, replays, not Temporal's round trips).
 * Also reported per level: where a workflow task's time goes — waiting to be picked up by a poller
 * (schedule→start) versus running in the worker (start→complete) — and activities' schedule→start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { startDevServerEnv } from '../test/harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../test/harness/test-worker.js';
import { coveredEntityBreach } from '../test/fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../test/notices/synthetic-notice.js';
import { createEngineActivities } from '../activities/index.js';
import { closeSharedDatabases } from '../roster/database.js';
import { IncidentService } from '../service/incident-service.js';
import { importRosterForIncident, rosterImporter } from '../service/roster-import.js';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes.js';
import { loadWorkerSettings, workerTuningOptions } from '../worker/worker-settings.js';
import { baselineActUpdate, baselineChildrenQuery, baselineShapeWorkflow, type ActionShape } from './bench-workflows.js';

const EventType = proto.temporal.api.enums.v1.EventType;
function listArg(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? (process.argv[i + 1] ?? '').split(',').map(Number) : fallback;
  if (v.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--${name}: positive whole numbers, comma-separated`);
  return v;
}
const LEVELS = listArg('levels', [1, 20, 200]);
const PER_LEVEL = listArg('per-level', [20])[0]!;
const settings = loadWorkerSettings();
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const status = (s: string) => process.stderr.write(`\r\x1b[K${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
const stats = (xs: number[]) => ({
  n: xs.length,
  p50: Math.round(pct(xs, 50)),
  p95: Math.round(pct(xs, 95)),
  p99: Math.round(pct(xs, 99)),
});

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

const ACTIONS = ['open', 'record facts', 'decide', 'decide → planned', 'confirm', 'attach roster', 'start mailing', 'hold'] as const;
type Action = (typeof ACTIONS)[number];
const CSV =
  'full_name,email,email_consent,address_line1,city,state,postal_code,deceased\n' +
  [1, 2, 3].map((i) => `Sam Example ${i},,no,${i} Example Street,Testville,CA,90001,no\n`).join('');

type Timings = Map<Action, number[]>;
const record = (t: Timings, a: Action, ms: number) => t.set(a, [...(t.get(a) ?? []), ms]);
async function time(t: Timings, a: Action, fn: () => Promise<unknown>): Promise<void> {
  const s = performance.now();
  await fn();
  record(t, a, performance.now() - s);
}

/** One incident through every action; `marks` (when given) receives the history length after each action. */
async function engineIncident(
  service: IncidentService,
  importer: ReturnType<typeof rosterImporter>,
  ref: string,
  now: number,
  t: Timings,
  marks?: Map<Action, number>,
  client?: Client,
): Promise<void> {
  const mark = async (a: Action) => {
    if (!marks || !client) return;
    await sleep(1_500); // let what the action set off finish before the next
    marks.set(a, (await client.workflow.getHandle(`incident-${ref}`).fetchHistory()).events?.length ?? 0);
  };
  await time(t, 'open', async () => {
    await service.open({ ref, openedBy: 'bench-responder', role: 'covered_entity' });
    await service.status(ref);
  });
  await mark('open');
  const facts = coveredEntityBreach(new Date(now - 86_400_000).toISOString(), {
    affected: { byJurisdiction: { CA: 30 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  await time(t, 'record facts', () => service.recordFacts(ref, { by: 'bench-responder', facts }));
  await mark('record facts');
  const decided = performance.now();
  await time(t, 'decide', () => service.decide(ref, { by: 'bench-privacy-officer', reportable: true }));
  let s = await service.status(ref);
  while (s.obligations.length < 2) {
    await sleep(50);
    s = await service.status(ref);
  }
  record(t, 'decide → planned', performance.now() - decided);
  await mark('decide');
  const log = s.obligations.find((o) => o.obligation.kind === 'hhs_annual_log') ?? s.obligations[s.obligations.length - 1]!;
  await time(t, 'confirm', () =>
    service.confirm(ref, {
      by: 'bench-privacy-officer',
      obligationId: log.obligation.id,
      evidence: { method: 'hhs_portal', reference: `BENCH-${ref}` },
    }),
  );
  await mark('confirm');
  let rosterId = '';
  await time(t, 'attach roster', async () => {
    rosterId = (await importRosterForIncident({ service, importer, ref, csv: Buffer.from(CSV), by: 'bench-responder' })).rosterId;
  });
  await mark('attach roster');
  await time(t, 'start mailing', () =>
    service.startMailing(ref, {
      by: 'bench-privacy-officer',
      obligationId: 'individual_notice',
      rosterId,
      content: { ...SYNTHETIC_INCIDENT, incidentRef: ref },
    }),
  );
  await mark('start mailing');
  await time(t, 'hold', () =>
    service.hold(ref, {
      by: 'bench-privacy-officer',
      statement: {
        kind: 'oral',
        official: 'Det. Example (synthetic)',
        agency: 'Metro Police (synthetic)',
        receivedAt: new Date().toISOString(),
      },
    }),
  );
  await mark('hold');
}

/** The trivial workflow doing the same shape of work per action. */
async function baselineIncident(
  client: Client,
  taskQueue: string,
  id: string,
  shapes: Map<Action, ActionShape>,
  t: Timings,
): Promise<void> {
  const h = await (async () => {
    const s = performance.now();
    const handle = await client.workflow.start(baselineShapeWorkflow, { taskQueue, workflowId: id, args: [shapes.get('open')!] });
    await handle.query(baselineChildrenQuery);
    record(t, 'open', performance.now() - s);
    return handle;
  })();
  for (const a of ['record facts', 'decide', 'confirm', 'attach roster', 'start mailing', 'hold'] as const) {
    const shape = shapes.get(a)!;
    if (a === 'attach roster') {
      await time(t, a, () => h.executeUpdate(baselineActUpdate, { args: [shape] }));
      continue;
    }
    const before = await h.query(baselineChildrenQuery);
    const started = performance.now();
    await time(t, a, () => h.executeUpdate(baselineActUpdate, { args: [shape] }));
    if (a === 'decide') {
      for (let k = 0; (await h.query(baselineChildrenQuery)) < before + shape.children; k++) {
        if (k > 1200) throw new Error(`baseline ${id}: children not started after 60 s`);
        await sleep(50);
      }
      record(t, 'decide → planned', performance.now() - started);
    }
  }
}

/** The shape of each action from the engine's history, split at the marks. */
async function shapesFrom(client: Client, workflowId: string, marks: Map<Action, number>): Promise<Map<Action, ActionShape>> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const shapes = new Map<Action, ActionShape>();
  let from = 0;
  for (const a of ['open', 'record facts', 'decide', 'confirm', 'attach roster', 'start mailing', 'hold'] as const) {
    const to = marks.get(a)!;
    const slice = events.slice(from, to);
    let inUpdate = false;
    const shape: ActionShape = { sync: 0, async: 0, children: 0 };
    for (const e of slice) {
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) inUpdate = true;
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) inUpdate = false;
      if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) shape[inUpdate ? 'sync' : 'async']++;
      if (e.eventType === EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) shape.children++;
    }
    shapes.set(a, shape);
    from = to;
  }
  return shapes;
}

/** Mean schedule→start and start→complete of workflow tasks, schedule→start of activities, in the given histories. */
async function whereTimeGoes(client: Client, workflowIds: string[]): Promise<Record<string, number>> {
  const ms = (t?: { seconds?: unknown; nanos?: number | null } | null) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  const wftQueue: number[] = [];
  const wftRun: number[] = [];
  const actQueue: number[] = [];
  for (const id of workflowIds) {
    const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    const at = new Map<number, number>(events.map((e) => [Number(e.eventId), ms(e.eventTime)]));
    for (const e of events) {
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
        wftQueue.push(ms(e.eventTime) - (at.get(Number(e.workflowTaskStartedEventAttributes?.scheduledEventId ?? 0)) ?? ms(e.eventTime)));
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        wftRun.push(ms(e.eventTime) - (at.get(Number(e.workflowTaskCompletedEventAttributes?.startedEventId ?? 0)) ?? ms(e.eventTime)));
      if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        actQueue.push(ms(e.eventTime) - (at.get(Number(e.activityTaskStartedEventAttributes?.scheduledEventId ?? 0)) ?? ms(e.eventTime)));
    }
  }
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  return {
    workflowTaskWaitMsMean: mean(wftQueue),
    workflowTaskWaitMsP95: Math.round(pct(wftQueue, 95)),
    workflowTaskRunMsMean: mean(wftRun),
    workflowTaskRunMsP95: Math.round(pct(wftRun, 95)),
    activityWaitMsMean: mean(actQueue),
    workflowTasksPerIncident: Math.round(wftRun.length / Math.max(1, workflowIds.length)),
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-latency-bench-'));
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Temporal CLI dev server (SQLite, in memory), worker in the benchmark's process`,
  loadAverageBefore: os.loadavg().map((x) => Number(x.toFixed(2))),
  workerSettings: settings,
};
const env = await startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
try {
  const taskQueue = uniqueTaskQueue('latency-bench');
  let maxInFlightActivations = 0;
  let maxInFlightActivities = 0;
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowBundle: await bundle(here('./bench-workflows.ts')),
    activities: {
      ...createEngineActivities({ dataDir: tmp, mailer: { kind: 'outbox', dir: path.join(tmp, 'outbox') } }),
      benchNoop: () => Promise.resolve('ok'),
    },
    ...workerTuningOptions(settings),
  });
  const running = worker.run();
  const sampler = setInterval(() => {
    const s = worker.getStatus();
    maxInFlightActivations = Math.max(maxInFlightActivations, s.numInFlightWorkflowActivations);
    maxInFlightActivities = Math.max(maxInFlightActivities, s.numInFlightActivities);
  }, 100);
  const service = new IncidentService({ client: env.client, taskQueue });
  const importer = rosterImporter(tmp);
  const run = `${Date.now()}`;

  // The shape of each action, from one incident worked alone.
  status('measuring the shape of each action…');
  const marks = new Map<Action, number>();
  await engineIncident(service, importer, `LAT-${run}-shape`, Date.now(), new Map(), marks, env.client);
  const shapes = await shapesFrom(env.client, `incident-LAT-${run}-shape`, marks);
  report.actionShapes = Object.fromEntries(shapes);
  process.stderr.write(`\nshapes ${JSON.stringify(report.actionShapes)}\n`);

  const levels: Record<string, unknown>[] = [];
  for (const level of LEVELS) {
    const n = Math.max(level, PER_LEVEL);
    maxInFlightActivations = 0;
    maxInFlightActivities = 0;
    const engine: Timings = new Map();
    const refs = Array.from({ length: n }, (_, i) => `LAT-${run}-${level}-${i}`);
    status(`engine: ${n} incidents, ${level} at a time…`);
    const t0 = performance.now();
    const failures: string[] = [];
    await pool(refs, level, async (ref) => {
      await engineIncident(service, importer, ref, Date.now(), engine).catch((e: unknown) =>
        failures.push(`${ref}: ${(e as Error).message.slice(0, 200)}`),
      );
    });
    const engineMs = performance.now() - t0;
    const engineSlots = { maxInFlightActivations, maxInFlightActivities };
    const time0 = await whereTimeGoes(
      env.client,
      refs.slice(0, 20).map((r) => `incident-${r}`),
    );

    maxInFlightActivations = 0;
    maxInFlightActivities = 0;
    const baseline: Timings = new Map();
    status(`baseline: ${n} workflows, ${level} at a time…`);
    const t1 = performance.now();
    await pool(refs, level, async (ref) => {
      await baselineIncident(env.client, taskQueue, `base-${ref}`, shapes, baseline);
    });
    const baselineMs = performance.now() - t1;
    const time1 = await whereTimeGoes(
      env.client,
      refs.slice(0, 20).map((r) => `base-${r}`),
    );
    levels.push({
      concurrent: level,
      incidents: n,
      failures,
      engineSeconds: Number((engineMs / 1000).toFixed(1)),
      baselineSeconds: Number((baselineMs / 1000).toFixed(1)),
      actions: Object.fromEntries(
        ACTIONS.map((a) => {
          const e = stats(engine.get(a) ?? []);
          const b = stats(baseline.get(a) ?? []);
          return [
            a,
            {
              engine: e,
              baseline: b,
              p50Ratio: b.p50 ? Number((e.p50 / b.p50).toFixed(2)) : null,
              p95Ratio: b.p95 ? Number((e.p95 / b.p95).toFixed(2)) : null,
            },
          ];
        }),
      ),
      whereTimeGoes: { engine: { ...time0, ...engineSlots }, baseline: { ...time1, maxInFlightActivations, maxInFlightActivities } },
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    });
  }
  report.levels = levels;
  clearInterval(sampler);
  status('');
  worker.shutdown();
  await running;
} finally {
  await env.teardown();
  await closeSharedDatabases();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
