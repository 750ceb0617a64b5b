/**
 * Benchmark (not part of `npm test`): N synthetic people with postal addresses through the real bulk
 * mailing workflow (BulkNotificationWorkflow on the Temporal CLI dev server, the worker in its own
 * process) to print-ready mail-house batches, beside a raw baseline that renders the same letter with
 * pdfkit in the same run (bench/raw-letters-process.ts: no Temporal, no database).
 *
 *   npm run bench:letters -- --people 100000 [--batch 5000] [--chunk 1000] [--concurrency 4]
 *       [--mixed]                      a mixed roster (email, letters, next of kin, bounces, substitute) through a loopback SMTP sink
 *       [--database-url postgres://…]  (or BENCH_DATABASE_URL; default: embedded PGlite)
 *       [--cpu-profile /tmp/worker.cpuprofile]
 *
 * Reports letters/s (workflow and raw) and their ratio, the worker's peak RSS (and RSS as the batches
 * appear), and reads the output back: every manifest decrypted, pages summed and compared with the page
 * objects in each PDF, every file's SHA-256 checked against the summary, each person's seq exactly once.
 * States the machine's load (uptime) before and after. A SQLite dev server is a functional reference.
 */
import { children, spawnTs, status } from './child-processes.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { startDevServerEnv } from '../test/harness/temporal-env.js';
import { bundle, uniqueTaskQueue } from '../test/harness/test-worker.js';
import { openDatabase } from '../roster/database.js';
import { loadRosterKey } from '../roster/roster-crypto.js';
import { RosterStore } from '../roster/roster-store.js';
import { readLetterManifest, type MailHouseSummary } from '../delivery/mail-house.js';
import { bulkNotificationWorkflow } from '../workflows/bulk-notification-workflow.js';
import { SmtpSink } from '../test/delivery/smtp-sink.js';
import { SYNTHETIC_INCIDENT } from '../test/notices/synthetic-notice.js';
import { mixedRosterExpectation, syntheticMixedRosterLines, syntheticRosterLines } from '../test/fixtures/synthetic-roster.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}
const strArg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = arg('people', 10_000);
const BATCH = arg('batch', 5000);
const CHUNK = arg('chunk', 1000);
const CONCURRENCY = arg('concurrency', 4);
const MIXED = process.argv.includes('--mixed');
const DATABASE_URL = strArg('database-url') ?? process.env.BENCH_DATABASE_URL ?? '';
const CPU_PROFILE = strArg('cpu-profile');
const OBL = 'individual_notice';

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const loadBefore = uptime();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-letters-bench-'));
const dataDir = path.join(tmp, 'data');
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const fileSha = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
/** Page objects of a pdfkit PDF (uncompressed object dictionaries; not the /Pages tree), counted in the file. */
const pdfPages = (file: string) =>
  (
    fs
      .readFileSync(file)
      .toString('latin1')
      .match(/\/Type \/Page\b(?!s)/g) ?? []
  ).length;

const env = await startDevServerEnv();
const sink = MIXED ? await new SmtpSink({ rejectRecipient: /^bounce/ }).start() : undefined;
try {
  const b = await bundle(here('../workflows/bulk-notification-workflow.ts'));
  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, b.code);

  status(`importing ${N} synthetic people…`);
  const tImport = performance.now();
  const key = loadRosterKey(dataDir, {});
  const db = await openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { pgliteDir: path.join(dataDir, 'roster-db') });
  const imported = await new RosterStore(db, key).importCsv(
    Readable.from(MIXED ? syntheticMixedRosterLines({ size: N }) : syntheticRosterLines({ size: N, mailEvery: 1 })),
  );
  await db.close();
  const importMs = performance.now() - tImport;
  const expected = MIXED ? mixedRosterExpectation(N) : { sent: 0, printed: N, bounced: 0, substituteNeeded: 0, notRequired: 0 };

  const runRaw = (label: string) =>
    new Promise<{ ms: number; pages: number; rss: number; cpuMs: number }>((resolve, reject) => {
      status(`raw pdfkit baseline (${label})…`);
      const c = spawnTs(
        here('./raw-letters-process.ts'),
        { COUNT: String(expected.printed), BATCH: String(BATCH), OUT_DIR: path.join(tmp, `raw-${label}`) },
        (line) => {
          const m = /^raw-done (\d+) (\d+) (\d+) (\d+)/.exec(line);
          if (m) resolve({ ms: Number(m[1]), pages: Number(m[2]), rss: Number(m[3]), cpuMs: Number(m[4]) / 1000 });
        },
      );
      c.once('exit', (code) => {
        fs.rmSync(path.join(tmp, `raw-${label}`), { recursive: true, force: true });
        if (code !== 0) reject(new Error(`raw renderer exited ${code}`));
      });
    });
  const rawBefore = await runRaw('before');

  let peakRss = 0;
  let lastRss = 0;
  let lastCpu = 0;
  const taskQueue = uniqueTaskQueue('bench-letters');
  let workerProcess: ChildProcess | undefined;
  const ready = new Promise<void>((resolve) => {
    workerProcess = spawnTs(
      here('../test/delivery/bulk-worker-process.ts'),
      {
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        TASK_QUEUE: taskQueue,
        WORKFLOW_BUNDLE: bundlePath,
        BREACH_DATA_DIR: dataDir,
        BREACH_LETTER_BATCH_SIZE: String(BATCH),
        ...(sink
          ? {
              BREACH_NOTICE_SMTP_HOST: '127.0.0.1',
              BREACH_NOTICE_SMTP_PORT: String(sink.port),
              BREACH_NOTICE_SMTP_MAX_CONNECTIONS: '5',
              BREACH_DELIVERY_PROBE_URL: sink.probeUrl,
            }
          : {}),
        DATABASE_URL,
        REPORT_RSS: '1',
        ...(CPU_PROFILE ? { CPU_PROFILE: path.resolve(CPU_PROFILE) } : {}),
      },
      (line) => {
        if (line.includes('worker-ready')) resolve();
        const m = /^rss (\d+)(?: cpu (\d+))?/.exec(line);
        if (m) {
          lastRss = Number(m[1]);
          if (m[2]) lastCpu = Number(m[2]);
          peakRss = Math.max(peakRss, lastRss);
        }
      },
    );
  });
  await ready;
  const printDir = path.join(dataDir, 'print', imported.rosterId);
  const workflowId = `bench-${path.basename(taskQueue)}/individual_notice`;
  // The worker's CPU time over the run (its report every 250 ms): compared with the raw process's CPU time,
  // a figure less at the mercy of what else the shared machine runs than wall-clock time.
  await new Promise((r) => setTimeout(r, 600));
  const cpuAtStart = lastCpu;
  const t0 = performance.now();
  const handle = await env.client.workflow.start(bulkNotificationWorkflow, {
    taskQueue,
    workflowId,
    args: [{ rosterId: imported.rosterId, obligationId: OBL, content: SYNTHETIC_INCIDENT, chunkSize: CHUNK, concurrency: CONCURRENCY }],
  });
  const batchesTotal = Math.ceil(N / BATCH);
  /** Worker RSS when each tenth of the batches had been written (flat memory shows as a flat row). */
  const rssByProgress: { batches: number; rssMB: number }[] = [];
  const ticker = setInterval(() => {
    const done = fs.existsSync(printDir) ? fs.readdirSync(printDir).filter((f) => f.endsWith('.pdf')).length : 0;
    const step = Math.max(1, Math.round(batchesTotal / 10));
    if (done > 0 && (rssByProgress.length === 0 || done >= rssByProgress.at(-1)!.batches + step))
      rssByProgress.push({ batches: done, rssMB: Math.round(lastRss / 1048576) });
    const el = (performance.now() - t0) / 1000;
    status(
      `workflow: ${done}/${batchesTotal} batches, ${Math.round((done * BATCH) / el)} letters/s, worker RSS ${Math.round(lastRss / 1048576)} MB (peak ${Math.round(peakRss / 1048576)})`,
    );
  }, 500);
  const result = await handle.result();
  const wfMs = performance.now() - t0;
  clearInterval(ticker);
  await new Promise((r) => setTimeout(r, 600));
  const workerCpuMs = (lastCpu - cpuAtStart) / 1000;
  rssByProgress.push({ batches: batchesTotal, rssMB: Math.round(lastRss / 1048576) });

  let events = 0;
  let runs = 0;
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const h = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs++;
    events += h.events?.length ?? 0;
    runId = h.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  const worker = workerProcess!;
  // Where the worker's CPU time went, by thread name (Linux /proc; clock ticks at 100 Hz): the JS main thread
  // (pdfkit, PGlite, the SDK's JS), V8's GC helpers, libuv's pool, the Temporal core's (tokio) threads.
  const cpuByThread: Record<string, number> = {};
  try {
    for (const tid of fs.readdirSync(`/proc/${worker.pid}/task`)) {
      const comm = fs
        .readFileSync(`/proc/${worker.pid}/task/${tid}/comm`, 'utf8')
        .trim()
        .replace(/[0-9]+$/, '#');
      const f = fs.readFileSync(`/proc/${worker.pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpuByThread[comm] = +((cpuByThread[comm] ?? 0) + (Number(f[11]) + Number(f[12])) / 100).toFixed(1);
    }
  } catch {
    // not Linux
  }
  const exited = new Promise((r) => worker.once('exit', r));
  worker.kill('SIGTERM');
  await exited;

  // Read everything back: summary → manifests (decrypted) → PDFs (pages, SHA-256).
  status('reading the batches back…');
  const summary = JSON.parse(fs.readFileSync(path.join(printDir, `mail-house-${OBL}.summary.json`), 'utf8')) as MailHouseSummary;
  const seen = new Uint8Array(N + 1);
  let manifestRows = 0;
  let duplicates = 0;
  let pageMismatches = 0;
  let hashMismatches = 0;
  let manifestPages = 0;
  let pdfPagesTotal = 0;
  let pdfBytes = 0;
  for (const bt of summary.batches) {
    const pdf = path.join(printDir, bt.pdf.file);
    const manifest = path.join(printDir, bt.manifest.file);
    if ((await fileSha(pdf)) !== bt.pdf.sha256 || (await fileSha(manifest)) !== bt.manifest.sha256) hashMismatches++;
    const rows = readLetterManifest(key, manifest, imported.rosterId, OBL, bt.batchNo);
    manifestRows += rows.length;
    const mp = rows.reduce((a, r) => a + r.pages, 0);
    const pp = pdfPages(pdf);
    manifestPages += mp;
    pdfPagesTotal += pp;
    pdfBytes += fs.statSync(pdf).size;
    if (mp !== pp || pp !== bt.pages) pageMismatches++;
    for (const r of rows) {
      if (seen[r.rosterSeq]) duplicates++;
      seen[r.rosterSeq] = 1;
    }
  }
  const lost = expected.printed - (manifestRows - duplicates);

  // Raw ceiling, second run (the first ran just before the workflow): the machine is shared, so the raw
  // rate is the mean of one run before and one after the workflow's.
  const rawAfter = await runRaw('after');
  status('');

  const wfRate = expected.printed / (wfMs / 1000);
  const raws = [rawBefore, rawAfter];
  const raw = {
    ms: (rawBefore.ms + rawAfter.ms) / 2,
    cpuMs: (rawBefore.cpuMs + rawAfter.cpuMs) / 2,
    rss: Math.max(rawBefore.rss, rawAfter.rss),
    pages: rawAfter.pages,
  };
  const rawRate = expected.printed / (raw.ms / 1000);
  const report = {
    people: N,
    roster: MIXED
      ? 'mixed (per 20: 12 email, 1 bounce→letter, 1 bounce→substitute, 3 letters, 1 next of kin, 1 no contact, 1 deceased)'
      : 'letters only',
    database: DATABASE_URL ? 'postgresql' : 'pglite',
    batchSize: BATCH,
    chunkSize: CHUNK,
    concurrency: CONCURRENCY,
    importSeconds: +(importMs / 1000).toFixed(1),
    letters: expected.printed,
    workflowSeconds: +(wfMs / 1000).toFixed(1),
    workflowLettersPerSecond: Math.round(wfRate),
    rawPdfkitSeconds: +(raw.ms / 1000).toFixed(1),
    rawRuns: raws.map((r) => ({ seconds: +(r.ms / 1000).toFixed(1), cpuSeconds: +(r.cpuMs / 1000).toFixed(1) })),
    rawLettersPerSecond: Math.round(rawRate),
    ratioToRaw: +(wfRate / rawRate).toFixed(2),
    workerCpuSeconds: +(workerCpuMs / 1000).toFixed(1),
    rawCpuSeconds: +(raw.cpuMs / 1000).toFixed(1),
    /** Raw CPU time / worker CPU time for the same letters (the worker's includes PGlite, Temporal's core, the ledger). */
    cpuRatioToRaw: +(raw.cpuMs / workerCpuMs).toFixed(2),
    workerPeakRssMB: Math.round(peakRss / 1048576),
    workerRssAsBatchesAppeared: rssByProgress,
    rawPeakRssMB: Math.round(raw.rss / 1048576),
    workerCpuSecondsByThread: cpuByThread,
    historyEvents: events,
    workflowRuns: runs,
    ledger: result.counts,
    expected,
    readBack: {
      batches: summary.batches.length,
      manifestRows,
      duplicates,
      lost,
      manifestPages,
      pdfPages: pdfPagesTotal,
      rawPdfPages: raw.pages,
      pageMismatches,
      hashMismatches,
      pdfMB: Math.round(pdfBytes / 1048576),
    },
    ...(sink ? { smtp: sink.stats() } : {}),
    loadBefore,
    loadAfter: uptime(),
    cpus: os.cpus().length,
    node: process.version,
  };
  console.log(JSON.stringify(report, null, 2));
  const ok =
    duplicates === 0 &&
    lost === 0 &&
    pageMismatches === 0 &&
    hashMismatches === 0 &&
    result.counts.printed === expected.printed &&
    result.counts.pending === 0 &&
    result.counts.sent === expected.sent &&
    result.counts.substituteNeeded === expected.substituteNeeded &&
    result.counts.notRequired === expected.notRequired &&
    summary.ledgerPrinted === expected.printed &&
    (!sink || (sink.stats().duplicates === 0 && sink.stats().accepted === expected.sent));
  if (!ok) {
    console.error('FAILED: letters lost, duplicated, or counts that do not reconcile');
    process.exitCode = 1;
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sink?.stop();
  await env.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
}
