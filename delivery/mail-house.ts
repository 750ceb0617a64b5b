import crypto from 'node:crypto';
import { processEnv } from '../config/index.js';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlDb } from '../roster/database.js';
import { decryptValue, encryptValue, type RosterKey } from '../roster/roster-crypto.js';
import type { RosterRecipient, RosterStore } from '../roster/roster-store.js';
import type { DeliveryLedger } from './ledger.js';
import type { PreparedIndividualNotice } from '../notices/render.js';
import type { OrganizationProfile } from '../notices/organization.js';
import { streamLetterBatchPdf, type Letter } from '../notices/pdf-letters.js';
import { engineMetrics } from '../worker/engine-metrics.js';

/**
 * Mail-house output of a mailing's first-class letters (45 CFR 164.404(d)(1)(i): written notification by
 * first-class mail to the last known address; (d)(1)(ii): next of kin or personal representative).
 *
 * Batches: batch k of a mailing holds the letters of the roster's people with seq in
 * [(k-1)·B + 1, k·B + 1), B = the batch size (default 5,000; BREACH_LETTER_BATCH_SIZE). When everyone in
 * that range gets a letter, the batch has exactly B letters; in a mixed roster it has fewer (the others
 * went by email or substitute notice). A person's batch is fixed when the chunk activity decides the letter
 * (ledger status `print_due`, `batch` = the batch's name), so every letter is in exactly one batch. The
 * chunk activity that finds every person of a batch's range decided claims the batch and renders it:
 *   <print dir>/<roster>/letters-<obligation>-b00001.pdf              the print-ready letters
 *   <print dir>/<roster>/letters-<obligation>-b00001.manifest.csv.enc the manifest (AES-256-GCM with the
 *        roster key, like a roster value): sequence, batch, roster_seq, first_page, pages — no names or
 *        addresses (the letter itself carries those)
 * then marks its letters `printed` and records both files' SHA-256. At the end of the mailing
 * (summarizeDelivery) any batch not yet rendered is rendered, and a summary is written:
 *   mail-house-<obligation>.summary.json / .summary.txt
 * The privacy officer checks the batches against it when handing them over and confirms the individual
 * notice with method `first_class_mail` and the summary's SHA-256 as the reference.
 */
export const DEFAULT_LETTER_BATCH_SIZE = 5000;
export const MAX_LETTER_BATCH_SIZE = 50_000;

export class LetterBatchConfigError extends Error {
  override name = 'LetterBatchConfigError';
  readonly phiFree = true;
}

/** BREACH_LETTER_BATCH_SIZE: letters per mail-house PDF, 1–50,000 (default 5,000). */
export function letterBatchSizeFromEnv(env: NodeJS.ProcessEnv = processEnv()): number {
  const raw = env.BREACH_LETTER_BATCH_SIZE?.trim();
  if (!raw) return DEFAULT_LETTER_BATCH_SIZE;
  return checkBatchSize(Number(raw), 'BREACH_LETTER_BATCH_SIZE');
}

export function checkBatchSize(n: number, field = 'letterBatchSize'): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_LETTER_BATCH_SIZE) {
    throw new LetterBatchConfigError(
      `${field} must be a whole number of letters from 1 to ${MAX_LETTER_BATCH_SIZE} (one PDF file per batch)`,
    );
  }
  return n;
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '-');
export const letterBatchNo = (seq: number, batchSize: number) => Math.floor((seq - 1) / batchSize) + 1;
export const letterBatchName = (obligationId: string, batchNo: number) =>
  `letters-${safeId(obligationId)}-b${String(batchNo).padStart(5, '0')}`;
export const letterBatchSeqRange = (batchNo: number, batchSize: number) => ({
  fromSeq: (batchNo - 1) * batchSize + 1,
  toSeq: batchNo * batchSize + 1,
});
const manifestAad = (rosterId: string, obligationId: string, batchNo: number) => `letters-manifest:${rosterId}:${obligationId}:${batchNo}`;

export const MANIFEST_HEADER = 'sequence,batch,roster_seq,first_page,pages';

export interface ManifestRow {
  sequence: number;
  batch: string;
  rosterSeq: number;
  firstPage: number;
  pages: number;
}

/** Reads an encrypted manifest back (for the mail-house hand-over and the benchmark's count). */
export function readLetterManifest(key: RosterKey, file: string, rosterId: string, obligationId: string, batchNo: number): ManifestRow[] {
  const csv = decryptValue(key, fs.readFileSync(file), manifestAad(rosterId, obligationId, batchNo));
  const [header, ...lines] = csv.trim().split('\n');
  if (header !== MANIFEST_HEADER) throw new Error(`manifest ${path.basename(file)}: unexpected header`);
  return lines.map((l) => {
    const [sequence, batch, rosterSeq, firstPage, pages] = l.split(',');
    return { sequence: Number(sequence), batch: batch!, rosterSeq: Number(rosterSeq), firstPage: Number(firstPage), pages: Number(pages) };
  });
}

export interface LetterBatchRecord {
  batchNo: number;
  name: string;
  fromSeq: number;
  toSeq: number;
  letters: number;
  pages: number;
  pdf: { file: string; sha256: string };
  manifest: { file: string; sha256: string };
}

export interface MailHouseSummary {
  kind: 'mail-house-letter-summary';
  rosterId: string;
  obligationId: string;
  batchSize: number;
  batches: LetterBatchRecord[];
  totals: { batches: number; letters: number; pages: number };
  /** Letters the ledger records as printed for this mailing: equals totals.letters when nothing is lost. */
  ledgerPrinted: number;
  /** Letters decided but not in any rendered batch (should be 0). */
  notYetPrinted: number;
  citation: string;
}

export interface MailHouseSummaryFiles {
  json: string;
  text: string;
  sha256: string;
  summary: MailHouseSummary;
}

function writeAtomic(file: string, data: string | Buffer): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return crypto.createHash('sha256').update(data).digest('hex');
}

export interface MailHouseDeps {
  db: SqlDb;
  key: RosterKey;
  store: RosterStore;
  ledger: DeliveryLedger;
  org: OrganizationProfile;
  printDir: string;
  batchSize: number;
  /** The date line of the letters (e.g. "December 3, 2026"). */
  dateLine: () => string;
  /** A drill's mailing: every page of every batch carries the DRILL mark. */
  drill?: boolean;
}

export class MailHouse {
  constructor(private readonly d: MailHouseDeps) {}

  private dir(rosterId: string) {
    return path.join(this.d.printDir, safeId(rosterId));
  }

  /**
   * New ledger rows of people whose channel is a letter: created `print_due` in their batch (a row that
   * exists already keeps its status: a retry never re-decides). Emails that bounce become letters later.
   */
  async insertLetterRows(rosterId: string, obligationId: string, people: Pick<RosterRecipient, 'seq' | 'channel'>[]): Promise<void> {
    if (people.length === 0) return;
    await this.d.db.query(
      `insert into delivery (roster_id, obligation_id, seq, channel, status, batch)
       select $1, $2, r.seq, r.channel, 'print_due', r.batch from unnest($3::int[], $4::text[], $5::text[]) as r(seq, channel, batch) on conflict do nothing`,
      [
        rosterId,
        obligationId,
        people.map((p) => p.seq),
        people.map((p) => p.channel),
        people.map((p) => letterBatchName(obligationId, letterBatchNo(p.seq, this.d.batchSize))),
      ],
    );
  }

  /** The chunk's decision: these people get a letter, in the batch their seq falls in. */
  async queueLetters(rosterId: string, obligationId: string, seqs: number[], bounced: Map<number, string>): Promise<Set<number>> {
    const byBatch = new Map<number, number[]>();
    for (const seq of seqs) {
      if (bounced.has(seq)) continue;
      const b = letterBatchNo(seq, this.d.batchSize);
      byBatch.set(b, [...(byBatch.get(b) ?? []), seq]);
    }
    for (const [b, list] of byBatch)
      await this.d.ledger.markMany(rosterId, obligationId, list, 'print_due', { batch: letterBatchName(obligationId, b) });
    for (const [seq, refusal] of bounced) {
      await this.d.ledger.mark(rosterId, obligationId, seq, 'print_due', {
        batch: letterBatchName(obligationId, letterBatchNo(seq, this.d.batchSize)),
        error: `email refused (${refusal}): letter printed instead`,
      });
    }
    return new Set(seqs.map((s) => letterBatchNo(s, this.d.batchSize)));
  }

  /** Batches overlapping [fromSeq, toSeq). */
  batchesOf(fromSeq: number, toSeq: number): number[] {
    const out: number[] = [];
    for (let b = letterBatchNo(fromSeq, this.d.batchSize); b <= letterBatchNo(toSeq - 1, this.d.batchSize); b++) out.push(b);
    return out;
  }

  /** Is everyone of the batch's seq range decided (no row missing, pending, sending or retrying), with letters to print? */
  private async ready(rosterId: string, obligationId: string, batchNo: number): Promise<boolean> {
    const { fromSeq, toSeq } = letterBatchSeqRange(batchNo, this.d.batchSize);
    const [people] = await this.d.db.query<{ n: number }>(
      'select count(*)::int as n from roster_recipient where roster_id = $1 and seq >= $2 and seq < $3',
      [rosterId, fromSeq, toSeq],
    );
    const [rows] = await this.d.db.query<{ n: number; undecided: number; due: number }>(
      `select count(*)::int as n,
              count(*) filter (where status in ('pending', 'sending', 'retry'))::int as undecided,
              count(*) filter (where status = 'print_due')::int as due
         from delivery where roster_id = $1 and obligation_id = $2 and seq >= $3 and seq < $4`,
      [rosterId, obligationId, fromSeq, toSeq],
    );
    return !!rows && !!people && rows.n === people.n && rows.undecided === 0 && rows.due > 0;
  }

  /**
   * Claims the batch for `claimant` (a chunk: its retry may take its own claim back after a crash; `force`
   * at the end of the mailing, when no chunk is left running). True when this caller should render it.
   */
  private async claim(rosterId: string, obligationId: string, batchNo: number, claimant: string, force = false): Promise<boolean> {
    const { fromSeq, toSeq } = letterBatchSeqRange(batchNo, this.d.batchSize);
    const rows = await this.d.db.query<{ batch_no: number }>(
      `insert into letter_batch (roster_id, obligation_id, batch_no, batch_size, from_seq, to_seq, status, claimed_by)
       values ($1, $2, $3, $4, $5, $6, 'rendering', $7)
       on conflict (roster_id, obligation_id, batch_no) do update set claimed_by = excluded.claimed_by, updated_at = now()
         where letter_batch.status = 'rendering' and (letter_batch.claimed_by = excluded.claimed_by or $8::boolean)
       returning batch_no`,
      [rosterId, obligationId, batchNo, this.d.batchSize, fromSeq, toSeq, claimant, force],
    );
    return rows.length > 0;
  }

  /** After a chunk decided its people: renders every batch it completes. Returns the batches rendered. */
  async printReadyBatches(
    rosterId: string,
    obligationId: string,
    notice: PreparedIndividualNotice,
    fromSeq: number,
    toSeq: number,
    heartbeat: () => void,
  ): Promise<LetterBatchRecord[]> {
    const out: LetterBatchRecord[] = [];
    const claimant = `chunk:${fromSeq}-${toSeq}`;
    for (const b of this.batchesOf(fromSeq, toSeq)) {
      if (!(await this.ready(rosterId, obligationId, b))) continue;
      if (!(await this.claim(rosterId, obligationId, b, claimant))) continue;
      out.push(await this.render(rosterId, obligationId, notice, b, heartbeat));
    }
    return out;
  }

  /** Renders one batch: the PDF, the encrypted manifest, their hashes; then its letters become `printed`. */
  async render(
    rosterId: string,
    obligationId: string,
    notice: PreparedIndividualNotice,
    batchNo: number,
    heartbeat: () => void,
  ): Promise<LetterBatchRecord> {
    const name = letterBatchName(obligationId, batchNo);
    const { fromSeq, toSeq } = letterBatchSeqRange(batchNo, this.d.batchSize);
    // Members by the ledger (the decision), not by the range: `printed` too, so a re-render after a crash is whole.
    const members = await this.d.db.query<{ seq: number }>(
      `select seq from delivery where roster_id = $1 and obligation_id = $2 and batch = $3 and status in ('print_due', 'printed') order by seq`,
      [rosterId, obligationId, name],
    );
    const wanted = new Set(members.map((m) => m.seq));
    const lo = members.length ? Math.min(fromSeq, members[0]!.seq) : fromSeq;
    const hi = members.length ? Math.max(toSeq, members.at(-1)!.seq + 1) : toSeq;
    const people = (await this.d.store.readRange(rosterId, lo, hi)).filter((p) => wanted.has(p.seq));
    if (people.length !== wanted.size) throw new Error(`letter batch ${name}: ${wanted.size - people.length} roster row(s) missing`);
    const channels = new Map<string, number>();
    function* letters(): Generator<Letter> {
      for (const p of people) {
        const ch = p.channel === 'email' ? 'mail' : p.channel;
        channels.set(ch, (channels.get(ch) ?? 0) + 1);
        yield letterFor(p, notice);
      }
    }
    const dir = this.dir(rosterId);
    const pdf = await streamLetterBatchPdf(path.join(dir, `${name}.pdf`), this.d.org, letters(), this.d.dateLine(), {
      onProgress: heartbeat,
      drill: this.d.drill ?? false,
    });
    const csv =
      [
        MANIFEST_HEADER,
        ...people.map((p, i) => `${i + 1},${name},${p.seq},${pdf.placement[i]!.firstPage},${pdf.placement[i]!.pages}`),
      ].join('\n') + '\n';
    const manifestFile = path.join(dir, `${name}.manifest.csv.enc`);
    const manifestSha = writeAtomic(manifestFile, encryptValue(this.d.key, csv, manifestAad(rosterId, obligationId, batchNo)));
    const seqs = people.map((p) => p.seq);
    await this.d.db.transaction(async (tx) => {
      await tx.query(
        `update letter_batch set status = 'done', letters = $4, pages = $5, pdf_file = $6, pdf_sha256 = $7, manifest_file = $8, manifest_sha256 = $9, updated_at = now()
          where roster_id = $1 and obligation_id = $2 and batch_no = $3`,
        [
          rosterId,
          obligationId,
          batchNo,
          people.length,
          pdf.pages,
          path.basename(pdf.file),
          pdf.sha256,
          path.basename(manifestFile),
          manifestSha,
        ],
      );
      await tx.query(
        `update delivery set status = 'printed', updated_at = now() where roster_id = $1 and obligation_id = $2 and seq = any($3::int[])`,
        [rosterId, obligationId, seqs],
      );
    });
    for (const [ch, n] of channels) engineMetrics.noticeSent(ch, n);
    heartbeat();
    return {
      batchNo,
      name,
      fromSeq,
      toSeq,
      letters: people.length,
      pages: pdf.pages,
      pdf: { file: path.basename(pdf.file), sha256: pdf.sha256 },
      manifest: { file: path.basename(manifestFile), sha256: manifestSha },
    };
  }

  /**
   * End of the mailing: renders any batch still waiting (its claimant gone), then writes the summary the
   * privacy officer confirms at hand-over. Undefined when the mailing has no letters.
   */
  async finish(
    rosterId: string,
    obligationId: string,
    notice: () => Promise<PreparedIndividualNotice>,
    heartbeat: () => void,
  ): Promise<MailHouseSummaryFiles | undefined> {
    const left = await this.d.db.query<{ batch: string }>(
      `select distinct batch from delivery where roster_id = $1 and obligation_id = $2 and status = 'print_due' order by batch`,
      [rosterId, obligationId],
    );
    for (const { batch } of left) {
      const m = /-b(\d+)$/.exec(batch);
      if (!m) continue;
      const b = Number(m[1]);
      // The batch size a batch was decided with is in its name's range; only this configuration's batches are re-rendered here.
      await this.claim(rosterId, obligationId, b, 'summary', true);
      await this.render(rosterId, obligationId, await notice(), b, heartbeat);
    }
    const rows = await this.d.db.query<{
      batch_no: number;
      from_seq: number;
      to_seq: number;
      letters: number;
      pages: number;
      pdf_file: string;
      pdf_sha256: string;
      manifest_file: string;
      manifest_sha256: string;
      batch_size: number;
    }>(
      `select batch_no, from_seq, to_seq, letters, pages, pdf_file, pdf_sha256, manifest_file, manifest_sha256, batch_size from letter_batch
        where roster_id = $1 and obligation_id = $2 and status = 'done' order by batch_no`,
      [rosterId, obligationId],
    );
    if (rows.length === 0) return undefined;
    const [ledger] = await this.d.db.query<{ printed: number; due: number }>(
      `select count(*) filter (where status = 'printed' and batch ~ '-b[0-9]{5,}$')::int as printed, count(*) filter (where status = 'print_due')::int as due
         from delivery where roster_id = $1 and obligation_id = $2`,
      [rosterId, obligationId],
    );
    const batches: LetterBatchRecord[] = rows.map((r) => ({
      batchNo: r.batch_no,
      name: letterBatchName(obligationId, r.batch_no),
      fromSeq: r.from_seq,
      toSeq: r.to_seq,
      letters: r.letters,
      pages: r.pages,
      pdf: { file: r.pdf_file, sha256: r.pdf_sha256 },
      manifest: { file: r.manifest_file, sha256: r.manifest_sha256 },
    }));
    const summary: MailHouseSummary = {
      kind: 'mail-house-letter-summary',
      rosterId,
      obligationId,
      batchSize: rows[0]!.batch_size,
      batches,
      totals: {
        batches: batches.length,
        letters: batches.reduce((a, b) => a + b.letters, 0),
        pages: batches.reduce((a, b) => a + b.pages, 0),
      },
      ledgerPrinted: ledger?.printed ?? 0,
      notYetPrinted: ledger?.due ?? 0,
      citation: '45 CFR 164.404(d)(1) (written notice by first-class mail); 164.414(b) (burden of proof)',
    };
    // Deterministic (no clock): summarizing again over the same batches gives the same file and hash.
    const json = JSON.stringify(summary, null, 2) + '\n';
    const base = path.join(this.dir(rosterId), `mail-house-${safeId(obligationId)}.summary`);
    const sha256 = writeAtomic(`${base}.json`, json);
    const text = summaryText(summary, sha256);
    writeAtomic(`${base}.txt`, text);
    return { json: `${base}.json`, text: `${base}.txt`, sha256, summary };
  }
}

export function summaryReference(sha256: string): string {
  return `mail-house summary sha256:${sha256}`;
}

export function summaryText(s: MailHouseSummary, sha256: string): string {
  const L = [
    `Mail-house hand-over: first-class letters (${s.citation})`,
    `Roster ${s.rosterId}, obligation ${s.obligationId}: ${s.totals.letters} letter(s), ${s.totals.pages} page(s), in ${s.totals.batches} batch(es) of up to ${s.batchSize} letters.`,
    `Delivery ledger: ${s.ledgerPrinted} letter(s) recorded as printed${s.ledgerPrinted === s.totals.letters ? ' (matches)' : ` — DOES NOT MATCH the ${s.totals.letters} in the batches`}; ${s.notYetPrinted} not yet printed.`,
    '',
    'batch  letters  pages  PDF file / SHA-256  |  manifest (encrypted) / SHA-256',
  ];
  for (const b of s.batches) {
    L.push(
      `${String(b.batchNo).padStart(5)}  ${String(b.letters).padStart(7)}  ${String(b.pages).padStart(5)}  ${b.pdf.file} ${b.pdf.sha256}`,
    );
    L.push(`${' '.repeat(22)}${b.manifest.file} ${b.manifest.sha256}`);
  }
  L.push(
    '',
    'Check each file against its SHA-256 (sha256sum) before handing the batches over. Once the mail house has',
    'taken them, confirm the individual notice with method first_class_mail and this reference:',
    `  ${summaryReference(sha256)}`,
    '(the SHA-256 of the JSON summary beside this file), e.g.',
    `  breach confirm <incident ref> --obligation ${s.obligationId} --method first_class_mail --reference "${summaryReference(sha256)}"`,
  );
  return L.join('\n') + '\n';
}

/** The letter a person gets: themselves, or the next of kin / personal representative (164.404(d)(1)(ii)). */
export function letterFor(p: RosterRecipient, notice: PreparedIndividualNotice): Letter {
  if (p.channel === 'representative_mail' && p.representative) {
    const a = {
      fullName: p.representative.fullName,
      ...(p.representative.postal ? { postal: p.representative.postal } : {}),
      relationship: p.representative.relationship,
      subjectName: p.fullName,
    };
    return { addressee: a, notice: notice.renderRepresentative(a) };
  }
  const a = { fullName: p.fullName, ...(p.postal ? { postal: p.postal } : {}) };
  return { addressee: a, notice: notice.render(a, 'mail') };
}

/** Reads an encrypted manifest's rows given only the roster key and the file (batch number from its name). */
export function manifestBatchNo(file: string): number {
  const m = /-b(\d+)\.manifest\.csv\.enc$/.exec(path.basename(file));
  if (!m) throw new Error(`${path.basename(file)} is not a letter-batch manifest`);
  return Number(m[1]);
}
