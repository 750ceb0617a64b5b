import fs from 'node:fs';
import path from 'node:path';
import { processEnv } from '../config/index.js';

/**
 * The SQL database outside Temporal that holds rosters (PHI, encrypted per column) and the delivery
 * ledger: PostgreSQL dialect. Embedded default: PGlite (Postgres in WASM) persisted under the data
 * directory: one process at a time may open it, which is the embedded engine's shape (one worker).
 * With DATABASE_URL: a real PostgreSQL server through `pg` (several workers share it).
 */
export interface SqlDb {
  readonly dialect: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn in one transaction (BEGIN/COMMIT, ROLLBACK on error). */
  transaction<T>(fn: (tx: Pick<SqlDb, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** postgres://… (DATABASE_URL). */
  url?: string;
  /** Embedded PGlite directory (default <dataDir>/roster-db). */
  pgliteDir?: string;
}

export function databaseConfigFromEnv(dataDir: string, env: NodeJS.ProcessEnv = processEnv()): DatabaseConfig {
  return env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.join(dataDir, 'roster-db') };
}

const SCHEMA = `
create table if not exists roster (
  id text primary key,
  created_at timestamptz not null default now(),
  key_id text not null,
  source_sha256 text,
  recipients int not null default 0,
  rejected_rows int not null default 0
);
create table if not exists roster_recipient (
  roster_id text not null references roster(id),
  seq int not null,
  line int not null,
  channel text not null,
  jurisdiction text,
  deceased boolean not null default false,
  name_enc bytea not null,
  email_enc bytea,
  postal_enc bytea,
  phone_enc bytea,
  representative_enc bytea,
  primary key (roster_id, seq)
);
create table if not exists notice_content (
  id text primary key,
  roster_id text not null,
  obligation_id text not null,
  kind text not null,
  content_enc bytea not null,
  created_at timestamptz not null default now()
);
create table if not exists delivery (
  roster_id text not null,
  obligation_id text not null,
  seq int not null,
  channel text not null,
  status text not null,
  attempts int not null default 0,
  message_id text,
  error text,
  batch text,
  updated_at timestamptz not null default now(),
  primary key (roster_id, obligation_id, seq)
) with (fillfactor = 50);
-- Mail-house letter batches (issue 18): one row per print batch of a mailing, claimed by the chunk activity
-- that renders it; the hashes are the evidence handed to the privacy officer with the batches.
create table if not exists letter_batch (
  roster_id text not null,
  obligation_id text not null,
  batch_no int not null,
  batch_size int not null,
  from_seq int not null,
  to_seq int not null,
  status text not null,
  claimed_by text,
  letters int,
  pages int,
  pdf_file text,
  pdf_sha256 text,
  manifest_file text,
  manifest_sha256 text,
  updated_at timestamptz not null default now(),
  primary key (roster_id, obligation_id, batch_no)
);
-- Each ledger row is updated twice per email (sending, then sent). No index covers a column those updates
-- change, and pages keep half their space free, so they are HOT updates (no index maintenance): 2-3x
-- faster on the embedded engine. Nothing queries by status (counts go by roster, obligation and seq range).
drop index if exists delivery_by_status;
`;

/** A ledger created before fillfactor 50 was set at creation gets it once (not an ALTER on every open). */
async function ensureLedgerFillfactor(query: <T>(sql: string, params?: unknown[]) => Promise<T[]>): Promise<void> {
  const rows = await query<{ reloptions: string[] | null }>(`select reloptions from pg_class where oid = 'delivery'::regclass`);
  if (rows.some((r) => (r.reloptions ?? []).includes('fillfactor=50'))) return;
  await query('alter table delivery set (fillfactor = 50)');
}

async function openPglite(dir: string): Promise<SqlDb> {
  const { PGlite } = await import('@electric-sql/pglite');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const db = await PGlite.create(dir);
  await db.exec(SCHEMA);
  const query = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;
  await ensureLedgerFillfactor(query);
  return {
    dialect: 'pglite',
    query,
    transaction: (fn) =>
      db.transaction((tx) => fn({ query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows })),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<SqlDb> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection that the server closes (PostgreSQL restarted, failover) is reported here;
  // without a listener Node would end the worker process. The pool drops that client and the next query
  // connects anew; an activity caught mid-query fails and Temporal retries it.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  try {
    // Two workers starting together must not race on CREATE TABLE IF NOT EXISTS.
    await client.query('select pg_advisory_lock(72011406)');
    await client.query(SCHEMA);
    await ensureLedgerFillfactor(async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[]);
    await client.query('select pg_advisory_unlock(72011406)');
  } finally {
    client.release();
  }
  return {
    dialect: 'postgres',
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const c = await pool.connect();
      let failed: Error | undefined;
      try {
        await c.query('begin');
        const r = await fn({ query: async <T>(sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows as T[] });
        await c.query('commit');
        return r;
      } catch (err) {
        failed = err instanceof Error ? err : new Error('transaction failed');
        await c.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        c.release(failed); // a client whose transaction failed (perhaps a dead connection) is not reused
      }
    },
    close: () => pool.end(),
  };
}

export function openDatabase(config: DatabaseConfig): Promise<SqlDb> {
  if (config.url) return openPostgres(config.url);
  if (!config.pgliteDir) throw new Error('database: set DATABASE_URL or an embedded directory');
  return openPglite(config.pgliteDir);
}

/** One shared connection per process and database (PGlite allows one opener; pg pools). */
const shared = new Map<string, Promise<SqlDb>>();
export function sharedDatabase(config: DatabaseConfig): Promise<SqlDb> {
  const key = config.url ?? `pglite:${path.resolve(config.pgliteDir ?? '')}`;
  let db = shared.get(key);
  if (!db) {
    db = openDatabase(config);
    db.catch(() => shared.delete(key));
    shared.set(key, db);
  }
  return db;
}
export async function closeSharedDatabases(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map(async (p) => (await p).close()));
}

/** bytea comes back as Buffer (pg) or Uint8Array (PGlite). */
export const asBuffer = (v: unknown): Buffer | undefined => (v == null ? undefined : Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array));
