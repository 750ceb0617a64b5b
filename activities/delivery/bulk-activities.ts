import crypto from 'node:crypto';
import path from 'node:path';
import { Context, ApplicationFailure } from '@temporalio/activity';
import { asBuffer, databaseConfigFromEnv, sharedDatabase, type DatabaseConfig, type SqlDb } from '../roster/database.js';
import { decryptValue, encryptValue, loadRosterKey, type RosterKey } from '../roster/roster-crypto.js';
import { RosterStore, type RosterRecipient } from '../roster/roster-store.js';
import { NoticeRenderer, type PreparedIndividualNotice } from '../notices/render.js';
import { NoticeChecklistError, longDate } from '../notices/checklist.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';
import { organizationProfileFromEnv, type OrganizationProfile } from '../notices/organization.js';
import { writeLetterBatchPdf, type Letter } from '../notices/pdf-letters.js';
import { DeliveryLedger, FINAL_STATUSES, type DeliveryCounts } from './ledger.js';
import { classifySendError, createNoticeMailer, describeSendError, noticeSmtpConfigFromEnv, type NoticeMailer, type NoticeSmtpConfig } from './notice-mailer.js';
import { deliveryProbeFromEnv, type DeliveryProbe } from './delivery-probe.js';
import { engineMetrics } from '../../worker/engine-metrics.js';

/**
 * Activities of the bulk individual notification (164.404): prepare (check the notice once, store it),
 * send one chunk of the roster (heartbeating, resumable from the cursor in its heartbeat details), and
 * summarize from the ledger. Only ids, counts and ranges cross into Temporal: never names or addresses.
 */
export interface BulkNotificationDeps {
  dataDir: string;
  database?: DatabaseConfig;
  /** An open database to use instead (tests; a process that already holds the embedded database). */
  db?: SqlDb;
  rosterKey?: RosterKey;
  smtp?: NoticeSmtpConfig;
  org?: OrganizationProfile;
  templatesDir?: string;
  /** Looks up whether the relay accepted a message (resolves a crash between the 250 and the ledger write). */
  probe?: DeliveryProbe;
  /** Without a probe, what to do with a message whose outcome a crash left unknown. Default `resend`. */
  unconfirmed?: 'resend' | 'hold';
  /** Parallel SMTP transactions per chunk (default: twice the pool's connections). */
  sendConcurrency?: number;
  /**
   * Ledger writes are batched per wave of this many emails: `sending` for the whole wave before its first
   * SMTP transaction, `sent` for the wave after its last. A crash leaves at most one wave per chunk in
   * `sending` (resolved by the probe or the policy). Smaller = fewer unknowns after a crash, slower. Default 100.
   */
  ledgerWave?: number;
  /** A recipient whose transient failures reach this many attempts is recorded as failed. */
  maxAttemptsPerRecipient?: number;
  /** Where print batches go (default <dataDir>/print). */
  printDir?: string;
}

export interface PrepareBulkInput {
  rosterId: string;
  obligationId: string;
  content: IncidentNoticeContentInput;
}
export interface PrepareBulkResult {
  noticeId: string;
  recipients: number;
  maxSeq: number;
  byChannel: Record<string, number>;
}

export interface SendChunkInput {
  rosterId: string;
  obligationId: string;
  noticeId: string;
  fromSeq: number;
  toSeq: number;
}
export interface SendChunkResult {
  fromSeq: number;
  toSeq: number;
  counts: DeliveryCounts;
  /** Messages handed to SMTP by this attempt (for the benchmark). */
  sentNow: number;
  /** Unknown outcomes found after a crash and how they were resolved. */
  resolvedUnconfirmed: number;
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '-');
/** Stable per roster × obligation × recipient: every retry of the same notice carries the same Message-ID. */
export const noticeMessageId = (rosterId: string, obligationId: string, seq: number, domain: string) => `${messageIdPrefix(rosterId, obligationId)}${seq}@${domain}`;
const messageIdPrefix = (rosterId: string, obligationId: string) => `notice.${safeId(rosterId)}.${safeId(obligationId)}.`;

export function createBulkNotificationActivities(deps: BulkNotificationDeps) {
  // Everything is opened lazily: a worker that never mails opens no database and no SMTP pool.
  let state: Promise<{ db: SqlDb; key: RosterKey; store: RosterStore; ledger: DeliveryLedger; renderer: NoticeRenderer; probe?: DeliveryProbe }> | undefined;
  let mailer: NoticeMailer | undefined;
  const prepared = new Map<string, PreparedIndividualNotice>();
  const init = () =>
    (state ??= (async () => {
      const db = deps.db ?? (await sharedDatabase(deps.database ?? databaseConfigFromEnv(deps.dataDir)));
      const key = deps.rosterKey ?? loadRosterKey(deps.dataDir);
      const renderer = new NoticeRenderer({ org: deps.org ?? organizationProfileFromEnv(), ...(deps.templatesDir ? { templatesDir: deps.templatesDir } : {}) });
      const probe = deps.probe ?? deliveryProbeFromEnv();
      return { db, key, store: new RosterStore(db, key), ledger: new DeliveryLedger(db), renderer, ...(probe ? { probe } : {}) };
    })());
  const getMailer = () => (mailer ??= createNoticeMailer(deps.smtp ?? noticeSmtpConfigFromEnv(deps.dataDir)));
  const maxAttempts = deps.maxAttemptsPerRecipient ?? 8;
  const unconfirmedPolicy = deps.unconfirmed ?? ((process.env.BREACH_UNCONFIRMED_SENDS as 'resend' | 'hold' | undefined) || 'resend');

  async function loadNotice(noticeId: string): Promise<PreparedIndividualNotice> {
    const cached = prepared.get(noticeId);
    if (cached) return cached;
    const s = await init();
    const row = (await s.db.query<{ content_enc: unknown }>('select content_enc from notice_content where id = $1', [noticeId]))[0];
    if (!row) throw ApplicationFailure.nonRetryable(`notice ${noticeId} not found`, 'NoticeNotFound');
    const content = JSON.parse(decryptValue(s.key, asBuffer(row.content_enc)!, `notice:${noticeId}`)) as IncidentNoticeContentInput;
    const p = s.renderer.prepareIndividual(content);
    prepared.set(noticeId, p);
    return p;
  }

  return {
    /** Checks the notice against 164.404(c) (content and rendered template) and stores it; nothing is sent. */
    prepareBulkNotification: async (input: PrepareBulkInput): Promise<PrepareBulkResult> => {
      const s = await init();
      try {
        s.renderer.prepareIndividual(input.content);
      } catch (err) {
        if (err instanceof NoticeChecklistError) {
          throw ApplicationFailure.create({ message: err.message, type: 'NoticeChecklistError', nonRetryable: true, details: [err.failures] });
        }
        throw err;
      }
      const json = JSON.stringify(input.content);
      const noticeId = `ntc_${crypto.createHash('sha256').update(`${input.rosterId}\n${input.obligationId}\n${json}`).digest('hex').slice(0, 24)}`;
      await s.db.query('insert into notice_content (id, roster_id, obligation_id, kind, content_enc) values ($1, $2, $3, $4, $5) on conflict (id) do nothing', [
        noticeId,
        input.rosterId,
        input.obligationId,
        'individual_notice',
        encryptValue(s.key, json, `notice:${noticeId}`),
      ]);
      const c = await s.store.counts(input.rosterId);
      return { noticeId, recipients: c.recipients, maxSeq: c.maxSeq, byChannel: c.byChannel };
    },

    /**
     * Sends the notices of recipients fromSeq ≤ seq < toSeq: email over pooled SMTP, letters into one
     * print-ready PDF batch, people without usable contact recorded for the substitute notice. Resumes
     * from the cursor in its last heartbeat; the ledger makes every step idempotent.
     */
    sendNoticeChunk: async (input: SendChunkInput): Promise<SendChunkResult> => {
      const ctx = Context.current();
      const chunkStarted = Date.now();
      const s = await init();
      const notice = await loadNotice(input.noticeId);
      const org = s.renderer.org;
      const domain = org.sender.fromEmail.split('@')[1] ?? 'localhost';
      const { rosterId, obligationId } = input;
      const resumeAt = Math.max(input.fromSeq, (ctx.info.heartbeatDetails as { cursor?: number } | undefined)?.cursor ?? input.fromSeq);

      const people = await s.store.readRange(rosterId, resumeAt, input.toSeq);
      await s.ledger.ensure(rosterId, obligationId, people.map((p) => ({ seq: p.seq, channel: p.channel })));
      const ledger = new Map((await s.ledger.range(rosterId, obligationId, resumeAt, input.toSeq)).map((r) => [r.seq, r]));

      // Completion tracking for the heartbeat cursor: the lowest seq not yet final.
      const open = new Set(people.map((p) => p.seq));
      const cursor = () => (open.size === 0 ? input.toSeq : Math.min(...open));
      let lastBeat = 0;
      const done = (seq: number) => {
        open.delete(seq);
        const now = Date.now();
        if (now - lastBeat > 1000) {
          lastBeat = now;
          ctx.heartbeat({ cursor: cursor() });
        }
      };

      let sentNow = 0;
      let resolvedUnconfirmed = 0;
      let transientLeft = 0;
      const letters: RosterRecipient[] = [];
      const emails: RosterRecipient[] = [];
      /** Emails refused for good (5xx) to people with a postal address: seq → the refusal. */
      const bouncedToLetter = new Map<number, string>();
      let alreadyFinal = 0;
      for (const p of people) {
        const row = ledger.get(p.seq);
        if (row && FINAL_STATUSES.has(row.status)) {
          alreadyFinal++;
          done(p.seq);
          continue;
        }
        if (p.channel === 'email') emails.push(p);
        else if (p.channel === 'mail' || p.channel === 'representative_mail') letters.push(p);
        else {
          await s.ledger.mark(rosterId, obligationId, p.seq, p.channel === 'substitute' ? 'substitute_needed' : 'not_required');
          done(p.seq);
        }
      }

      const m = getMailer();
      let sentSeqs: number[] = [];
      const sendOne = async (p: RosterRecipient) => {
        const row = ledger.get(p.seq);
        const messageId = noticeMessageId(rosterId, obligationId, p.seq, domain);
        if (row?.status === 'sending' || row?.status === 'unconfirmed') {
          // A previous attempt died between the SMTP hand-off and the ledger write: outcome unknown.
          resolvedUnconfirmed++;
          const accepted = s.probe ? await s.probe.wasAccepted(messageId) : undefined;
          if (accepted === true) {
            await s.ledger.mark(rosterId, obligationId, p.seq, 'sent', { error: 'confirmed by probe after a crash' });
            return done(p.seq);
          }
          if (accepted === undefined && unconfirmedPolicy === 'hold') {
            await s.ledger.mark(rosterId, obligationId, p.seq, 'unconfirmed');
            return done(p.seq);
          }
        }
        if ((row?.attempts ?? 0) >= maxAttempts) {
          await s.ledger.mark(rosterId, obligationId, p.seq, 'failed', { error: `gave up after ${row?.attempts} attempts` });
          engineMetrics.noticeFailed('email', 'gave_up');
          return done(p.seq);
        }
        const rendered = notice.render({ fullName: p.fullName, email: p.email! }, 'email');
        try {
          await m.send({
            messageId,
            from: { name: org.sender.fromName, address: org.sender.fromEmail },
            ...(org.sender.replyTo ? { replyTo: org.sender.replyTo } : {}),
            to: p.email!,
            subject: rendered.subject,
            text: rendered.text,
          });
          sentSeqs.push(p.seq);
          sentNow++;
        } catch (err) {
          const kind = classifySendError(err);
          engineMetrics.noticeFailed('email', kind);
          if (kind === 'transient') {
            // Left in `retry`: the activity fails at the end of the chunk and Temporal retries it with backoff.
            await s.ledger.mark(rosterId, obligationId, p.seq, 'retry', { error: describeSendError(err) });
            transientLeft++;
          } else if (p.postal) {
            // 164.404(d)(1): the notice is written notice by first-class mail to the last known address; an
            // email that bounces for good is followed by a letter, not by the substitute notice. The row stays
            // `sending` until the letter is printed (a crash in between resends the email, which bounces again).
            bouncedToLetter.set(p.seq, describeSendError(err));
            letters.push(p);
          } else {
            await s.ledger.mark(rosterId, obligationId, p.seq, kind, { error: describeSendError(err) });
            done(p.seq);
          }
        }
      };

      const concurrency = deps.sendConcurrency ?? m.maxConnections * 2;
      const wave = Math.max(1, deps.ledgerWave ?? 100);
      for (let w = 0; w < emails.length && !ctx.cancellationSignal.aborted; w += wave) {
        const batch = emails.slice(w, w + wave);
        // Intent first: the ledger says `sending` (with the stable Message-ID) before any of these is handed to SMTP.
        const fresh = batch.filter((p) => (ledger.get(p.seq)?.attempts ?? 0) < maxAttempts);
        await s.ledger.markSendingMany(rosterId, obligationId, fresh.map((p) => p.seq), messageIdPrefix(rosterId, obligationId), `@${domain}`);
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
            while (next < batch.length) await sendOne(batch[next++]!);
          }),
        );
        // Then the outcome: everyone the server accepted in this wave, in one statement.
        await s.ledger.markMany(rosterId, obligationId, sentSeqs, 'sent');
        engineMetrics.noticeSent('email', sentSeqs.length);
        for (const q of sentSeqs) done(q);
        sentSeqs = [];
      }

      if (letters.length > 0) {
        // One print batch per chunk; rewriting it on a retry yields the same file name and letters.
        const batch = `letters-${safeId(obligationId)}-${String(input.fromSeq).padStart(9, '0')}-${String(input.toSeq).padStart(9, '0')}.pdf`;
        const file = path.join(deps.printDir ?? path.join(deps.dataDir, 'print'), safeId(rosterId), batch);
        const items: Letter[] = letters.map((p) => {
          if (p.channel === 'representative_mail' && p.representative) {
            const a = { fullName: p.representative.fullName, ...(p.representative.postal ? { postal: p.representative.postal } : {}), relationship: p.representative.relationship, subjectName: p.fullName };
            return { addressee: a, notice: notice.renderRepresentative(a) };
          }
          const a = { fullName: p.fullName, ...(p.postal ? { postal: p.postal } : {}) };
          return { addressee: a, notice: notice.render(a, 'mail') };
        });
        await writeLetterBatchPdf(file, org, items, longDate(new Date().toISOString().slice(0, 10)));
        await s.ledger.markMany(rosterId, obligationId, letters.filter((p) => !bouncedToLetter.has(p.seq)).map((p) => p.seq), 'printed', { batch });
        for (const [seq, refusal] of bouncedToLetter) await s.ledger.mark(rosterId, obligationId, seq, 'printed', { batch, error: `email refused (${refusal}): letter printed instead` });
        for (const p of letters) {
          engineMetrics.noticeSent(p.channel === 'email' ? 'mail' : p.channel);
          done(p.seq);
        }
      }

      ctx.heartbeat({ cursor: cursor() });
      engineMetrics.recipientsProcessed(people.length - alreadyFinal - open.size);
      engineMetrics.chunkFinished((Date.now() - chunkStarted) / 1000);
      if (ctx.cancellationSignal.aborted) throw ApplicationFailure.retryable('chunk cancelled', 'Cancelled');
      if (transientLeft > 0) {
        throw ApplicationFailure.retryable(`${transientLeft} recipient(s) had transient SMTP failures; retrying the chunk`, 'TransientSmtpFailure');
      }
      return { fromSeq: input.fromSeq, toSeq: input.toSeq, counts: await s.ledger.counts(rosterId, obligationId, input.fromSeq, input.toSeq), sentNow, resolvedUnconfirmed };
    },

    /** Authoritative totals of a mailing, from the ledger. */
    summarizeDelivery: async (input: { rosterId: string; obligationId: string }): Promise<DeliveryCounts> => {
      const s = await init();
      return s.ledger.counts(input.rosterId, input.obligationId);
    },
  };
}

export type BulkNotificationActivities = ReturnType<typeof createBulkNotificationActivities>;
