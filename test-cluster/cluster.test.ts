/**
 * `npm run test:cluster` (opt-in, not part of `npm test`): the engine against a production-shaped
 * Temporal — the server built from Go modules, its four services as separate processes on loopback,
 * persistence and SQL visibility in a PostgreSQL from npm — with worker processes sharing one PostgreSQL
 * roster database. A mailing to CLUSTER_MAILING_SIZE (default 20,000) synthetic people runs across two
 * workers while one is SIGKILLed and the history service is restarted; the SMTP sink (the outside world)
 * must see every recipient exactly once, by Message-ID.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { startCluster, type Cluster } from '../scripts/cluster/cluster.js';
import { bundle, uniqueTaskQueue } from '../test/harness/test-worker.js';
import { spawnWorkerProcess, waitUntil } from '../test/harness/worker-process.js';
import { testDataConverter } from '../test/harness/test-keys.js';
import { openDatabase } from '../roster/database.js';
import { loadRosterKey } from '../roster/roster-crypto.js';
import { RosterStore } from '../roster/roster-store.js';
import { noticeMessageId } from '../activities/bulk-notification.js';
import { bulkNotificationWorkflow } from '../workflows/bulk-notification-workflow.js';
import { bulkNotificationProgressQuery } from '../contract/mailing-messages.js';
import { SmtpSink } from '../test/delivery/smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../test/notices/synthetic-notice.js';
import { syntheticRosterCsv } from '../test/fixtures/synthetic-roster.js';

const SIZE = Number(process.env.CLUSTER_MAILING_SIZE ?? 20_000);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-cluster-'));
fs.chmodSync(tmp, 0o755); // PostgreSQL runs as `postgres` when the tests run as root
const dataDir = path.join(tmp, 'data');
const workerPath = fileURLToPath(new URL('../test/delivery/bulk-worker-process.ts', import.meta.url));
let cluster: Cluster;
let sink: SmtpSink;
let bundlePath: string;
let rosterUrl: string;
let connection: Connection;
let client: Client;
const children: ChildProcess[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  const t0 = Date.now();
  const [c, b, s] = await Promise.all([
    startCluster({ dir: path.join(tmp, 'cluster'), progress: (l) => console.log(`[cluster] ${l}`) }),
    bundle(fileURLToPath(new URL('../workflows/bulk-notification-workflow.ts', import.meta.url))),
    new SmtpSink().start(),
  ]);
  cluster = c;
  sink = s;
  timings.clusterStartSeconds = (Date.now() - t0) / 1000;
  bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, b.code);
  // The roster database the workers share: its own database on the same PostgreSQL.
  const admin = new pg.Client({ host: '127.0.0.1', port: cluster.pg.port, user: cluster.pg.user, password: cluster.pg.password, database: 'postgres' });
  await admin.connect();
  await admin.query('create database roster');
  await admin.end();
  rosterUrl = `postgres://${cluster.pg.user}:${cluster.pg.password}@127.0.0.1:${cluster.pg.port}/roster`;
  connection = await Connection.connect({ address: cluster.address });
  client = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
}, 900_000);
afterAll(async () => {
  for (const ch of children) if (ch.exitCode === null) ch.kill('SIGKILL');
  await connection?.close();
  await sink?.stop();
  await cluster?.stop();
  console.log(`[cluster] timings ${JSON.stringify(timings)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function spawnWorker(taskQueue: string, name: string): Promise<ChildProcess> {
  // The engine's standard connection settings, as a Temporal Cloud user would give them.
  return spawnWorkerProcess({ workerPath, temporalAddress: cluster.address, taskQueue, bundlePath, dataDir, smtpPort: sink.port, probeUrl: sink.probeUrl, databaseUrl: rosterUrl, name, onSpawn: (c) => children.push(c) });
}


describe('production-shaped cluster (frontend, history, matching, worker as processes; PostgreSQL)', () => {
  it(`a mailing to ${SIZE.toLocaleString('en-US')} synthetic people across two workers survives a worker SIGKILL and a history restart: no duplicate, no gap`, async () => {
    // One data directory (the roster key file in it) for all workers, as a deployment mounts one secret;
    // the roster itself is in the shared PostgreSQL.
    fs.mkdirSync(dataDir, { recursive: true });
    const key = loadRosterKey(dataDir, {});
    const db = await openDatabase({ url: rosterUrl });
    const imported = await new RosterStore(db, key).importCsv(Buffer.from(syntheticRosterCsv({ size: SIZE })));
    await db.close();
    expect(imported.recipients).toBe(SIZE);

    const taskQueue = uniqueTaskQueue('cluster-bulk');
    const [w1] = await Promise.all([spawnWorker(taskQueue, 'w1'), spawnWorker(taskQueue, 'w2')]);
    const t0 = Date.now();
    const handle = await client.workflow.start(bulkNotificationWorkflow, {
      taskQueue,
      workflowId: `cluster-bulk-${path.basename(taskQueue)}/individual_notice`,
      args: [{ rosterId: imported.rosterId, obligationId: 'individual_notice', content: SYNTHETIC_INCIDENT, chunkSize: 500, concurrency: 4, heartbeatTimeoutSeconds: 5, maxChunksPerRun: 8 }],
    });

    await waitUntil('a quarter of the mail', () => sink.stats().accepted >= SIZE / 4, 600_000, 100);
    w1.kill('SIGKILL');
    await new Promise((r) => w1.once('exit', r));
    await waitUntil('half of the mail', () => sink.stats().accepted >= SIZE / 2, 600_000, 100);
    await cluster.restart('history', 'kill');
    await spawnWorker(taskQueue, 'w3');
    const result = await handle.result();
    timings.mailingSeconds = (Date.now() - t0) / 1000;
    timings.mailsPerSecond = Math.round(SIZE / timings.mailingSeconds);

    expect(result.counts).toMatchObject({ total: SIZE, sent: SIZE, pending: 0, unconfirmed: 0, bounced: 0, failed: 0 });
    expect(sink.stats()).toEqual({ accepted: SIZE, distinct: SIZE, duplicates: 0 });
    const domain = SYNTHETIC_ORG.sender.fromEmail.split('@')[1]!;
    const gaps = Array.from({ length: SIZE }, (_, i) => i + 1).filter((seq) => !sink.byId.has(noticeMessageId(imported.rosterId, 'individual_notice', seq, domain)));
    expect(gaps).toEqual([]);
    expect(await handle.query(bulkNotificationProgressQuery)).toMatchObject({ phase: 'done', sent: SIZE, pending: 0 });
  });
});
