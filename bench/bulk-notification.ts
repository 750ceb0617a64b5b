/**
 * Benchmark (not part of `npm test`): N synthetic recipients through BulkNotificationWorkflow to a
 * loopback SMTP sink, compared with raw pooled nodemailer sending to the same sink in the same run.
 *
 *   npm run bench:notify -- --recipients 100000 [--chunk 1000] [--concurrency 4]
 *       [--database-url postgres://user@127.0.0.1:5432/db]   (or BENCH_DATABASE_URL; default: embedded PGlite)
 *       [--cpu-profile /tmp/worker.cpuprofile]                 (the worker's CPU profile, for DevTools)
 *
 * Reports recipients/s (workflow and raw), their ratio, the worker's peak RSS, history events per
 * 10,000 recipients (all runs of the continue-as-new chain), and checks zero duplicates / zero losses.
 * Runs on the Temporal CLI dev server (SQLite): a functional reference, not a production figure.
 */
import { children, spawnTs, status } from './child-processes.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServerEnv } from '../test/harness/temporal-env.js';
import { bundle, uniqueTaskQueue } from '../test/harness/test-worker.js';
import { openDatabase } from '../roster/database.js';
import { loadRosterKey } from '../roster/roster-crypto.js';
import { RosterStore } from '../roster/roster-store.js';
import { noticeMessageId } from '../activities/bulk-notification.js';
import { bulkNotificationWorkflow } from '../workflows/bulk-notification-workflow.js';
import { bulkNotificationProgressQuery } from '../contract/mailing-messages.js';
import { SmtpSink } from '../test/delivery/smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../test/notices/synthetic-notice.js';
import { syntheticRosterLines } from '../test/fixtures/synthetic-roster.js';
import { Readable } from 'node:stream';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}
const N = arg('recipients', 100_000);
const CHUNK = arg('chunk', 1000);
const CONCURRENCY = arg('concurrency', 4);
const MAX_CONNECTIONS = 5;
function strArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
/** A real PostgreSQL (the DATABASE_URL path) instead of the embedded PGlite. Never required by CI. */
const DATABASE_URL = strArg('database-url') ?? process.env.BENCH_DATABASE_URL ?? '';
const CPU_PROFILE = strArg('cpu-profile');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-bench-'));
const dataDir = path.join(tmp, 'data');
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const env = await startDevServerEnv();
const sink = await new SmtpSink().start();
try {
  const b = await bundle(here('../workflows/bulk-notification-workflow.ts'));
  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, b.code);

  status(`importing ${N} synthetic recipients…`);
  const tImport = performance.now();
  const db = await openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { pgliteDir: path.join(dataDir, 'roster-db') });
  const imported = await new RosterStore(db, loadRosterKey(dataDir, {})).importCsv(Readable.from(syntheticRosterLines({ size: N })));
  await db.close();
  const importMs = performance.now() - tImport;

  // Workflow run: worker in its own process (its RSS is what we report).
  let peakRss = 0;
  const taskQueue = uniqueTaskQueue('bench');
  const ready = new Promise<void>((resolve) => {
    spawnTs(
      here('../test/delivery/bulk-worker-process.ts'),
      {
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        TASK_QUEUE: taskQueue,
        WORKFLOW_BUNDLE: bundlePath,
        BREACH_DATA_DIR: dataDir,
        BREACH_NOTICE_SMTP_HOST: '127.0.0.1',
        BREACH_NOTICE_SMTP_PORT: String(sink.port),
        BREACH_NOTICE_SMTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
        BREACH_DELIVERY_PROBE_URL: sink.probeUrl,
        DATABASE_URL,
        REPORT_RSS: '1',
        ...(CPU_PROFILE ? { CPU_PROFILE: path.resolve(CPU_PROFILE) } : {}),
      },
      (line) => {
        if (line.includes('worker-ready')) resolve();
        const m = /^rss (\d+)/.exec(line);
        if (m) peakRss = Math.max(peakRss, Number(m[1]));
      },
    );
  });
  await ready;
  const workflowId = `bench-${path.basename(taskQueue)}/individual_notice`;
  const t0 = performance.now();
  const handle = await env.client.workflow.start(bulkNotificationWorkflow, {
    taskQueue,
    workflowId,
    args: [
      {
        rosterId: imported.rosterId,
        obligationId: 'individual_notice',
        content: SYNTHETIC_INCIDENT,
        chunkSize: CHUNK,
        concurrency: CONCURRENCY,
      },
    ],
  });
  const ticker = setInterval(() => {
    const s = sink.stats().accepted;
    const el = (performance.now() - t0) / 1000;
    status(`workflow: ${s}/${N} sent, ${Math.round(s / el)}/s, worker RSS ${Math.round(peakRss / 1048576)} MB`);
  }, 500);
  const result = await handle.result();
  const wfMs = performance.now() - t0;
  clearInterval(ticker);
  const progress = await handle.query(bulkNotificationProgressQuery);

  // History events over the whole continue-as-new chain.
  let events = 0;
  let runs = 0;
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const h = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs++;
    events += h.events?.length ?? 0;
    runId = h.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }

  if (CPU_PROFILE) {
    const worker = children[0]!;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
  }
  const stats = sink.stats();
  const domain = SYNTHETIC_ORG.sender.fromEmail.split('@')[1]!;
  let gaps = 0;
  for (let seq = 1; seq <= N; seq++) if (!sink.byId.has(noticeMessageId(imported.rosterId, 'individual_notice', seq, domain))) gaps++;

  // Raw ceiling: same sink, same pool size, same notice, in its own process.
  sink.reset();
  status('raw pooled nodemailer baseline…');
  const rawMs = await new Promise<number>((resolve, reject) => {
    const c = spawnTs(
      here('./raw-sender-process.ts'),
      { SMTP_PORT: String(sink.port), COUNT: String(N), MAX_CONNECTIONS: String(MAX_CONNECTIONS) },
      (line) => {
        const m = /^raw-done (\d+)/.exec(line);
        if (m) resolve(Number(m[1]));
      },
    );
    c.once('exit', (code) => code !== 0 && reject(new Error(`raw sender exited ${code}`)));
  });
  const rawStats = sink.stats();
  status('');

  const wfRate = N / (wfMs / 1000);
  const rawRate = N / (rawMs / 1000);
  const report = {
    recipients: N,
    database: DATABASE_URL ? 'postgresql' : 'pglite',
    chunkSize: CHUNK,
    concurrency: CONCURRENCY,
    smtpPoolConnections: MAX_CONNECTIONS,
    importSeconds: +(importMs / 1000).toFixed(1),
    workflowSeconds: +(wfMs / 1000).toFixed(1),
    workflowRecipientsPerSecond: Math.round(wfRate),
    rawNodemailerSeconds: +(rawMs / 1000).toFixed(1),
    rawRecipientsPerSecond: Math.round(rawRate),
    ratioToRaw: +(wfRate / rawRate).toFixed(2),
    workerPeakRssMB: Math.round(peakRss / 1048576),
    historyEvents: events,
    workflowRuns: runs,
    historyEventsPer10k: Math.round((events / N) * 10_000),
    sinkAccepted: stats.accepted,
    duplicates: stats.duplicates,
    gaps,
    ledger: result.counts,
    progressQuery: { phase: progress.phase, sent: progress.sent, pending: progress.pending },
    rawSinkAccepted: rawStats.accepted,
    cpus: os.cpus().length,
    node: process.version,
  };
  console.log(JSON.stringify(report, null, 2));
  const ok = stats.accepted === N && stats.duplicates === 0 && gaps === 0 && result.counts.sent === N;
  if (!ok) {
    console.error('FAILED: duplicates or losses');
    process.exitCode = 1;
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sink.stop();
  await env.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
}
