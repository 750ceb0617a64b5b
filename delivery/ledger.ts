import type { SqlDb } from '../roster/database.js';
import type { RecipientChannel } from '../roster/roster-store.js';

/**
 * The delivery ledger: one row per roster × obligation × recipient, the proof that each notice was made
 * (164.414(b)) and the idempotency record of the mailing. A row moves
 *   pending → sending → sent | bounced | invalid_address | failed | (retry → sending …)
 *   pending → print_due (a letter, in the mail-house batch named in `batch`) → printed (that batch rendered)
 *   pending → printed (letter in a per-chunk print batch: mailings before issue 18) | substitute_needed | not_required
 *   sending → unconfirmed (a crash after the SMTP hand-off; resolved by a probe or the operator).
 * `sending` is written before the SMTP transaction and `sent` after the server's 250: a row found in
 * `sending` after a crash is the only case where the outcome is unknown.
 */
export type DeliveryStatus =
  | 'pending'
  | 'sending'
  | 'retry'
  | 'sent'
  | 'bounced'
  | 'invalid_address'
  | 'failed'
  | 'print_due'
  | 'printed'
  | 'substitute_needed'
  | 'not_required'
  | 'unconfirmed';

export const FINAL_STATUSES: ReadonlySet<DeliveryStatus> = new Set([
  'sent',
  'bounced',
  'invalid_address',
  'failed',
  'printed',
  'substitute_needed',
  'not_required',
]);

export interface LedgerRow {
  seq: number;
  channel: RecipientChannel;
  status: DeliveryStatus;
  attempts: number;
  messageId: string | null;
}

export interface DeliveryCounts {
  total: number;
  sent: number;
  printed: number;
  bounced: number;
  failed: number;
  unconfirmed: number;
  notRequired: number;
  /** No usable contact (at import) plus permanent refusals (5xx): people the substitute notice must reach (164.404(d)(2)). Never transient failures. */
  substituteNeeded: number;
  pending: number;
}

/** A mailing's totals from the ledger. */
export interface LedgerCounts extends DeliveryCounts {
  /**
   * Of `sent`: notices only written to the development outbox folder (no SMTP host, mode `folder`). They
   * reached no one, so they never confirm the obligation. Absent when 0 (and in counts recorded before).
   */
  toFolder?: number;
}

/** The ledger's `batch` of a `sent` row that only went to the development outbox folder. */
export const DEV_OUTBOX_BATCH = 'dev-outbox';

export const emptyCounts = (): DeliveryCounts => ({
  total: 0,
  sent: 0,
  printed: 0,
  bounced: 0,
  failed: 0,
  unconfirmed: 0,
  notRequired: 0,
  substituteNeeded: 0,
  pending: 0,
});

export function addCounts(a: DeliveryCounts, b: DeliveryCounts): DeliveryCounts {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof DeliveryCounts)[]) out[k] = a[k] + b[k];
  return out;
}

export class DeliveryLedger {
  constructor(private readonly db: SqlDb) {}

  /** Creates the rows of a range (idempotent): one statement, the seqs and channels as two array parameters. */
  async ensure(rosterId: string, obligationId: string, rows: { seq: number; channel: RecipientChannel }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `insert into delivery (roster_id, obligation_id, seq, channel, status)
       select $1, $2, r.seq, r.channel, 'pending' from unnest($3::int[], $4::text[]) as r(seq, channel) on conflict do nothing`,
      [rosterId, obligationId, rows.map((r) => r.seq), rows.map((r) => r.channel)],
    );
  }

  async range(rosterId: string, obligationId: string, fromSeq: number, toSeq: number): Promise<LedgerRow[]> {
    const rows = await this.db.query<{
      seq: number;
      channel: RecipientChannel;
      status: DeliveryStatus;
      attempts: number;
      message_id: string | null;
    }>(
      'select seq, channel, status, attempts, message_id from delivery where roster_id = $1 and obligation_id = $2 and seq >= $3 and seq < $4 order by seq',
      [rosterId, obligationId, fromSeq, toSeq],
    );
    return rows.map((r) => ({ seq: r.seq, channel: r.channel, status: r.status, attempts: r.attempts, messageId: r.message_id }));
  }

  /** Before the SMTP transaction: the intent, with the stable Message-ID. */
  markSending(rosterId: string, obligationId: string, seq: number, messageId: string): Promise<unknown> {
    return this.db.query(
      "update delivery set status = 'sending', attempts = attempts + 1, message_id = $4, updated_at = now() where roster_id = $1 and obligation_id = $2 and seq = $3",
      [rosterId, obligationId, seq, messageId],
    );
  }

  /**
   * `sending` for many rows in one statement (a wave of concurrent sends). The Message-ID is
   * `<idPrefix><seq><idSuffix>`, the same stable id markSending would write.
   */
  async markSendingMany(rosterId: string, obligationId: string, seqs: number[], idPrefix: string, idSuffix: string): Promise<void> {
    if (seqs.length === 0) return;
    await this.db.query(
      `update delivery set status = 'sending', attempts = attempts + 1, message_id = $3 || seq::text || $4, updated_at = now()
        where roster_id = $1 and obligation_id = $2 and seq = any($5::int[])`,
      [rosterId, obligationId, idPrefix, idSuffix, seqs],
    );
  }

  mark(
    rosterId: string,
    obligationId: string,
    seq: number,
    status: DeliveryStatus,
    detail: { error?: string; batch?: string } = {},
  ): Promise<unknown> {
    return this.db.query(
      'update delivery set status = $4, error = $5, batch = coalesce($6, batch), updated_at = now() where roster_id = $1 and obligation_id = $2 and seq = $3',
      [rosterId, obligationId, seq, status, detail.error ?? null, detail.batch ?? null],
    );
  }

  async markMany(
    rosterId: string,
    obligationId: string,
    seqs: number[],
    status: DeliveryStatus,
    detail: { batch?: string } = {},
  ): Promise<void> {
    if (seqs.length === 0) return;
    await this.db.query(
      'update delivery set status = $3, batch = coalesce($4, batch), updated_at = now() where roster_id = $1 and obligation_id = $2 and seq = any($5::int[])',
      [rosterId, obligationId, status, detail.batch ?? null, seqs],
    );
  }

  /** Counts for a range (or the whole mailing), from the ledger: the authoritative figures. */
  async counts(rosterId: string, obligationId: string, fromSeq = 0, toSeq = 2_147_483_647): Promise<LedgerCounts> {
    const rows = await this.db.query<{ status: DeliveryStatus; folder: boolean; n: number }>(
      `select status, coalesce(batch = '${DEV_OUTBOX_BATCH}', false) as folder, count(*)::int as n from delivery
        where roster_id = $1 and obligation_id = $2 and seq >= $3 and seq < $4 group by 1, 2`,
      [rosterId, obligationId, fromSeq, toSeq],
    );
    const c: LedgerCounts = emptyCounts();
    for (const { status, folder, n } of rows) {
      c.total += n;
      if (status === 'sent') {
        c.sent += n;
        if (folder) c.toFolder = (c.toFolder ?? 0) + n;
      } else if (status === 'printed') c.printed += n;
      else if (status === 'bounced' || status === 'invalid_address') {
        c.bounced += n;
        c.substituteNeeded += n;
      } else if (status === 'failed') {
        // Not a permanent refusal: never counted as insufficient contact (164.404(d)(2)); a person resolves it.
        c.failed += n;
      } else if (status === 'substitute_needed') c.substituteNeeded += n;
      else if (status === 'not_required') c.notRequired += n;
      else if (status === 'unconfirmed') c.unconfirmed += n;
      else c.pending += n;
    }
    return c;
  }
}
