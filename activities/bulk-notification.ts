import crypto from 'node:crypto';
import { ChunkJournal } from '../delivery/delivery-journal.js';
import path from 'node:path';
import { Context, ApplicationFailure } from '@temporalio/activity';
import { asBuffer, databaseConfigFromEnv, sharedDatabase, type DatabaseConfig, type SqlDb } from '../roster/database.js';
import { decryptValue, encryptValue, loadRosterKey, type RosterKey } from '../roster/roster-crypto.js';
import { RosterStore, type RosterReadAudit, type RosterRecipient } from '../roster/roster-store.js';
import { NoticeRenderer, type PreparedIndividualNotice } from '../notices/render.js';
import { NoticeChecklistError, longDate } from '../notices/checklist.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';
import { organizationProfileFromEnv, type OrganizationProfile } from '../notices/organization.js';
import { MailHouse, checkBatchSize, letterBatchSizeFromEnv, summaryReference } from '../delivery/mail-house.js';
import { DeliveryLedger, DEV_OUTBOX_BATCH, FINAL_STATUSES, type LedgerCounts } from '../delivery/ledger.js';
import {
  classifySendError,
  createNoticeMailer,
  describeSendError,
  isRelayFailure,
  noticeSmtpConfigFromEnv,
  type NoticeMailer,
  type NoticeSmtpConfig,
} from '../delivery/notice-mailer.js';
import { deliveryProbeFromEnv, type DeliveryProbe } from '../delivery/delivery-probe.js';
import { engineMetrics } from '../worker/engine-metrics.js';
import { setting } from '../config/index.js';
import type { PrepareBulkInput, PrepareBulkResult, SendChunkInput, SendChunkResult } from './bulk-notification-types.js';

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
  /**
   * The local delivery journal (issue 13 item 8): each Message-ID the relay accepted is appended to
   * `<dir>/<roster>.<obligation>.<fromSeq>-<toSeq>.log` right after its 250, before the wave's `sent`
   * write. A worker killed in between leaves it in the OS page cache (a process crash loses nothing;
   * a machine crash may), and the resuming attempt probes it before resending. Default
   * `<dataDir>/delivery-journal`; `false` (or BREACH_DELIVERY_JOURNAL=off) turns it off. It only helps
   * where the chunk resumes on the same data directory (one host, or a shared volume).
   */
  journalDir?: string | false;
  /** Parallel SMTP transactions per chunk (default: twice the pool's connections). */
  sendConcurrency?: number;
  /**
   * Ledger writes are batched per wave of this many emails: `sending` for the whole wave before its first
   * SMTP transaction, `sent` for the wave after its last. A crash leaves at most one wave per chunk in
   * `sending` (resolved by the probe or the policy). Smaller = fewer unknowns after a crash, slower. Default 100.
   */
  ledgerWave?: number;
  /** Where print batches go (default <dataDir>/print). */
  printDir?: string;
  /** Letters per mail-house PDF batch (default BREACH_LETTER_BATCH_SIZE, else 5,000); see delivery/mail-house.ts. */
  letterBatchSize?: number;
  /** Told of every roster decryption (the engine's audit log, 164.312(b)). */
  rosterAudit?: RosterReadAudit;
  /** A drill's mailing (issue 19): every email, letter page and printed document marked DRILL (notices/drill-mark.ts). */
  drill?: boolean;
}

export type { PrepareBulkInput, PrepareBulkResult, SendChunkInput, SendChunkResult } from './bulk-notification-types.js';

const safeId = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '-');
/** Stable per roster × obligation × recipient: every retry of the same notice carries the same Message-ID. */
export const noticeMessageId = (rosterId: string, obligationId: string, seq: number, domain: string) =>
  `${messageIdPrefix(rosterId, obligationId)}${seq}@${domain}`;
const messageIdPrefix = (rosterId: string, obligationId: string) => `notice.${safeId(rosterId)}.${safeId(obligationId)}.`;

export function createBulkNotificationActivities(deps: BulkNotificationDeps) {
  // Everything is opened lazily: a worker that never mails opens no database and no SMTP pool.
  let state:
    | Promise<{
        db: SqlDb;
        key: RosterKey;
        store: RosterStore;
        ledger: DeliveryLedger;
        renderer: NoticeRenderer;
        mailHouse: MailHouse;
        probe?: DeliveryProbe;
      }>
    | undefined;
  const letterBatchSize = deps.letterBatchSize !== undefined ? checkBatchSize(deps.letterBatchSize) : letterBatchSizeFromEnv();
  let mailer: NoticeMailer | undefined;
  const prepared = new Map<string, PreparedIndividualNotice>();
  const init = () =>
    (state ??= (async () => {
      const db = deps.db ?? (await sharedDatabase(deps.database ?? databaseConfigFromEnv(deps.dataDir)));
      const key = deps.rosterKey ?? loadRosterKey(deps.dataDir);
      const renderer = new NoticeRenderer({
        org: deps.org ?? organizationProfileFromEnv(),
        ...(deps.templatesDir ? { templatesDir: deps.templatesDir } : {}),
        ...(deps.drill ? { drill: true } : {}),
      });
      const probe = deps.probe ?? deliveryProbeFromEnv();
      const store = new RosterStore(db, key, deps.rosterAudit);
      const ledger = new DeliveryLedger(db);
      const printDir = deps.printDir ?? path.join(deps.dataDir, 'print');
      const mailHouse = new MailHouse({
        db,
        key,
        store,
        ledger,
        org: renderer.org,
        printDir,
        batchSize: letterBatchSize,
        dateLine: () => longDate(new Date().toISOString().slice(0, 10)),
        ...(deps.drill ? { drill: true } : {}),
      });
      return { db, key, store, ledger, renderer, mailHouse, ...(probe ? { probe } : {}) };
    })());
  const getMailer = () => (mailer ??= createNoticeMailer(deps.smtp ?? noticeSmtpConfigFromEnv(deps.dataDir)));
  const journalDir =
    deps.journalDir ?? (setting('BREACH_DELIVERY_JOURNAL') === 'off' ? false : path.join(deps.dataDir, 'delivery-journal'));
  const unconfirmedPolicy = deps.unconfirmed ?? setting('BREACH_UNCONFIRMED_SENDS');

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
          throw ApplicationFailure.create({
            message: err.message,
            type: 'NoticeChecklistError',
            nonRetryable: true,
            details: [err.failures],
          });
        }
        throw err;
      }
      const json = JSON.stringify(input.content);
      const noticeId = `ntc_${crypto.createHash('sha256').update(`${input.rosterId}\n${input.obligationId}\n${json}`).digest('hex').slice(0, 24)}`;
      await s.db.query(
        'insert into notice_content (id, roster_id, obligation_id, kind, content_enc) values ($1, $2, $3, $4, $5) on conflict (id) do nothing',
        [noticeId, input.rosterId, input.obligationId, 'individual_notice', encryptValue(s.key, json, `notice:${noticeId}`)],
      );
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
      // Letters by channel are decided at once (row created `print_due` in its batch: one write, not two).
      await s.mailHouse.insertLetterRows(
        rosterId,
        obligationId,
        people.filter((p) => p.channel === 'mail' || p.channel === 'representative_mail'),
      );
      await s.ledger.ensure(
        rosterId,
        obligationId,
        people.map((p) => ({ seq: p.seq, channel: p.channel })),
      );
      const ledger = new Map((await s.ledger.range(rosterId, obligationId, resumeAt, input.toSeq)).map((r) => [r.seq, r]));

      // Completion tracking for the heartbeat cursor: the lowest seq not yet final.
      const open = new Set(people.map((p) => p.seq));
      const cursor = () => (open.size === 0 ? input.toSeq : Math.min(...open));
      let lastBeat = 0;
      /** Heartbeat (at most once a second) also in the middle of a wave: a slow wave on a loaded machine
       * must not look like a dead worker, or a second attempt would resend the rows this one is sending. */
      const beat = () => {
        const now = Date.now();
        if (now - lastBeat > 1000) {
          lastBeat = now;
          ctx.heartbeat({ cursor: cursor() });
        }
      };
      const done = (seq: number) => {
        open.delete(seq);
        beat();
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
        // `print_due`: this person's letter is decided and waits for its mail-house batch (not resent, not re-decided).
        if (row && (FINAL_STATUSES.has(row.status) || row.status === 'print_due')) {
          if (row.status !== 'print_due') alreadyFinal++;
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
      // The chunk's journal of accepted Message-IDs: read when a row is found in `sending` (a crash), appended to after each accept.
      const journal = new ChunkJournal(
        journalDir ? path.join(journalDir, `${safeId(rosterId)}.${safeId(obligationId)}.${input.fromSeq}-${input.toSeq}.log`) : undefined,
      );
      let sentSeqs: number[] = [];
      /** Set at the first failure of the relay itself (not of one recipient): the rest of the chunk waits. */
      let relayDown: string | undefined;
      const attempted = new Set<number>();
      const sendOne = async (p: RosterRecipient) => {
        attempted.add(p.seq);
        const row = ledger.get(p.seq);
        const messageId = noticeMessageId(rosterId, obligationId, p.seq, domain);
        if (row?.status === 'sending' || row?.status === 'unconfirmed') {
          // A previous attempt died between the SMTP hand-off and the ledger write: outcome unknown.
          resolvedUnconfirmed++;
          if (journal.has(messageId)) {
            await s.ledger.mark(rosterId, obligationId, p.seq, 'sent', { error: 'confirmed by the local delivery journal after a crash' });
            return done(p.seq);
          }
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
        // No give-up after N attempts: a transient failure (4xx, the relay down) is never `failed` and never
        // counts toward the substitute notice (164.404(d)(2) is about insufficient contact information).
        // The chunk is retried with backoff as long as the outage lasts; the workflow tells the owner.
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
          journal.append(messageId);
          sentSeqs.push(p.seq);
          beat();
          sentNow++;
        } catch (err) {
          const kind = classifySendError(err);
          engineMetrics.noticeFailed('email', kind);
          if (isRelayFailure(err)) {
            // The relay itself is failing: stop this attempt (no point trying the rest against it).
            relayDown ??= describeSendError(err);
            await s.ledger.mark(rosterId, obligationId, p.seq, 'retry', { error: describeSendError(err) });
            transientLeft++;
          } else if (kind === 'transient') {
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
      for (let w = 0; w < emails.length && !ctx.cancellationSignal.aborted && relayDown === undefined; w += wave) {
        const batch = emails.slice(w, w + wave);
        // Intent first: the ledger says `sending` (with the stable Message-ID) before any of these is handed to SMTP.
        // (Rows found in `sending`/`unconfirmed` keep their status: sendOne resolves them first.)
        const fresh = batch.filter((p) => ledger.get(p.seq)?.status !== 'sending' && ledger.get(p.seq)?.status !== 'unconfirmed');
        await s.ledger.markSendingMany(
          rosterId,
          obligationId,
          fresh.map((p) => p.seq),
          messageIdPrefix(rosterId, obligationId),
          `@${domain}`,
        );
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
            // A cancelled attempt (e.g. its heartbeat timed out and another attempt took over) stops sending at once.
            while (next < batch.length && relayDown === undefined && !ctx.cancellationSignal.aborted) await sendOne(batch[next++]!);
          }),
        );
        if (relayDown !== undefined) {
          // Never handed to SMTP in this attempt: back from `sending` to `retry` (known not sent, no probe needed).
          await s.ledger.markMany(
            rosterId,
            obligationId,
            fresh.filter((p) => !attempted.has(p.seq)).map((p) => p.seq),
            'retry',
          );
        }
        // Then the outcome: everyone the server accepted in this wave, in one statement.
        // (Written only to the development outbox folder: recorded as such, so it never confirms the obligation.)
        await s.ledger.markMany(rosterId, obligationId, sentSeqs, 'sent', m.confirmsDelivery ? {} : { batch: DEV_OUTBOX_BATCH });
        engineMetrics.noticeSent('email', sentSeqs.length);
        for (const q of sentSeqs) done(q);
        sentSeqs = [];
      }

      if (letters.length > 0) {
        // Each letter goes into the mail-house batch of its seq (issue 18); the ledger records the decision.
        await s.mailHouse.queueLetters(
          rosterId,
          obligationId,
          letters.map((p) => p.seq),
          bouncedToLetter,
        );
        for (const p of letters) done(p.seq);
      }
      // Every batch this chunk completes (everyone in its range decided) is rendered now, by this activity.
      await s.mailHouse.printReadyBatches(rosterId, obligationId, notice, input.fromSeq, input.toSeq, () =>
        ctx.heartbeat({ cursor: cursor() }),
      );

      journal.close();
      ctx.heartbeat({ cursor: cursor() });
      engineMetrics.recipientsProcessed(people.length - alreadyFinal - open.size);
      engineMetrics.chunkFinished((Date.now() - chunkStarted) / 1000);
      if (ctx.cancellationSignal.aborted) throw ApplicationFailure.retryable('chunk cancelled', 'Cancelled');
      if (relayDown !== undefined) {
        // Retryable: Temporal (and the workflow's outage handling) retries the chunk with backoff; the ledger
        // skips everyone already final. The reason is a code and category, never the relay's text.
        throw ApplicationFailure.create({
          message: `the mail relay is unavailable (${relayDown}); retrying the chunk`,
          type: 'RelayUnavailable',
          details: [{ reason: relayDown }],
        });
      }
      if (transientLeft > 0) {
        throw ApplicationFailure.retryable(
          `${transientLeft} recipient(s) had transient SMTP failures; retrying the chunk`,
          'TransientSmtpFailure',
        );
      }
      const counts = await s.ledger.counts(rosterId, obligationId, input.fromSeq, input.toSeq);
      // Every row of the chunk is final in the ledger: its journal has done its job.
      if (counts.pending === 0) journal.remove();
      return { fromSeq: input.fromSeq, toSeq: input.toSeq, counts, sentNow, resolvedUnconfirmed };
    },

    /**
     * Authoritative totals of a mailing, from the ledger. With letters, first renders any mail-house batch
     * still waiting and writes the hand-over summary (its SHA-256 is the first_class_mail confirmation's reference).
     */
    summarizeDelivery: async (input: { rosterId: string; obligationId: string }): Promise<LedgerCounts> => {
      const s = await init();
      let noticeId: string | undefined;
      const files = await s.mailHouse.finish(
        input.rosterId,
        input.obligationId,
        async () => {
          noticeId ??= (
            await s.db.query<{ id: string }>(
              'select id from notice_content where roster_id = $1 and obligation_id = $2 order by created_at desc limit 1',
              [input.rosterId, input.obligationId],
            )
          )[0]?.id;
          if (!noticeId) throw ApplicationFailure.nonRetryable(`no notice stored for obligation ${input.obligationId}`, 'NoticeNotFound');
          return loadNotice(noticeId);
        },
        () => Context.current().heartbeat(),
      );
      if (files)
        Context.current().log.info('mail-house letter summary written', {
          obligationId: input.obligationId,
          batches: files.summary.totals.batches,
          letters: files.summary.totals.letters,
          reference: summaryReference(files.sha256),
        });
      return s.ledger.counts(input.rosterId, input.obligationId);
    },
  };
}

export type BulkNotificationActivities = ReturnType<typeof createBulkNotificationActivities>;
