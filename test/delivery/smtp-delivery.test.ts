import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { openDatabase, type SqlDb } from '../../roster/database.js';
import { loadRosterKey } from '../../roster/roster-crypto.js';
import { RosterStore } from '../../roster/roster-store.js';
import {
  createBulkNotificationActivities,
  noticeMessageId,
  type BulkNotificationDeps,
  type SendChunkInput,
  type SendChunkResult,
} from '../../activities/bulk-notification.js';
import { DeliveryLedger } from '../../delivery/ledger.js';
import { httpDeliveryProbe } from '../../delivery/delivery-probe.js';
import { classifySendError } from '../../delivery/notice-mailer.js';
import { SmtpSink } from './smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../notices/synthetic-notice.js';
import { syntheticEmail, syntheticRosterCsv } from '../fixtures/synthetic-roster.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-delivery-'));
let db: SqlDb;
let sink: SmtpSink;
let store: RosterStore;
let ledger: DeliveryLedger;
const key = loadRosterKey(tmp, {});
const DOMAIN = 'example-valley.example';

beforeAll(async () => {
  db = await openDatabase({ pgliteDir: path.join(tmp, 'db') });
  store = new RosterStore(db, key);
  ledger = new DeliveryLedger(db);
  sink = await new SmtpSink({ keepText: true }).start();
});
afterAll(async () => {
  await sink?.stop();
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  sink.reset();
  sink.setOptions({ keepText: true });
});

const activities = (extra: Partial<BulkNotificationDeps> = {}) =>
  createBulkNotificationActivities({
    dataDir: tmp,
    db,
    rosterKey: key,
    org: SYNTHETIC_ORG,
    smtp: { kind: 'smtp', host: '127.0.0.1', port: sink.port, maxConnections: 3 },
    ...extra,
  });

const quiet = { logger: new DefaultLogger('ERROR') };
const run = <A extends unknown[], R>(fn: (...a: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment(undefined, quiet).run<A, R, (...a: A) => Promise<R>>(fn, ...args);

async function prepared(acts: ReturnType<typeof activities>, size: number, mailEvery = 0) {
  const { rosterId } = await store.importCsv(Buffer.from(syntheticRosterCsv({ size, mailEvery })));
  const obligationId = 'individual_notice';
  const p = await run(acts.prepareBulkNotification, { rosterId, obligationId, content: SYNTHETIC_INCIDENT });
  return { rosterId, obligationId, noticeId: p.noticeId, maxSeq: p.maxSeq };
}

describe('SMTP delivery to a loopback server, with the delivery ledger', () => {
  it('emails once per recipient with a stable Message-ID, prints letters in one batch, and a rerun sends nothing', async () => {
    const acts = activities();
    const m = await prepared(acts, 30, 6);
    const r = await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 31 });
    expect(r.counts).toMatchObject({ total: 30, sent: 25, printed: 5, pending: 0, substituteNeeded: 0 });
    expect(sink.stats()).toEqual({ accepted: 25, distinct: 25, duplicates: 0 });
    const first = sink.messages.find((x) => x.messageId === noticeMessageId(m.rosterId, 'individual_notice', 1, DOMAIN));
    expect(first?.to).toEqual([syntheticEmail(1)]);
    expect(first?.subject).toBe('Notice of a data security incident (INC-2026-0042)');
    expect(first?.text).toContain('Dear ');
    expect(first?.text).toContain('1-800-555-0100');
    const batches = fs.readdirSync(path.join(tmp, 'print', m.rosterId));
    expect(batches).toEqual(['letters-individual_notice-b00001.manifest.csv.enc', 'letters-individual_notice-b00001.pdf']);

    const again = await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 31 });
    expect(again.sentNow).toBe(0);
    expect(sink.stats().accepted).toBe(25);
  });

  it('a notice failing its checklist is refused before anything is sent (non-retryable, PHI-free)', async () => {
    const acts = activities();
    const { rosterId } = await store.importCsv(Buffer.from(syntheticRosterCsv({ size: 3 })));
    const err = await run(acts.prepareBulkNotification, {
      rosterId,
      obligationId: 'individual_notice',
      content: { ...SYNTHETIC_INCIDENT, individualSteps: [] },
    }).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'ApplicationFailure', type: 'NoticeChecklistError', nonRetryable: true });
    expect((err as Error).message).toContain('individual_steps (45 CFR 164.404(c)(1)(C))');
    expect(sink.stats().accepted).toBe(0);
  });

  it('550 to someone with a postal address becomes a letter (164.404(d)(1)), recorded with the refusal; 451 retries until accepted', async () => {
    sink.setOptions({ rejectRecipient: /^person3@/, transientRecipient: { pattern: /^person5@/, times: 2 } });
    const acts = activities();
    const m = await prepared(acts, 6);
    await expect(run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 7 })).rejects.toMatchObject({ type: 'TransientSmtpFailure' });
    await expect(run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 7 })).rejects.toMatchObject({ type: 'TransientSmtpFailure' });
    const r = await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 7 });
    expect(r.counts).toMatchObject({ total: 6, sent: 5, printed: 1, bounced: 0, substituteNeeded: 0, pending: 0 });
    expect(sink.stats()).toEqual({ accepted: 5, distinct: 5, duplicates: 0 });
    const rows = await db.query<{ seq: number; status: string; attempts: number; error: string | null; batch: string | null }>(
      'select seq, status, attempts, error, batch from delivery where roster_id = $1 order by seq',
      [m.rosterId],
    );
    expect(rows.find((x) => x.seq === 3)).toMatchObject({
      status: 'printed',
      attempts: 1,
      error: 'email refused (EENVELOPE 550): letter printed instead',
    });
    expect(rows.find((x) => x.seq === 3)?.batch).toMatch(/^letters-individual_notice-/);
    expect(rows.find((x) => x.seq === 5)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(rows.filter((x) => x.seq !== 5).every((x) => x.seq === 3 || x.attempts === 1)).toBe(true);
  });

  it('an SMTP server that cannot be reached is transient: nothing is recorded as sent', async () => {
    const acts = activities({ smtp: { kind: 'smtp', host: '127.0.0.1', port: 1, maxConnections: 1 } });
    const m = await prepared(acts, 3);
    // The relay itself fails: the attempt stops at the first failure (the rest are not tried against it) and
    // everyone is left retrying — known not sent (not `sending`), never `failed`, however many attempts.
    for (let i = 0; i < 10; i++)
      await expect(run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 4 })).rejects.toMatchObject({ type: 'RelayUnavailable' });
    expect(await ledger.counts(m.rosterId, m.obligationId)).toMatchObject({ sent: 0, failed: 0, substituteNeeded: 0, pending: 3 });
    const statuses = await db.query<{ status: string }>('select status from delivery where roster_id = $1', [m.rosterId]);
    expect(statuses.map((x) => x.status)).toEqual(['retry', 'retry', 'retry']);
    expect(classifySendError({ code: 'ECONNECTION' })).toBe('transient');
    // The relay comes back: the same chunk completes, each person once.
    const r = await run(activities().sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 4 });
    expect(r.counts.sent).toBe(3);
    expect(sink.stats()).toEqual({ accepted: 3, distinct: 3, duplicates: 0 });
  });

  it('after a crash between the 250 and the ledger write, the probe prevents a second copy', async () => {
    const acts = activities({ probe: httpDeliveryProbe(sink.probeUrl) });
    const m = await prepared(acts, 4);
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 5 });
    // Simulate the crash window: seq 2 was accepted by the server but the ledger still says `sending`;
    // seq 4 was marked `sending` but never reached the server.
    await db.query("update delivery set status = 'sending' where roster_id = $1 and seq in (2, 4)", [m.rosterId]);
    sink.byId.delete(noticeMessageId(m.rosterId, m.obligationId, 4, DOMAIN));
    sink.messages.splice(
      sink.messages.findIndex((x) => x.messageId === noticeMessageId(m.rosterId, m.obligationId, 4, DOMAIN)),
      1,
    );
    const r = await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 5 });
    expect(r).toMatchObject({ resolvedUnconfirmed: 2, sentNow: 1 });
    expect(sink.stats()).toEqual({ accepted: 4, distinct: 4, duplicates: 0 });
  });

  it('a worker that dies after the 250s but before the `sent` write: the local journal prevents the second copies (issue 13 item 8)', async () => {
    // The process "dies" at the wave's `sent` write: every message of the wave was accepted by the relay.
    const dying = (real: SqlDb): SqlDb => ({
      ...real,
      dialect: real.dialect,
      query: <T>(sql: string, params?: unknown[]) => {
        if (/^update delivery set status = \$3/.test(sql) && params?.[2] === 'sent')
          return Promise.reject(new Error('SIGKILL (simulated)'));
        return real.query<T>(sql, params);
      },
      transaction: real.transaction.bind(real),
      close: real.close.bind(real),
    });
    for (const journal of [true, false]) {
      sink.reset();
      const dir = path.join(tmp, `journal-${journal}`);
      const m = await prepared(activities(), 5);
      const opts = { journalDir: journal ? dir : (false as const) };
      await expect(run(activities({ ...opts, db: dying(db) }).sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 6 })).rejects.toThrow(/SIGKILL/);
      expect(sink.stats().accepted).toBe(5);
      expect((await ledger.counts(m.rosterId, m.obligationId)).pending).toBe(5); // all `sending`: outcome unknown to the ledger
      // A new worker, no probe, policy `resend` (the default).
      const r = await run(activities(opts).sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 6 });
      expect(r.counts).toMatchObject({ sent: 5, pending: 0 });
      if (journal) {
        expect(r).toMatchObject({ resolvedUnconfirmed: 5, sentNow: 0 });
        expect(sink.stats()).toEqual({ accepted: 5, distinct: 5, duplicates: 0 });
        expect(fs.readdirSync(dir)).toEqual([]); // the chunk is final: its journal is removed
      } else {
        expect(sink.stats()).toEqual({ accepted: 10, distinct: 5, duplicates: 5 }); // what the journal saves
      }
    }
  });

  it('without a probe, `hold` records the unknown outcome instead of risking a second copy', async () => {
    const acts = activities({ unconfirmed: 'hold' });
    const m = await prepared(acts, 2);
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 3 });
    await db.query("update delivery set status = 'sending' where roster_id = $1 and seq = 2", [m.rosterId]);
    const r = await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 3 });
    expect(r.counts).toMatchObject({ sent: 1, unconfirmed: 1 });
    expect(sink.stats().duplicates).toBe(0);
  });

  it('resumes from the cursor in the heartbeat details', async () => {
    const acts = activities();
    const m = await prepared(acts, 10);
    const env = new MockActivityEnvironment({ heartbeatDetails: { cursor: 6 } }, quiet);
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    const r = await env.run<[SendChunkInput], SendChunkResult, typeof acts.sendNoticeChunk>(acts.sendNoticeChunk, {
      ...m,
      fromSeq: 1,
      toSeq: 11,
    });
    expect(r.sentNow).toBe(5);
    expect(sink.messages.map((x) => x.to[0]).sort()).toEqual([6, 7, 8, 9, 10].map(syntheticEmail).sort());
    expect(beats.at(-1)).toEqual({ cursor: 11 });
  });
});
