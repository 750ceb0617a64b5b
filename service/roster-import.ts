/**
 * Importing an affected-individual roster for an incident (164.404): the CSV goes into the roster
 * database (each personal column encrypted; bad rows reported by line and field, never by value, good
 * rows kept), and only the roster id and counts are recorded on the incident workflow.
 */
import { OPAQUE_ID_PATTERN } from '../security/opaque-id.js';
import crypto from 'node:crypto';
import { databaseConfigFromEnv, sharedDatabase, type DatabaseConfig } from '../roster/database.js';
import { loadRosterKey, type RosterKey } from '../roster/roster-crypto.js';
import { RosterStore, type RosterImportResult } from '../roster/roster-store.js';
import { IncidentError, type IncidentService } from './incident-service.js';
import type { RosterView } from '../contract/incident-types.js';

export interface RosterImporter {
  importCsv(csv: Buffer, opts?: { rosterId?: string }): Promise<RosterImportResult>;
  /** Removes a roster no incident recorded (an attach refused after the import): nothing is left orphaned. */
  discard(rosterId: string): Promise<boolean>;
  /** The whole roster's counts (an appended file's result counts only its own rows by channel). */
  counts(
    rosterId: string,
  ): Promise<{ recipients: number; rejectedRows: number; byChannel: Record<string, number>; byJurisdiction: Record<string, number> }>;
}

/**
 * The roster database of this process: PGlite under the data directory, or PostgreSQL with DATABASE_URL.
 * Opened on first use, and shared with the worker's mailing activities in the same process (PGlite
 * allows one opener).
 */
export function rosterImporter(dataDir: string, deps: { database?: DatabaseConfig; rosterKey?: RosterKey } = {}): RosterImporter {
  let store: Promise<RosterStore> | undefined;
  // Deps first (a drill's own database and key); the settings only as the default.
  const open = () =>
    (store ??= sharedDatabase(deps.database ?? databaseConfigFromEnv(dataDir)).then(
      (db) => new RosterStore(db, deps.rosterKey ?? loadRosterKey(dataDir)),
    ));
  return {
    importCsv: async (csv, opts) => (await open()).importCsv(csv, opts ?? {}),
    counts: async (rosterId) => (await open()).counts(rosterId),
    discard: async (rosterId) => (await open()).discard(rosterId),
  };
}

/** At most this many row problems are returned (the count is always complete). */
export const MAX_REPORTED_PROBLEMS = 1000;

export interface RosterImportReport extends Omit<RosterImportResult, 'problems'> {
  problems: RosterImportResult['problems'];
  problemsOmitted: number;
  roster: RosterView;
}

const ROSTER_ID = OPAQUE_ID_PATTERN;

export async function importRosterForIncident(args: {
  service: IncidentService;
  importer: RosterImporter;
  ref: string;
  csv: Buffer;
  by: string;
  /** Append to an existing roster (e.g. the corrected rejected rows). */
  rosterId?: string;
  requestId?: string;
}): Promise<RosterImportReport> {
  if (args.rosterId !== undefined && !ROSTER_ID.test(args.rosterId))
    throw new IncidentError('invalid_input', 'rosterId: an opaque roster id (letters, digits, . _ -)');
  if (args.csv.length === 0)
    throw new IncidentError('invalid_input', 'csv: the file is empty (a header row and one row per affected individual are required)');
  const refusal = 'no roster can be attached';
  // Issue 18 §3: a new roster (no rosterId) is checked against the incident with describe() — the server alone,
  // no workflow task — while the file is parsed, encrypted and stored; an append reads the incident's rosters
  // (a query) at the same time. Whatever the check or the attach then refuses, a roster this call created is
  // removed again (discardUnattached): nothing is left that no incident records.
  const check: Promise<unknown> =
    args.rosterId === undefined
      ? args.service.requireRunning(args.ref, refusal)
      : args.service.status(args.ref).then((state) => {
          if (state.stage === 'closed') throw new IncidentError('refused', `incident "${args.ref}" is closed: ${refusal}`);
          if (!(state.rosters ?? []).some((r) => r.rosterId === args.rosterId))
            throw new IncidentError('invalid_input', `rosterId: "${args.rosterId}" is not a roster of incident "${args.ref}"`);
        });
  // Without a roster id, the id is derived from the incident and the file: the same file imported again for the
  // same incident (a retried upload) is recognised and stores nothing twice.
  const rosterId =
    args.rosterId ?? `ros_${crypto.createHash('sha256').update(`${args.ref}\n`).update(args.csv).digest('hex').slice(0, 20)}`;
  const imported = args.importer.importCsv(args.csv, { rosterId });
  const [checked, stored] = await Promise.allSettled([check, imported]);
  /** Created by this call (not an append, not a file imported before): removed if the incident does not take it. */
  const created = args.rosterId === undefined && stored.status === 'fulfilled' && !stored.value.alreadyImported;
  if (checked.status === 'rejected') {
    if (created) await discardUnattached(args, rosterId);
    throw checked.reason;
  }
  if (stored.status === 'rejected') {
    // Never echo the parser's message: it can quote the row (PHI). Its code and line are enough.
    const e = stored.reason as { code?: string; lines?: number; name?: string };
    if (e.code?.startsWith('CSV_'))
      throw new IncidentError(
        'invalid_input',
        `csv: the file could not be read as CSV (${e.code}${e.lines ? ` near line ${e.lines}` : ''})`,
      );
    throw stored.reason;
  }
  const result = stored.value;
  if (result.recipients === 0 && !result.alreadyImported) {
    if (created) await discardUnattached(args, rosterId);
    throw new IncidentError(
      'invalid_input',
      `csv: no valid rows (${result.rejectedRows} rejected: ${result.problems
        .slice(0, 10)
        .map((p) => `line ${p.line} ${p.field}: ${p.problem}`)
        .join('; ')})`,
    );
  }
  // A new roster's own counts are the whole roster's (a repeat import already answers with the whole); an append
  // counts only its own rows, so the whole is read back.
  const whole = args.rosterId === undefined ? result : await args.importer.counts(result.rosterId);
  let roster: RosterView;
  try {
    roster = await args.service.attachRoster(args.ref, {
      rosterId: result.rosterId,
      recipients: whole.recipients,
      rejectedRows: whole.rejectedRows,
      byChannel: whole.byChannel,
      byJurisdiction: whole.byJurisdiction,
      by: args.by,
      ...(args.requestId ? { requestId: args.requestId } : {}),
    });
  } catch (err) {
    if (created && err instanceof IncidentError && (err.code === 'refused' || err.code === 'not_found'))
      await discardUnattached(args, rosterId);
    throw err;
  }
  return {
    ...result,
    problems: result.problems.slice(0, MAX_REPORTED_PROBLEMS),
    problemsOmitted: Math.max(0, result.problems.length - MAX_REPORTED_PROBLEMS),
    roster,
  };
}

/**
 * Removes a roster this call stored when the incident did not take it — unless the incident records it after all
 * (the same file uploaded twice at once, the other upload attached it): the incident's record is read first
 * (a query, also answered for an ended incident). If that read fails for another reason, the roster is kept
 * (never lose what may be recorded).
 */
async function discardUnattached(
  args: { service: IncidentService; importer: RosterImporter; ref: string },
  rosterId: string,
): Promise<void> {
  const recorded = await args.service.status(args.ref).then(
    (s) => (s.rosters ?? []).some((r) => r.rosterId === rosterId),
    (err: unknown) => !(err instanceof IncidentError && err.code === 'not_found'),
  );
  if (!recorded) await args.importer.discard(rosterId);
}
