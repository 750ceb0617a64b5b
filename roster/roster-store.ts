import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import type { SqlDb } from './database.js';
import { decryptValue, encryptValue, RosterKeyError, type RosterKey } from './roster-crypto.js';
import type { PostalAddress } from '../notices/organization.js';

/**
 * The affected-individual roster: CSV import validated row by row (a bad row is reported by line and
 * field and left out; good rows are kept), stored encrypted per column in the database. Workflows only
 * ever see the roster id and counts.
 *
 * CSV columns (header row, case-insensitive, in any order):
 *   full_name | first_name + last_name, email, email_consent (yes/no: agreed to electronic notice,
 *   164.404(d)(1)(i)), address_line1, address_line2, city, state, postal_code, phone, deceased (yes/no),
 *   representative_name, representative_relationship (next_of_kin | personal_representative),
 *   representative_address_line1, representative_address_line2, representative_city,
 *   representative_state, representative_postal_code
 */
export type RecipientChannel = 'email' | 'mail' | 'representative_mail' | 'substitute' | 'not_required';

export interface RosterRecipient {
  seq: number;
  line: number;
  channel: RecipientChannel;
  jurisdiction?: string;
  deceased: boolean;
  fullName: string;
  email?: string;
  postal?: PostalAddress;
  phone?: string;
  representative?: { fullName: string; relationship: 'next_of_kin' | 'personal_representative'; postal?: PostalAddress };
}

export interface RowProblem {
  line: number;
  field: string;
  problem: string;
}

export interface RosterImportResult {
  rosterId: string;
  recipients: number;
  rejectedRows: number;
  /** Bad rows by line and field (never the values: they may be PHI). */
  problems: RowProblem[];
  byChannel: Record<RecipientChannel, number>;
  byJurisdiction: Record<string, number>;
  /** The same file imported again into the same roster is a no-op. */
  alreadyImported: boolean;
}

const blankToUndef = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndef, s.optional());
const yesNo = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.union([z.literal(''), z.enum(['yes', 'no', 'y', 'n', 'true', 'false', '1', '0'])], { error: 'must be yes or no' }),
  )
  .transform((v) => ['yes', 'y', 'true', '1'].includes(v));
const State = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { error: 'must be a two-letter State code' })
  .transform((s) => s.toUpperCase());
const Zip = z.string().regex(/^\d{5}(-\d{4})?$/, { error: 'must be a ZIP code (12345 or 12345-6789)' });
const Name = z.string().max(200, { error: 'is longer than 200 characters' });

export const RosterCsvRow = z
  .object({
    full_name: opt(Name),
    first_name: opt(Name),
    last_name: opt(Name),
    email: opt(z.email({ error: 'is not an email address' })),
    email_consent: yesNo.default(false),
    address_line1: opt(z.string().max(200)),
    address_line2: opt(z.string().max(200)),
    city: opt(z.string().max(100)),
    state: opt(State),
    postal_code: opt(Zip),
    phone: opt(z.string().regex(/^[+\d][\d\s().-]{6,20}$/, { error: 'is not a phone number' })),
    deceased: yesNo.default(false),
    representative_name: opt(Name),
    representative_relationship: opt(
      z.enum(['next_of_kin', 'personal_representative'], { error: 'must be next_of_kin or personal_representative' }),
    ),
    representative_address_line1: opt(z.string().max(200)),
    representative_address_line2: opt(z.string().max(200)),
    representative_city: opt(z.string().max(100)),
    representative_state: opt(State),
    representative_postal_code: opt(Zip),
  })
  .superRefine((r, ctx) => {
    if (!r.full_name && !(r.first_name || r.last_name))
      ctx.addIssue({ code: 'custom', path: ['full_name'], message: 'a name is required (full_name, or first_name and last_name)' });
    const addr = [r.address_line1, r.city, r.state, r.postal_code];
    if (addr.some(Boolean) && !addr.every(Boolean)) {
      for (const [i, f] of ['address_line1', 'city', 'state', 'postal_code'].entries())
        if (!addr[i]) ctx.addIssue({ code: 'custom', path: [f], message: 'is required when part of the postal address is given' });
    }
    const rep = [r.representative_address_line1, r.representative_city, r.representative_state, r.representative_postal_code];
    if (rep.some(Boolean) && !rep.every(Boolean)) {
      for (const [i, f] of [
        'representative_address_line1',
        'representative_city',
        'representative_state',
        'representative_postal_code',
      ].entries()) {
        if (!rep[i]) ctx.addIssue({ code: 'custom', path: [f], message: 'is required when part of the representative address is given' });
      }
    }
    if (r.representative_name && !r.representative_relationship)
      ctx.addIssue({ code: 'custom', path: ['representative_relationship'], message: 'is required with representative_name' });
    if (r.email_consent && !r.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required when email_consent is yes' });
  });
type Row = z.infer<typeof RosterCsvRow>;

/** 164.404(d): which way this person's notice goes. */
function channelOf(r: Row): RecipientChannel {
  const hasPostal = !!r.address_line1;
  const hasRep = !!r.representative_name && !!r.representative_address_line1;
  if (r.deceased) return hasRep ? 'representative_mail' : 'not_required'; // 164.404(d)(1)(ii); no substitute for next of kin, (d)(2)
  if (r.representative_relationship === 'personal_representative' && hasRep) return 'representative_mail'; // 164.502(g)
  if (r.email && r.email_consent) return 'email';
  if (hasPostal) return 'mail';
  return 'substitute'; // 164.404(d)(2): insufficient or out-of-date contact information
}

function toRecipient(r: Row, seq: number, line: number): RosterRecipient {
  const postal = r.address_line1
    ? {
        line1: r.address_line1,
        ...(r.address_line2 ? { line2: r.address_line2 } : {}),
        city: r.city!,
        state: r.state!,
        postalCode: r.postal_code!,
      }
    : undefined;
  const repPostal = r.representative_address_line1
    ? {
        line1: r.representative_address_line1,
        ...(r.representative_address_line2 ? { line2: r.representative_address_line2 } : {}),
        city: r.representative_city!,
        state: r.representative_state!,
        postalCode: r.representative_postal_code!,
      }
    : undefined;
  return {
    seq,
    line,
    channel: channelOf(r),
    ...(r.state ? { jurisdiction: r.state } : {}),
    deceased: r.deceased,
    fullName: r.full_name ?? [r.first_name, r.last_name].filter(Boolean).join(' '),
    ...(r.email ? { email: r.email } : {}),
    ...(postal ? { postal } : {}),
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.representative_name
      ? {
          representative: {
            fullName: r.representative_name,
            relationship: r.representative_relationship!,
            ...(repPostal ? { postal: repPostal } : {}),
          },
        }
      : {}),
  };
}

const COLS = [
  'roster_id',
  'seq',
  'line',
  'channel',
  'jurisdiction',
  'deceased',
  'name_enc',
  'email_enc',
  'postal_enc',
  'phone_enc',
  'representative_enc',
] as const;
const READ_COLS = COLS.map((c) => (c.endsWith('_enc') ? `encode(${c}, 'hex') as ${c}` : c)).join(',');
const aad = (rosterId: string, seq: number, col: string) => `${rosterId}:${seq}:${col}`;

/**
 * Told of every decryption of roster rows (164.312(b)): which roster, which range, how many people. The
 * engine writes it to the keyed audit log; ids and counts only, never a decrypted value.
 */
export type RosterReadAudit = (read: { rosterId: string; fromSeq: number; toSeq: number; count: number }) => void;

export class RosterStore {
  constructor(
    private readonly db: SqlDb,
    private readonly key: RosterKey,
    private readonly onRead?: RosterReadAudit,
  ) {}

  /** A fresh opaque roster id (no PHI). */
  static newRosterId(): string {
    return `ros_${crypto.randomBytes(10).toString('hex')}`;
  }

  /**
   * Imports a CSV file or stream. Bad rows are reported and skipped; good rows are stored (encrypted).
   * Importing more rows into an existing roster appends them (a corrected file of the rejected rows).
   */
  async importCsv(source: string | Buffer | Readable, opts: { rosterId?: string } = {}): Promise<RosterImportResult> {
    const rosterId = opts.rosterId ?? RosterStore.newRosterId();
    const buf = typeof source === 'string' ? fs.readFileSync(source) : Buffer.isBuffer(source) ? source : undefined;
    const sha = buf ? crypto.createHash('sha256').update(buf).digest('hex') : undefined;
    const existing = await this.db.query<{ key_id: string; source_sha256: string | null }>(
      'select key_id, source_sha256 from roster where id = $1',
      [rosterId],
    );
    if (existing[0] && existing[0].key_id !== this.key.id)
      throw new RosterKeyError(`roster ${rosterId} was encrypted with another key (${existing[0].key_id})`);
    const byChannel: Record<RecipientChannel, number> = { email: 0, mail: 0, representative_mail: 0, substitute: 0, not_required: 0 };
    const byJurisdiction: Record<string, number> = {};
    if (existing[0] && sha && existing[0].source_sha256 === sha) {
      const c = await this.counts(rosterId);
      return {
        rosterId,
        recipients: c.recipients,
        rejectedRows: c.rejectedRows,
        problems: [],
        byChannel: c.byChannel,
        byJurisdiction: c.byJurisdiction,
        alreadyImported: true,
      };
    }
    const problems: RowProblem[] = [];
    let rejected = 0;
    const stream = buf ? Readable.from(buf) : (source as Readable);
    const parser = stream.pipe(
      parse({
        bom: true,
        columns: (header: string[]) =>
          header.map((h) =>
            h
              .trim()
              .toLowerCase()
              .replace(/[\s-]+/g, '_'),
          ),
        info: true,
        skip_empty_lines: true,
        relax_quotes: false,
        skip_records_with_error: true,
        trim: true,
      }),
    );
    parser.on('skip', (err: Error & { lines?: number }) => {
      rejected++;
      problems.push({ line: err.lines ?? 0, field: '(row)', problem: `malformed CSV row: ${err.message.replace(/:.*$/, '')}` });
    });

    return this.db.transaction(async (tx) => {
      const maxRow = await tx.query<{ m: number | null }>('select max(seq) as m from roster_recipient where roster_id = $1', [rosterId]);
      let seq = maxRow[0]?.m ?? 0;
      if (!existing[0])
        await tx.query('insert into roster (id, key_id, source_sha256) values ($1, $2, $3)', [rosterId, this.key.id, sha ?? null]);
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const params: unknown[] = [];
        const values = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(',')})`);
        await tx.query(`insert into roster_recipient (${COLS.join(',')}) values ${values.join(',')}`, params);
        batch = [];
      };
      for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        const line = rec.info.lines;
        const parsed = RosterCsvRow.safeParse(rec.record);
        if (!parsed.success) {
          rejected++;
          for (const i of parsed.error.issues) problems.push({ line, field: i.path.map(String).join('.') || '(row)', problem: i.message });
          continue;
        }
        const r = toRecipient(parsed.data, ++seq, line);
        byChannel[r.channel]++;
        if (r.jurisdiction) byJurisdiction[r.jurisdiction] = (byJurisdiction[r.jurisdiction] ?? 0) + 1;
        const enc = (col: string, v: unknown) =>
          v === undefined ? null : encryptValue(this.key, typeof v === 'string' ? v : JSON.stringify(v), aad(rosterId, r.seq, col));
        batch.push([
          rosterId,
          r.seq,
          r.line,
          r.channel,
          r.jurisdiction ?? null,
          r.deceased,
          enc('name', r.fullName),
          enc('email', r.email),
          enc('postal', r.postal),
          enc('phone', r.phone),
          enc('representative', r.representative),
        ]);
        if (batch.length >= 400) await flush();
      }
      await flush();
      await tx.query(
        'update roster set recipients = (select count(*) from roster_recipient where roster_id = $1), rejected_rows = rejected_rows + $2, source_sha256 = coalesce($3, source_sha256) where id = $1',
        [rosterId, rejected, sha ?? null],
      );
      const recipients = (
        await tx.query<{ n: number }>('select count(*)::int as n from roster_recipient where roster_id = $1', [rosterId])
      )[0]!.n;
      problems.sort((a, b) => a.line - b.line);
      return { rosterId, recipients, rejectedRows: rejected, problems, byChannel, byJurisdiction, alreadyImported: false };
    });
  }

  /**
   * Removes a roster that was never recorded on an incident (an attach the incident refused): its rows and
   * the roster itself, in one transaction. Refused when a delivery refers to it (a mailing has used it).
   * True when there was something to remove.
   */
  async discard(rosterId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const used = await tx.query<{ n: number }>(
        'select (select count(*) from delivery where roster_id = $1) + (select count(*) from notice_content where roster_id = $1) as n',
        [rosterId],
      );
      if (Number(used[0]?.n ?? 0) > 0) throw new Error(`roster ${rosterId} has been used by a mailing: it is not discarded`);
      await tx.query('delete from roster_recipient where roster_id = $1', [rosterId]);
      return (await tx.query<{ id: string }>('delete from roster where id = $1 returning id', [rosterId])).length > 0;
    });
  }

  async counts(rosterId: string): Promise<{
    recipients: number;
    rejectedRows: number;
    maxSeq: number;
    byChannel: Record<RecipientChannel, number>;
    byJurisdiction: Record<string, number>;
  }> {
    const r = await this.db.query<{ rejected_rows: number }>('select rejected_rows from roster where id = $1', [rosterId]);
    if (!r[0]) throw new Error(`roster ${rosterId} not found`);
    const byChannel: Record<RecipientChannel, number> = { email: 0, mail: 0, representative_mail: 0, substitute: 0, not_required: 0 };
    const byJurisdiction: Record<string, number> = {};
    let recipients = 0;
    let maxSeq = 0;
    for (const row of await this.db.query<{ channel: RecipientChannel; jurisdiction: string | null; n: number; m: number }>(
      'select channel, jurisdiction, count(*)::int as n, max(seq) as m from roster_recipient where roster_id = $1 group by channel, jurisdiction',
      [rosterId],
    )) {
      byChannel[row.channel] += row.n;
      if (row.jurisdiction) byJurisdiction[row.jurisdiction] = (byJurisdiction[row.jurisdiction] ?? 0) + row.n;
      recipients += row.n;
      maxSeq = Math.max(maxSeq, row.m);
    }
    return { recipients, rejectedRows: r[0].rejected_rows, maxSeq, byChannel, byJurisdiction };
  }

  /** Recipients with fromSeq <= seq < toSeq, decrypted (activity memory only). */
  async readRange(rosterId: string, fromSeq: number, toSeq: number): Promise<RosterRecipient[]> {
    // The ciphertexts come back hex-encoded (text): parsing bytea values in JS costs the embedded engine
    // about twice the whole query; Buffer.from(hex) is native.
    const rows = await this.db.query<Record<string, unknown>>(
      `select ${READ_COLS} from roster_recipient where roster_id = $1 and seq >= $2 and seq < $3 order by seq`,
      [rosterId, fromSeq, toSeq],
    );
    const people: RosterRecipient[] = rows.map((row) => {
      const seq = row.seq as number;
      const dec = (col: string) => {
        const hex = row[`${col}_enc`] as string | null;
        return hex == null ? undefined : decryptValue(this.key, Buffer.from(hex, 'hex'), aad(rosterId, seq, col));
      };
      const postal = dec('postal');
      const rep = dec('representative');
      const email = dec('email');
      const phone = dec('phone');
      return {
        seq,
        line: row.line as number,
        channel: row.channel as RecipientChannel,
        ...(row.jurisdiction ? { jurisdiction: row.jurisdiction as string } : {}),
        deceased: row.deceased as boolean,
        fullName: dec('name')!,
        ...(email ? { email } : {}),
        ...(postal ? { postal: JSON.parse(postal) as PostalAddress } : {}),
        ...(phone ? { phone } : {}),
        ...(rep ? { representative: JSON.parse(rep) as NonNullable<RosterRecipient['representative']> } : {}),
      };
    });
    this.onRead?.({ rosterId, fromSeq, toSeq, count: people.length });
    return people;
  }
}
