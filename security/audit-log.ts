import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../evidence/evidence-bundle.js';
import { processEnv } from '../config/index.js';

/**
 * The engine's audit trail (45 CFR 164.312(b), audit controls; 164.308(a)(1)(ii)(D), information system
 * activity review): one append-only file of every access to incident data, rosters, reports, evidence and
 * decoded payloads — who, what (route or action), which incident / roster, when, from where, the outcome,
 * the purpose when the caller gives one. Entries carry identifiers only (opaque references, user ids,
 * routes), never PHI.
 *
 * Each entry is chained to the one before it and keyed: `mac = HMAC-SHA256(key, canonical entry with the
 * previous mac)`. The key (BREACH_AUDIT_KEY_FILE, else `<data dir>/audit-key`, 0600) is apart from the
 * payload keys and the evidence key. Without it nobody can edit, delete, insert or reorder a line and
 * recompute the chain; `breach audit verify` finds the first broken entry. A head file (`<log>.head`) holds
 * the last sequence number and mac, so cutting lines off the end is detected too, unless both files are
 * rolled back together (send the head to another system, e.g. with the daily digest, for that).
 *
 * One writer per file: each process (API, worker, codec server) opens its own log file.
 */
export interface AuditEvent {
  /** User id from the credential registry (never a name typed by the caller); null when unauthenticated. */
  actor: string | null;
  /** What was done: an HTTP route (`GET /incidents/:ref/report`) or an action (`roster.decrypt`). */
  action: string;
  /** Opaque incident reference, when the access concerns one. */
  incident?: string;
  /** Other opaque object ids (roster id, workflow id, namespace). */
  object?: string;
  /** Remote address, for network access. */
  from?: string;
  /** The caller's stated purpose (a short code, e.g. `counsel_review`), when given. */
  purpose?: string;
  /** HTTP status or `ok` / `refused` / `error`. */
  outcome: number | string;
  /** Count of items touched (payloads decoded, recipients read). */
  count?: number;
}

export interface AuditEntry extends AuditEvent {
  seq: number;
  at: string;
  prev: string;
  mac: string;
}

const GENESIS = '0'.repeat(64);
const PURPOSE = /^[a-z][a-z0-9_-]{0,39}$/;

/** A caller-supplied purpose is kept only when it is a short code: free text could carry PHI. */
export function auditPurpose(value: unknown): string | undefined {
  return typeof value === 'string' && PURPOSE.test(value) ? value : undefined;
}

function macOf(key: Buffer, entry: Omit<AuditEntry, 'mac'>): string {
  return crypto.createHmac('sha256', key).update(canonicalJson(entry)).digest('hex');
}

/** The audit key: BREACH_AUDIT_KEY_FILE (64 hex characters), else created once in the data directory. */
export function loadAuditKey(dataDir: string, env: NodeJS.ProcessEnv = processEnv()): Buffer {
  const configured = env.BREACH_AUDIT_KEY_FILE;
  const file = configured || path.join(dataDir, 'audit-key');
  if (!configured && !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(
      `audit key ${configured ? 'BREACH_AUDIT_KEY_FILE' : file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: err },
    );
  }
  if (!/^[0-9a-f]{64}$/i.test(text))
    throw new Error(`audit key ${configured ? 'BREACH_AUDIT_KEY_FILE' : file}: must be 64 hexadecimal characters (32 random bytes)`);
  return Buffer.from(text, 'hex');
}

function lastLine(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    const lines = buf
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    return lines.at(-1);
  } finally {
    fs.closeSync(fd);
  }
}

export class AuditLog {
  private seq: number;
  private prev: string;

  private constructor(
    readonly file: string,
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {
    const last = lastLine(file);
    let tail: { seq?: unknown; mac?: unknown } = {};
    try {
      tail = last ? (JSON.parse(last) as typeof tail) : {};
    } catch {
      tail = {}; // a damaged last line: the chain continues from the head file, verify reports the damage
    }
    const head = AuditLog.readHead(file);
    this.seq = typeof tail.seq === 'number' ? tail.seq : (head?.seq ?? 0);
    this.prev = typeof tail.mac === 'string' ? tail.mac : (head?.mac ?? GENESIS);
  }

  static open(file: string, key: Buffer, now: () => Date = () => new Date()): AuditLog {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    return new AuditLog(file, key, now);
  }

  static readHead(file: string): { seq: number; mac: string } | undefined {
    try {
      const h = JSON.parse(fs.readFileSync(`${file}.head`, 'utf8')) as { seq: number; mac: string };
      return typeof h.seq === 'number' && typeof h.mac === 'string' ? h : undefined;
    } catch {
      return undefined;
    }
  }

  /** Appends one entry (synchronously: the record exists before the response is sent). */
  append(event: AuditEvent): AuditEntry {
    const clean = Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as unknown as AuditEvent;
    const body: Omit<AuditEntry, 'mac'> = { seq: this.seq + 1, at: this.now().toISOString(), ...clean, prev: this.prev };
    const entry: AuditEntry = { ...body, mac: macOf(this.key, body) };
    fs.appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    fs.writeFileSync(`${this.file}.head.tmp`, JSON.stringify({ seq: entry.seq, mac: entry.mac }), { mode: 0o600 });
    fs.renameSync(`${this.file}.head.tmp`, `${this.file}.head`);
    this.seq = entry.seq;
    this.prev = entry.mac;
    return entry;
  }
}

export type AuditVerifyResult =
  { ok: true; entries: number; head: string } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Re-computes every mac and link; compares the end with the head file. */
export function verifyAuditLog(file: string, key: Buffer): AuditVerifyResult {
  const lines = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
    : [];
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let e: AuditEntry;
    try {
      e = JSON.parse(lines[i]!) as AuditEntry;
    } catch {
      return { ok: false, entries: lines.length, brokenAt: n, reason: `line ${n} is not a JSON entry` };
    }
    if (e.seq !== n)
      return {
        ok: false,
        entries: lines.length,
        brokenAt: n,
        reason: `line ${n} has sequence number ${String(e.seq)} (entries removed or inserted before it)`,
      };
    if (e.prev !== prev)
      return { ok: false, entries: lines.length, brokenAt: n, reason: `entry ${n} does not link to the entry before it` };
    const { mac, ...body } = e;
    const expected = macOf(key, body);
    if (typeof mac !== 'string' || mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
      return {
        ok: false,
        entries: lines.length,
        brokenAt: n,
        reason: `entry ${n} was modified (its MAC does not match; or the wrong audit key)`,
      };
    }
    prev = mac;
  }
  const head = AuditLog.readHead(file);
  if (head && (head.seq !== lines.length || head.mac !== prev)) {
    return {
      ok: false,
      entries: lines.length,
      brokenAt: lines.length,
      reason: `the log ends at entry ${lines.length} but its head file records entry ${head.seq} (entries removed from the end?)`,
    };
  }
  return { ok: true, entries: lines.length, head: prev };
}

/** Entries for counsel, filtered by incident and time (the log holds no PHI; this is safe to hand over). */
export function readAuditEntries(file: string, filter: { incident?: string; since?: Date; until?: Date } = {}): AuditEntry[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as AuditEntry];
      } catch {
        return [];
      }
    })
    .filter((e) => (filter.incident ? e.incident === filter.incident : true))
    .filter((e) => (filter.since ? new Date(e.at) >= filter.since : true))
    .filter((e) => (filter.until ? new Date(e.at) <= filter.until : true));
}
