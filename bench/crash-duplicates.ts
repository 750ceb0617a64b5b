/**
 * Issue 13 item 8: what a SIGKILL of the worker mid-mailing costs in duplicates and losses, per ledger
 * wave size and with / without the local delivery journal, with no delivery probe and the `resend`
 * policy (the documented default). Dev server, loopback SMTP sink (the outside world: duplicates are
 * counted by Message-ID there), the worker in its own process, killed once when a random share
 * (20–60 %) of the roster has reached the sink; a second worker finishes the mailing.
 *
 *   npx tsx bench/crash-duplicates.ts [--recipients 3000] [--runs 3] [--heartbeat 30] [--configs "100:off,10:off,1:off,100:on"]
 *
 * A config is `<ledger wave>:<journal on|off>`. Not part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDevServerEnv } from '../test/harness/temporal-env.js';
import { bundle, uniqueTaskQueue } from '../test/harness/test-worker.js';
import { spawnWorkerProcess } from '../test/harness/worker-process.js';
import { SmtpSink } from '../test/delivery/smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../test/notices/synthetic-notice.js';
import { syntheticRosterCsv } from '../test/fixtures/synthetic-roster.js';
import { openDatabase } from '../roster/database.js';
import { loadRosterKey } from '../roster/roster-crypto.js';
import { RosterStore } from '../roster/roster-store.js';
import { noticeMessageId } from '../activities/bulk-notification.js';
import { bulkNotificationWorkflow } from '../workflows/bulk-notification-workflow.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const SIZE = Number(arg('recipients', '3000'));
const RUNS = Number(arg('runs', '3'));
/** The chunk activities' heartbeat timeout: how fast the second worker takes over (the engine's default is 30 s). */
const HEARTBEAT = Number(arg('heartbeat', '30'));
const CONFIGS = arg('configs', '100:off,10:off,1:off,100:on')
  .split(',')
  .map((c) => {
    const [wave, journal] = c.split(':');
    return { wave: Number(wave), journal: journal === 'on' };
  });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-crashdup-'));
const workerPath = fileURLToPath(new URL('../test/delivery/bulk-worker-process.ts', import.meta.url));
const [env, b, sink] = await Promise.all([
  startDevServerEnv(),
  bundle(fileURLToPath(new URL('../workflows/bulk-notification-workflow.ts', import.meta.url))),
  new SmtpSink().start(),
]);
const bundlePath = path.join(tmp, 'workflow-bundle.js');
fs.writeFileSync(bundlePath, b.code);
const domain = SYNTHETIC_ORG.sender.fromEmail.split('@')[1]!;
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function spawnWorker(taskQueue: string, dataDir: string, wave: number, journal: boolean): Promise<ChildProcess> {
  return spawnWorkerProcess({
    workerPath,
    temporalAddress: env.address,
    namespace: env.namespace ?? 'default',
    taskQueue,
    bundlePath,
    dataDir,
    smtpPort: sink.port,
    omit: ['BREACH_DELIVERY_PROBE_URL'],
    extra: { BREACH_UNCONFIRMED_SENDS: 'resend', BREACH_DELIVERY_JOURNAL: journal ? 'on' : 'off', LEDGER_WAVE: String(wave) },
  });
}

const rows: string[] = [];
try {
  for (const c of CONFIGS) {
    const dups: number[] = [];
    const losses: number[] = [];
    const secs: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const dataDir = path.join(tmp, `w${c.wave}-${c.journal ? 'j' : 'n'}-${run}`);
      const db = await openDatabase({ pgliteDir: path.join(dataDir, 'roster-db') });
      const imported = await new RosterStore(db, loadRosterKey(dataDir, {})).importCsv(Buffer.from(syntheticRosterCsv({ size: SIZE })));
      await db.close();
      sink.messages.length = 0;
      sink.byId.clear();
      const taskQueue = uniqueTaskQueue('crashdup');
      const first = await spawnWorker(taskQueue, dataDir, c.wave, c.journal);
      const t0 = Date.now();
      const handle = await env.client.workflow.start(bulkNotificationWorkflow, {
        taskQueue,
        workflowId: `crashdup-${path.basename(taskQueue)}`,
        args: [
          {
            rosterId: imported.rosterId,
            obligationId: 'individual_notice',
            content: SYNTHETIC_INCIDENT,
            chunkSize: 500,
            concurrency: 4,
            heartbeatTimeoutSeconds: HEARTBEAT,
          },
        ],
      });
      const killAt = Math.floor(SIZE * (0.2 + 0.4 * rand()));
      while (sink.stats().accepted < killAt) await new Promise((r) => setTimeout(r, 5));
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const second = await spawnWorker(taskQueue, dataDir, c.wave, c.journal);
      const result = await handle.result();
      secs.push((Date.now() - t0) / 1000);
      second.kill('SIGTERM');
      const stats = sink.stats();
      const lost = Array.from({ length: SIZE }, (_, i) => i + 1).filter(
        (seq) => !sink.byId.has(noticeMessageId(imported.rosterId, 'individual_notice', seq, domain)),
      ).length;
      dups.push(stats.duplicates);
      losses.push(lost);
      console.log(
        `wave ${c.wave}, journal ${c.journal ? 'on' : 'off'}, run ${run}: killed at ${killAt} accepted; sent ${result.counts.sent}, unconfirmed ${result.counts.unconfirmed}; sink ${stats.accepted} accepted, ${stats.duplicates} duplicates, ${lost} lost; ${secs.at(-1)!.toFixed(1)} s`,
      );
    }
    rows.push(
      `| ${c.wave} | ${c.journal ? 'on' : 'off'} | ${RUNS} | ${dups.join(', ')} (max ${Math.max(...dups)}) | ${losses.reduce((a, x) => a + x, 0)} | ${(secs.reduce((a, x) => a + x, 0) / secs.length).toFixed(1)} s |`,
    );
  }
  console.log(
    `\n${SIZE} recipients, SIGKILL once per run at 20-60 % of the roster, no probe, policy resend, heartbeat timeout ${HEARTBEAT} s\n`,
  );
  console.log('| ledger wave | journal | runs | duplicates per run | losses (all runs) | mean time to result |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  await sink.stop();
  await env.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
}
