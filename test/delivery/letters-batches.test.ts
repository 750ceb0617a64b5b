import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openDatabase, type SqlDb } from '../../roster/database.js';
import { loadRosterKey } from '../../roster/roster-crypto.js';
import { RosterStore } from '../../roster/roster-store.js';
import { createBulkNotificationActivities, type BulkNotificationDeps } from '../../activities/bulk-notification.js';
import { DeliveryLedger } from '../../delivery/ledger.js';
import { letterBatchSizeFromEnv, readLetterManifest, type MailHouseSummary } from '../../delivery/mail-house.js';
import { bulkNotificationWorkflow } from '../../workflows/bulk-notification-workflow.js';
import { SmtpSink } from './smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../notices/synthetic-notice.js';
import { mixedRosterExpectation, syntheticMixedRosterLines, syntheticRosterCsv } from '../fixtures/synthetic-roster.js';
import { startTimeSkippingEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';

/**
 * Issue 18 §1: first-class letters (164.404(d)(1)) as a mail house takes them — batches of a configured
 * size, each a PDF with an encrypted manifest and SHA-256s, and a summary the privacy officer confirms.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-letters-'));
let db: SqlDb;
let store: RosterStore;
let ledger: DeliveryLedger;
const key = loadRosterKey(tmp, {});
const OBL = 'individual_notice';

beforeAll(async () => {
  db = await openDatabase({ pgliteDir: path.join(tmp, 'db') });
  store = new RosterStore(db, key);
  ledger = new DeliveryLedger(db);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const quiet = { logger: new DefaultLogger('ERROR') };
const run = <A extends unknown[], R>(fn: (...a: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment(undefined, quiet).run<A, R, (...a: A) => Promise<R>>(fn, ...args);
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** Pages of a pdfkit PDF, read back from the file (page objects; not the /Pages tree). */
const pdfPages = (file: string) =>
  (
    fs
      .readFileSync(file)
      .toString('latin1')
      .match(/\/Type \/Page\b(?!s)/g) ?? []
  ).length;

function activities(printDir: string, extra: Partial<BulkNotificationDeps> = {}) {
  // No SMTP: these rosters are letters only (the mailer is never used).
  return createBulkNotificationActivities({
    dataDir: tmp,
    db,
    rosterKey: key,
    org: SYNTHETIC_ORG,
    printDir,
    smtp: { kind: 'smtp', host: '127.0.0.1', port: 1, maxConnections: 1 },
    ...extra,
  });
}

async function lettersRoster(acts: ReturnType<typeof activities>, size: number) {
  const { rosterId } = await store.importCsv(Buffer.from(syntheticRosterCsv({ size, mailEvery: 1 })));
  const p = await run(acts.prepareBulkNotification, { rosterId, obligationId: OBL, content: SYNTHETIC_INCIDENT });
  return { rosterId, obligationId: OBL, noticeId: p.noticeId, maxSeq: p.maxSeq };
}

function summaryOf(printDir: string, rosterId: string): MailHouseSummary {
  return JSON.parse(fs.readFileSync(path.join(printDir, rosterId, `mail-house-${OBL}.summary.json`), 'utf8')) as MailHouseSummary;
}

describe('mail-house letter batches', () => {
  it('batches of the configured size across chunk boundaries, in any chunk order: each person exactly one letter, manifests and hashes agree', async () => {
    const printDir = path.join(tmp, 'print-a');
    const acts = activities(printDir, { letterBatchSize: 5 });
    const m = await lettersRoster(acts, 23);
    const dir = path.join(printDir, m.rosterId);
    const pdfs = () =>
      fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.pdf'))
            .sort()
        : [];
    // Chunks of 7 (not aligned with batches of 5: [1,6) [6,11) [11,16) [16,21) [21,24)), finishing out of
    // order as concurrent activities do. A batch is printed by the chunk that completes its range.
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 15, toSeq: 22 });
    expect(pdfs()).toEqual(['letters-individual_notice-b00004.pdf']);
    expect(await ledger.counts(m.rosterId, OBL)).toMatchObject({ printed: 5, pending: 2 }); // 15 and 21 wait (print_due) for batches 3 and 5
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 8, toSeq: 15 });
    expect(pdfs()).toEqual(['b00003', 'b00004'].map((b) => `letters-individual_notice-${b}.pdf`));
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 8 });
    expect(pdfs()).toEqual(['b00001', 'b00002', 'b00003', 'b00004'].map((b) => `letters-individual_notice-${b}.pdf`));
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 22, toSeq: 24 });
    expect(pdfs()).toHaveLength(5);
    const counts = await run(acts.summarizeDelivery, { rosterId: m.rosterId, obligationId: OBL });
    expect(counts).toMatchObject({ total: 23, printed: 23, pending: 0 });

    const s = summaryOf(printDir, m.rosterId);
    expect(s.batches.map((b) => b.letters)).toEqual([5, 5, 5, 5, 3]);
    expect(s).toMatchObject({ batchSize: 5, totals: { batches: 5, letters: 23 }, ledgerPrinted: 23, notYetPrinted: 0 });
    const seen: number[] = [];
    for (const b of s.batches) {
      const pdf = path.join(dir, b.pdf.file);
      const manifest = path.join(dir, b.manifest.file);
      expect(sha(pdf)).toBe(b.pdf.sha256);
      expect(sha(manifest)).toBe(b.manifest.sha256);
      const rows = readLetterManifest(key, manifest, m.rosterId, OBL, b.batchNo);
      expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: b.letters }, (_, i) => i + 1));
      expect(rows.every((r) => r.batch === b.name && r.rosterSeq >= b.fromSeq && r.rosterSeq < b.toSeq)).toBe(true);
      // Page count: manifest = summary = the PDF read back; each letter starts where the previous ended.
      const pages = rows.reduce((a, r) => a + r.pages, 0);
      expect(pages).toBe(b.pages);
      expect(pdfPages(pdf)).toBe(b.pages);
      rows.forEach((r, i) => expect(r.firstPage).toBe(i === 0 ? 1 : rows[i - 1]!.firstPage + rows[i - 1]!.pages));
      seen.push(...rows.map((r) => r.rosterSeq));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    const rows = await db.query<{ seq: number; status: string; batch: string }>(
      'select seq, status, batch from delivery where roster_id = $1 order by seq',
      [m.rosterId],
    );
    expect(
      rows.every((r) => r.status === 'printed' && r.batch === `letters-individual_notice-b0000${Math.floor((r.seq - 1) / 5) + 1}`),
    ).toBe(true);

    // The human summary names every file with its hash and the reference to confirm with.
    const text = fs.readFileSync(path.join(dir, `mail-house-${OBL}.summary.txt`), 'utf8');
    const summarySha = sha(path.join(dir, `mail-house-${OBL}.summary.json`));
    expect(text).toContain(`mail-house summary sha256:${summarySha}`);
    expect(text).toContain('first_class_mail');
    for (const b of s.batches) expect(text).toContain(b.pdf.sha256);

    // Rerunning any chunk (a retry after the fact) prints nothing again; summarizing again changes nothing.
    const before = s.batches.map((b) => fs.statSync(path.join(dir, b.pdf.file)).mtimeMs);
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 8, toSeq: 15 });
    await run(acts.summarizeDelivery, { rosterId: m.rosterId, obligationId: OBL });
    expect(s.batches.map((b) => fs.statSync(path.join(dir, b.pdf.file)).mtimeMs)).toEqual(before);
    expect(sha(path.join(dir, `mail-house-${OBL}.summary.json`))).toBe(summarySha);
  });

  it('the manifest is not readable as clear text, carries no names or addresses, and only opens with the roster key for its own batch', async () => {
    const printDir = path.join(tmp, 'print-b');
    const acts = activities(printDir, { letterBatchSize: 4 });
    const m = await lettersRoster(acts, 8);
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 9 });
    await run(acts.summarizeDelivery, { rosterId: m.rosterId, obligationId: OBL });
    const s = summaryOf(printDir, m.rosterId);
    const file = path.join(printDir, m.rosterId, s.batches[0]!.manifest.file);
    const raw = fs.readFileSync(file).toString('latin1');
    expect(raw).not.toContain('sequence');
    expect(raw).not.toContain('letters-individual_notice');
    const rows = readLetterManifest(key, file, m.rosterId, OBL, 1);
    expect(rows).toHaveLength(4);
    const csvText = rows.map((r) => Object.values(r).join(',')).join('\n');
    for (const word of ['Example Street', 'Testville', 'Alex', 'Sam', 'Sample']) expect(csvText).not.toContain(word);
    // Another batch's additional data, or another key: refused.
    expect(() => readLetterManifest(key, file, m.rosterId, OBL, 2)).toThrow(/could not be decrypted/);
    expect(() => readLetterManifest(loadRosterKey(path.join(tmp, 'other-key'), {}), file, m.rosterId, OBL, 1)).toThrow(
      /could not be decrypted/,
    );
    // Nothing of the summary is PHI either: ids, counts, file names, hashes.
    const json = fs.readFileSync(path.join(printDir, m.rosterId, `mail-house-${OBL}.summary.json`), 'utf8');
    for (const word of ['Example Street', 'Testville', 'Alex', 'Sample']) expect(json).not.toContain(word);
  });

  it('a worker that died while rendering: the same chunk takes its claim back; a claim nobody returns to is rendered at the end of the mailing', async () => {
    const printDir = path.join(tmp, 'print-c');
    const acts = activities(printDir, { letterBatchSize: 3 });
    const m = await lettersRoster(acts, 6);
    // Simulate the crash: the chunk decided its letters and claimed both batches, then died before any file.
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 7 });
    await db.query("update delivery set status = 'print_due' where roster_id = $1", [m.rosterId]);
    await db.query(
      "update letter_batch set status = 'rendering', claimed_by = case batch_no when 1 then 'chunk:1-7' else 'chunk:gone' end where roster_id = $1",
      [m.rosterId],
    );
    fs.rmSync(path.join(printDir, m.rosterId), { recursive: true });
    await run(acts.sendNoticeChunk, { ...m, fromSeq: 1, toSeq: 7 });
    expect(fs.readdirSync(path.join(printDir, m.rosterId)).filter((f) => f.endsWith('.pdf'))).toEqual([
      'letters-individual_notice-b00001.pdf',
    ]);
    expect(await ledger.counts(m.rosterId, OBL)).toMatchObject({ printed: 3, pending: 3 });
    await run(acts.summarizeDelivery, { rosterId: m.rosterId, obligationId: OBL });
    expect(await ledger.counts(m.rosterId, OBL)).toMatchObject({ printed: 6, pending: 0 });
    expect(summaryOf(printDir, m.rosterId).batches.map((b) => b.letters)).toEqual([3, 3]);
  });

  it('a bad batch size is refused with the setting and the rule', () => {
    expect(() => activities(tmp, { letterBatchSize: 0 })).toThrow('letterBatchSize must be a whole number of letters from 1 to 50000');
    expect(() => letterBatchSizeFromEnv({ BREACH_LETTER_BATCH_SIZE: 'lots' })).toThrow(/^BREACH_LETTER_BATCH_SIZE must be a whole number/);
    expect(letterBatchSizeFromEnv({})).toBe(5000);
    expect(letterBatchSizeFromEnv({ BREACH_LETTER_BATCH_SIZE: '2500' })).toBe(2500);
  });
});

describe('a mixed roster through the real bulk workflow (time-skipping server): counts reconcile', () => {
  let env: TestWorkflowEnvironment;
  let sink: SmtpSink;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueTaskQueue('letters-mixed');
  const printDir = path.join(tmp, 'print-mixed');

  beforeAll(async () => {
    sink = await new SmtpSink({ rejectRecipient: /^bounce/ }).start();
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, {
      taskQueue,
      workflowBundle: await bundle(new URL('../../workflows/bulk-notification-workflow.ts', import.meta.url).pathname),
      activities: createBulkNotificationActivities({
        dataDir: tmp,
        db,
        rosterKey: key,
        org: SYNTHETIC_ORG,
        printDir,
        letterBatchSize: 40,
        smtp: { kind: 'smtp', host: '127.0.0.1', port: sink.port, maxConnections: 2 },
      }),
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await sink?.stop();
  });

  it('email, letters, next of kin, bounces to letters, substitute, not required: every person accounted for once', async () => {
    const N = 460;
    const imported = await store.importCsv(Readable.from(syntheticMixedRosterLines({ size: N })));
    expect(imported.rejectedRows).toBe(0);
    const r = await env.client.workflow.execute(bulkNotificationWorkflow, {
      taskQueue,
      workflowId: `letters-mixed-${imported.rosterId}`,
      args: [{ rosterId: imported.rosterId, obligationId: OBL, content: SYNTHETIC_INCIDENT, chunkSize: 100, concurrency: 3 }],
    });
    const want = mixedRosterExpectation(N);
    expect(r.counts).toMatchObject({ total: N, ...want, failed: 0, unconfirmed: 0, pending: 0 });
    expect(r.counts.sent + r.counts.printed + r.counts.bounced + (want.substituteNeeded - want.bounced) + r.counts.notRequired).toBe(N);
    expect(sink.stats()).toEqual({ accepted: want.sent, distinct: want.sent, duplicates: 0 });

    // Letters: the summary and the manifests count exactly the printed people, each once.
    const s = summaryOf(printDir, imported.rosterId);
    expect(s.totals.letters).toBe(want.printed);
    expect(s.ledgerPrinted).toBe(want.printed);
    const letterSeqs: number[] = [];
    for (const b of s.batches)
      letterSeqs.push(
        ...readLetterManifest(key, path.join(printDir, imported.rosterId, b.manifest.file), imported.rosterId, OBL, b.batchNo).map(
          (x) => x.rosterSeq,
        ),
      );
    expect(new Set(letterSeqs).size).toBe(letterSeqs.length);
    const printed = await db.query<{ seq: number }>("select seq from delivery where roster_id = $1 and status = 'printed' order by seq", [
      imported.rosterId,
    ]);
    expect(letterSeqs.sort((a, b) => a - b)).toEqual(printed.map((p) => p.seq));
    // Bounced people with a postal address got a letter, recorded with the refusal.
    const bouncedLetters = await db.query<{ n: number }>(
      "select count(*)::int as n from delivery where roster_id = $1 and status = 'printed' and error like 'email refused%'",
      [imported.rosterId],
    );
    expect(bouncedLetters[0]!.n).toBe(N / 20);
  });
});
