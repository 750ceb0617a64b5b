import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { bundle, uniqueTaskQueue } from '../harness/test-worker.js';
import { spawnWorkerProcess, waitUntil } from '../harness/worker-process.js';
import { openDatabase } from '../../roster/database.js';
import { loadRosterKey } from '../../roster/roster-crypto.js';
import { RosterStore } from '../../roster/roster-store.js';
import { noticeMessageId } from '../../activities/bulk-notification.js';
import { bulkNotificationWorkflow } from '../../workflows/bulk-notification-workflow.js';
import { bulkNotificationProgressQuery } from '../../contract/mailing-messages.js';
import { SmtpSink } from './smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../notices/synthetic-notice.js';
import { syntheticEmail, syntheticRosterCsv } from '../fixtures/synthetic-roster.js';
import proto from '@temporalio/proto';
import { testKeyProvider } from '../harness/test-keys.js';
import { AesGcmPayloadCodec } from '../../security/payload-codec.js';
import { decodeDocument, findMarkers, toScannableJson } from '../security/marker-scan.js';

const { temporal } = proto;

const SIZE = 10_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-bulk-'));
const dataDir = path.join(tmp, 'data');
const workerPath = fileURLToPath(new URL('./bulk-worker-process.ts', import.meta.url));
let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let bundlePath: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const [e, b, s] = await Promise.all([
    startDevServerEnv(),
    bundle(fileURLToPath(new URL('../../workflows/bulk-notification-workflow.ts', import.meta.url))),
    new SmtpSink().start(),
  ]);
  env = e;
  sink = s;
  bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, b.code);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sink?.stop();
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function spawnWorker(taskQueue: string): Promise<ChildProcess> {
  return spawnWorkerProcess({
    workerPath,
    temporalAddress: env.address,
    namespace: env.namespace ?? 'default',
    taskQueue,
    bundlePath,
    dataDir,
    smtpPort: sink.port,
    probeUrl: sink.probeUrl,
    onSpawn: (c) => children.push(c),
  });
}

describe('bulk individual notification (dev server, worker killed mid-send)', () => {
  it(`${SIZE.toLocaleString('en-US')} recipients: SIGKILL mid-send, a new worker resumes; no duplicate, no gap`, async () => {
    // The roster is imported before any worker opens the embedded database (one opener at a time).
    const db = await openDatabase({ pgliteDir: path.join(dataDir, 'roster-db') });
    const imported = await new RosterStore(db, loadRosterKey(dataDir, {})).importCsv(Buffer.from(syntheticRosterCsv({ size: SIZE })));
    await db.close();
    expect(imported.recipients).toBe(SIZE);

    const taskQueue = uniqueTaskQueue('bulk');
    const first = await spawnWorker(taskQueue);
    const handle = await env.client.workflow.start(bulkNotificationWorkflow, {
      taskQueue,
      workflowId: `bulk-test-${path.basename(taskQueue)}/individual_notice`,
      args: [
        {
          rosterId: imported.rosterId,
          obligationId: 'individual_notice',
          content: SYNTHETIC_INCIDENT,
          chunkSize: 500,
          concurrency: 4,
          heartbeatTimeoutSeconds: 5,
          maxChunksPerRun: 8,
        },
      ],
    });

    await waitUntil('a third of the mail to arrive', () => sink.stats().accepted >= SIZE / 3);
    const mid = await handle.query(bulkNotificationProgressQuery);
    expect(mid.phase).toBe('sending');
    expect(mid.recipients).toBe(SIZE);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = sink.stats().accepted;
    expect(atKill).toBeLessThan(SIZE);

    await spawnWorker(taskQueue);
    const result = await handle.result();

    expect(result.counts).toMatchObject({ total: SIZE, sent: SIZE, pending: 0, unconfirmed: 0, bounced: 0, failed: 0 });
    expect(result.substituteNoticeRequired).toBe('none');
    expect(result.runs).toBeGreaterThan(1); // continue-as-new happened (8 chunks per run)
    // The sink is the outside world: every recipient exactly once.
    expect(sink.stats()).toEqual({ accepted: SIZE, distinct: SIZE, duplicates: 0 });
    const domain = SYNTHETIC_ORG.sender.fromEmail.split('@')[1]!;
    const gaps = Array.from({ length: SIZE }, (_, i) => i + 1).filter(
      (seq) => !sink.byId.has(noticeMessageId(imported.rosterId, 'individual_notice', seq, domain)),
    );
    expect(gaps).toEqual([]);

    const done = await handle.query(bulkNotificationProgressQuery);
    expect(done).toMatchObject({ phase: 'done', sent: SIZE, pending: 0 });
    // No PHI in the history. Payload bytes are scanned as base64 (clear or encoded at any alignment) and,
    // decoded through the codec, as text: JSON.stringify alone turns them into lists of numbers.
    const history = await handle.fetchHistory();
    const raw = toScannableJson(history);
    const markers = { email: syntheticEmail(1).split('@')[1]!, street: 'Example Street', name: 'Testperson' };
    expect(findMarkers(raw, markers)).toEqual([]);
    const historyJson = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
      bytes: String,
      longs: String,
      enums: String,
    });
    const decoded = JSON.stringify(await decodeDocument(historyJson, new AesGcmPayloadCodec(testKeyProvider)));
    // The scan sees decoded payload text (the roster id is in the workflow input): it can find a leak.
    expect(decoded).toContain(imported.rosterId);
    expect(findMarkers(decoded, markers)).toEqual([]);
  });
});
