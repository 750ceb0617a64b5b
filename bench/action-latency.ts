/**
 * Benchmark (not part of `npm test`), issue 18 §3: how long a person waits for each action.
 *
 *   npm run bench:latency -- [--levels 1,20,200] [--per-level 20] [--quick]
 *
 * `--quick`: small counts for a check on a shared machine — levels 1,20 unless given, and `--per-level 5`
 * unless given (at each level max(L, per-level) incidents).
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
 * Where one action's time goes (per level, p50/p95 of each phase; timestamps taken by this bench only — a
 * client interceptor on the bench's own client and the histories' event times, nothing in product logs):
 * `service` (the service's own checks and reads before it sends the update, e.g. startMailing's query),
 * `toTask` (update sent → the workflow task that carries it scheduled), `taskWait` (scheduled → picked up by
 * a poller), `taskRun` (picked up → completed by the worker: the validator, the handler, the main loop),
 * `awaited` (accepted → completed: the round trips the handler awaits, e.g. a signal or a child start),
 * `answer` (completed → the client has the answer).
 * Also reported per level: where a workflow task's time goes — waiting to be picked up by a poller
 * (schedule→start) versus running in the worker (start→complete) — and activities' schedule→start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { testDataConverter } from '../test/harness/test-keys.js';
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
const QUICK = process.argv.includes('--quick');
const LEVELS = listArg('levels', QUICK ? [1, 20] : [1, 20, 200]);
const PER_LEVEL = listArg('per-level', [QUICK ? 5 : 20])[0]!;
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

/** An update as the bench's client sent it (wall-clock ms, to compare with the histories' event times). */
interface SentUpdate {
  updateId: string;
  sent: number;
  answered: number;
}
/** Updates sent per workflow id, in order (each incident's actions run one after another). */
const sentUpdates = new Map<string, SentUpdate[]>();
const timingInterceptor: WorkflowClientInterceptor = {
  async startUpdate(input, next) {
    const sent = Date.now();
    const out = await next(input);
    const id = input.workflowExecution.workflowId;
    sentUpdates.set(id, [...(sentUpdates.get(id) ?? []), { updateId: out.updateId, sent, answered: Date.now() }]);
    return out;
  },
};
/** One person's action: when the service was called, and the (first) update it sent. */
interface ActionCall {
  action: Action;
  workflowId: string;
  called: number;
  update?: SentUpdate;
}
const PHASES = ['service', 'toTask', 'taskWait', 'taskRun', 'awaited', 'answer'] as const;
type Phase = (typeof PHASES)[number];
const record = (t: Timings, a: Action, ms: number) => t.set(a, [...(t.get(a) ?? []), ms]);
async function time(t: Timings, a: Action, fn: () => Promise<unknown>): Promise<void> {
  const s = performance.now();
  await fn();
  record(t, a, performance.now() - s);
}

/** Child workflows started so far, read from the server's history (no query: nothing for the worker to do). */
async function childrenStarted(client: Client, workflowId: string): Promise<number> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  return events.filter((e) => e.eventType === EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED).length;
}

/** Waits until `workflowId` has started `count` children, polling the server every `everyMs`. */
async function untilChildren(client: Client, workflowId: string, count: number, everyMs: number): Promise<void> {
  for (let k = 0; (await childrenStarted(client, workflowId)) < count; k++) {
    if (k * everyMs > 120_000) throw new Error(`${workflowId}: children not started after 120 s`);
    await sleep(everyMs);
  }
}

interface IncidentRun {
  t: Timings;
  calls: ActionCall[];
  /** Open split in two: the start call, and the first query answered. */
  openParts: { start: number[]; query: number[] };
  client: Client;
  /** Children the decision starts (from the shape run); absent in the shape run itself (it waits on the query). */
  decideChildren?: number;
  pollMs: number;
}

/** One incident through every action; `marks` (when given) receives the history length after each action. */
async function engineIncident(
  service: IncidentService,
  importer: ReturnType<typeof rosterImporter>,
  ref: string,
  now: number,
  run: IncidentRun,
  marks?: Map<Action, number>,
): Promise<void> {
  const { t, client } = run;
  const workflowId = `incident-${ref}`;
  const mark = async (a: Action) => {
    if (!marks) return;
    await sleep(1_500); // let what the action set off finish before the next
    marks.set(a, (await client.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0);
  };
  /** Times an action and notes the first update it sent (for the phases). */
  const timeAction = async (a: Action, fn: () => Promise<unknown>) => {
    const before = sentUpdates.get(workflowId)?.length ?? 0;
    const called = Date.now();
    await time(t, a, fn);
    const update = sentUpdates.get(workflowId)?.[before];
    run.calls.push({ action: a, workflowId, called, ...(update ? { update } : {}) });
  };
  await time(t, 'open', async () => {
    const s0 = performance.now();
    await service.open({ ref, openedBy: 'bench-responder', role: 'covered_entity' });
    const s1 = performance.now();
    await service.status(ref);
    run.openParts.start.push(s1 - s0);
    run.openParts.query.push(performance.now() - s1);
  });
  await mark('open');
  const facts = coveredEntityBreach(new Date(now - 86_400_000).toISOString(), {
    affected: { byJurisdiction: { CA: 30 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  await timeAction('record facts', () => service.recordFacts(ref, { by: 'bench-responder', facts }));
  await mark('record facts');
  const childrenBefore = run.decideChildren === undefined ? 0 : await childrenStarted(client, workflowId);
  const decided = performance.now();
  await timeAction('decide', () => service.decide(ref, { by: 'bench-privacy-officer', reportable: true }));
  if (run.decideChildren === undefined) {
    // The shape run (alone): wait on the query, which also tells how many obligations there are.
    while ((await service.status(ref)).obligations.length < 2) await sleep(50);
  } else {
    // Under load: poll the server's history, not the incident (a query is a task for the worker).
    await untilChildren(client, workflowId, childrenBefore + run.decideChildren, run.pollMs);
  }
  record(t, 'decide → planned', performance.now() - decided);
  await mark('decide');
  // The history says the children started; the incident's state records them in the task that sees that.
  let s = await service.status(ref);
  while (s.obligations.length < (run.decideChildren ?? 2)) {
    await sleep(run.pollMs);
    s = await service.status(ref);
  }
  const log = s.obligations.find((o) => o.obligation.kind === 'hhs_annual_log') ?? s.obligations[s.obligations.length - 1]!;
  await timeAction('confirm', () =>
    service.confirm(ref, {
      by: 'bench-privacy-officer',
      obligationId: log.obligation.id,
      evidence: { method: 'hhs_portal', reference: `BENCH-${ref}` },
    }),
  );
  await mark('confirm');
  let rosterId = '';
  await timeAction('attach roster', async () => {
    rosterId = (await importRosterForIncident({ service, importer, ref, csv: Buffer.from(CSV), by: 'bench-responder' })).rosterId;
  });
  await mark('attach roster');
  await timeAction('start mailing', () =>
    service.startMailing(ref, {
      by: 'bench-privacy-officer',
      obligationId: 'individual_notice',
      rosterId,
      content: { ...SYNTHETIC_INCIDENT, incidentRef: ref },
    }),
  );
  await mark('start mailing');
  await timeAction('hold', () =>
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
async function baselineIncident(taskQueue: string, id: string, shapes: Map<Action, ActionShape>, run: IncidentRun): Promise<void> {
  const { t, client } = run;
  const h = await (async () => {
    const s = performance.now();
    const handle = await client.workflow.start(baselineShapeWorkflow, { taskQueue, workflowId: id, args: [shapes.get('open')!] });
    const s1 = performance.now();
    await handle.query(baselineChildrenQuery);
    run.openParts.start.push(s1 - s);
    run.openParts.query.push(performance.now() - s1);
    record(t, 'open', performance.now() - s);
    return handle;
  })();
  for (const a of ['record facts', 'decide', 'confirm', 'attach roster', 'start mailing', 'hold'] as const) {
    const shape = shapes.get(a)!;
    const before = a === 'decide' ? await childrenStarted(client, id) : 0;
    const started = performance.now();
    const sentBefore = sentUpdates.get(id)?.length ?? 0;
    const called = Date.now();
    await time(t, a, () => h.executeUpdate(baselineActUpdate, { args: [shape] }));
    const update = sentUpdates.get(id)?.[sentBefore];
    run.calls.push({ action: a, workflowId: id, called, ...(update ? { update } : {}) });
    if (a === 'decide') {
      await untilChildren(client, id, before + shape.children + (shape.syncChildren ?? 0), run.pollMs);
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
    const shape: Required<ActionShape> = { sync: 0, async: 0, children: 0, syncChildren: 0, syncSignals: 0 };
    for (const e of slice) {
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) inUpdate = true;
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) inUpdate = false;
      if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) shape[inUpdate ? 'sync' : 'async']++;
      if (e.eventType === EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) shape[inUpdate ? 'syncChildren' : 'children']++;
      // Signals after the answer (the engine's reports to itself, a withdrawal) cost no waiting person anything.
      if (e.eventType === EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED && inUpdate) shape.syncSignals++;
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

/**
 * Where each action's time went: the client's timestamps (ActionCall) against the event times of the
 * incident's history — the workflow task that accepted the update (scheduled, started, completed) and the
 * update's completion. p50/p95 per phase and action.
 */
async function phasesOf(client: Client, calls: ActionCall[]): Promise<Record<string, Record<Phase, { p50: number; p95: number }>>> {
  const ms = (t?: { seconds?: unknown; nanos?: number | null } | null) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  const byAction = new Map<Action, Map<Phase, number[]>>();
  const add = (a: Action, p: Phase, v: number) => {
    const m = byAction.get(a) ?? new Map<Phase, number[]>();
    byAction.set(a, m.set(p, [...(m.get(p) ?? []), Math.max(0, v)]));
  };
  const histories = new Map<string, proto.temporal.api.history.v1.IHistoryEvent[]>();
  for (const c of calls) {
    if (!c.update) continue;
    let events = histories.get(c.workflowId);
    if (!events) histories.set(c.workflowId, (events = (await client.workflow.getHandle(c.workflowId).fetchHistory()).events ?? []));
    const at = new Map<number, number>(events.map((e) => [Number(e.eventId), ms(e.eventTime)]));
    const accepted = events.findIndex(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === c.update!.updateId,
    );
    const completed = events.find((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === c.update!.updateId);
    if (accepted < 0 || !completed) continue;
    const task = events
      .slice(0, accepted)
      .reverse()
      .find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)?.workflowTaskCompletedEventAttributes;
    const taskDone = ms(events[accepted]!.eventTime);
    const started = at.get(Number(task?.startedEventId ?? 0)) ?? taskDone;
    const scheduled = at.get(Number(task?.scheduledEventId ?? 0)) ?? started;
    const { sent, answered } = c.update;
    add(c.action, 'service', sent - c.called);
    add(c.action, 'toTask', scheduled - sent);
    add(c.action, 'taskWait', started - Math.max(scheduled, sent));
    add(c.action, 'taskRun', taskDone - Math.max(started, sent));
    add(c.action, 'awaited', ms(completed.eventTime) - taskDone);
    add(c.action, 'answer', answered - ms(completed.eventTime));
  }
  return Object.fromEntries(
    [...byAction].map(([a, m]) => [
      a,
      Object.fromEntries(PHASES.map((p) => [p, { p50: Math.round(pct(m.get(p) ?? [], 50)), p95: Math.round(pct(m.get(p) ?? [], 95)) }])),
    ]),
  ) as Record<string, Record<Phase, { p50: number; p95: number }>>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-latency-bench-'));
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Temporal CLI dev server (SQLite, in memory), worker in the benchmark's process`,
  loadAverageBefore: os.loadavg().map((x) => Number(x.toFixed(2))),
  workerSettings: settings,
  quick: QUICK,
};
const newRun = (client: Client, pollMs: number, decideChildren?: number): IncidentRun => ({
  t: new Map(),
  calls: [],
  openParts: { start: [], query: [] },
  client,
  pollMs,
  ...(decideChildren !== undefined ? { decideChildren } : {}),
});
const env = await startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
// Shutdown order (the crash at 200): stop sampling, shut the worker down and wait for it to drain, and only
// then close the server and its connection, then the databases the activities used. Whatever failed.
let stopWorker: () => Promise<void> = () => Promise.resolve();
let sampler: NodeJS.Timeout | undefined;
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
  stopWorker = async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch((e: unknown) => process.stderr.write(`\nworker: ${(e as Error).message}\n`));
  };
  sampler = setInterval(() => {
    const s = worker.getStatus();
    maxInFlightActivations = Math.max(maxInFlightActivations, s.numInFlightWorkflowActivations);
    maxInFlightActivities = Math.max(maxInFlightActivities, s.numInFlightActivities);
  }, 100);
  // The bench's own client: the same connection and codec, plus the timing interceptor.
  const client = new Client({
    connection: env.connection,
    namespace: env.namespace ?? 'default',
    dataConverter: testDataConverter,
    interceptors: { workflow: [timingInterceptor] },
  });
  const service = new IncidentService({ client, taskQueue });
  const importer = rosterImporter(tmp);
  const runId = `${Date.now()}`;

  // The shape of each action, from one incident worked alone.
  status('measuring the shape of each action…');
  const marks = new Map<Action, number>();
  await engineIncident(service, importer, `LAT-${runId}-shape`, Date.now(), newRun(client, 100), marks);
  const shapes = await shapesFrom(client, `incident-LAT-${runId}-shape`, marks);
  report.actionShapes = Object.fromEntries(shapes);
  process.stderr.write(`\nshapes ${JSON.stringify(report.actionShapes)}\n`);
  const decideChildren = shapes.get('decide')!.children + (shapes.get('decide')!.syncChildren ?? 0);

  const levels: Record<string, unknown>[] = [];
  for (const level of LEVELS) {
    const n = Math.max(level, PER_LEVEL);
    const pollMs = level > 20 ? 250 : 100;
    maxInFlightActivations = 0;
    maxInFlightActivities = 0;
    const engine = newRun(client, pollMs, decideChildren);
    const refs = Array.from({ length: n }, (_, i) => `LAT-${runId}-${level}-${i}`);
    status(`engine: ${n} incidents, ${level} at a time…`);
    const load0 = os.loadavg()[0]!;
    const t0 = performance.now();
    const failures: string[] = [];
    await pool(refs, level, async (ref) => {
      await engineIncident(service, importer, ref, Date.now(), engine).catch((e: unknown) =>
        failures.push(`${ref}: ${(e as Error).message.slice(0, 200)}`),
      );
    });
    const engineMs = performance.now() - t0;
    const engineSlots = { maxInFlightActivations, maxInFlightActivities };
    const load1 = os.loadavg()[0]!;
    const time0 = await whereTimeGoes(
      client,
      refs.slice(0, 20).map((r) => `incident-${r}`),
    );
    const phases0 = await phasesOf(client, engine.calls);

    maxInFlightActivations = 0;
    maxInFlightActivities = 0;
    const baseline = newRun(client, pollMs);
    status(`baseline: ${n} workflows, ${level} at a time…`);
    const t1 = performance.now();
    const baselineFailures: string[] = [];
    await pool(refs, level, async (ref) => {
      await baselineIncident(taskQueue, `base-${ref}`, shapes, baseline).catch((e: unknown) =>
        baselineFailures.push(`base-${ref}: ${(e as Error).message.slice(0, 200)}`),
      );
    });
    const baselineMs = performance.now() - t1;
    const time1 = await whereTimeGoes(
      client,
      refs.slice(0, 20).map((r) => `base-${r}`),
    );
    const phases1 = await phasesOf(client, baseline.calls);
    const openParts = (r: IncidentRun) => ({ start: stats(r.openParts.start), query: stats(r.openParts.query) });
    levels.push({
      concurrent: level,
      incidents: n,
      failures,
      baselineFailures,
      engineSeconds: Number((engineMs / 1000).toFixed(1)),
      baselineSeconds: Number((baselineMs / 1000).toFixed(1)),
      actions: Object.fromEntries(
        ACTIONS.map((a) => {
          const e = stats(engine.t.get(a) ?? []);
          const b = stats(baseline.t.get(a) ?? []);
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
      openParts: { engine: openParts(engine), baseline: openParts(baseline) },
      phases: { engine: phases0, baseline: phases1 },
      whereTimeGoes: { engine: { ...time0, ...engineSlots }, baseline: { ...time1, maxInFlightActivations, maxInFlightActivities } },
      loadAverage1m: {
        engineStart: Number(load0.toFixed(2)),
        engineEnd: Number(load1.toFixed(2)),
        end: Number(os.loadavg()[0]!.toFixed(2)),
      },
    });
    process.stderr.write(`\nlevel ${level} done (${failures.length + baselineFailures.length} failures)\n`);
  }
  report.levels = levels;
} finally {
  clearInterval(sampler);
  status('');
  await stopWorker();
  await env.teardown();
  await closeSharedDatabases();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
