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
  const state = await args.service.status(args.ref); // an unknown incident stores nothing
  if (state.stage === 'closed') throw new IncidentError('refused', `incident "${args.ref}" is closed: no roster can be attached`);
  if (args.rosterId && !(state.rosters ?? []).some((r) => r.rosterId === args.rosterId)) {
    throw new IncidentError('invalid_input', `rosterId: "${args.rosterId}" is not a roster of incident "${args.ref}"`);
  }
  let result: RosterImportResult;
  try {
    // Without a roster id, the id is derived from the incident and the file: the same file imported
    // again for the same incident (a retried upload) is recognised and stores nothing twice.
    const rosterId =
      args.rosterId ?? `ros_${crypto.createHash('sha256').update(`${args.ref}\n`).update(args.csv).digest('hex').slice(0, 20)}`;
    result = await args.importer.importCsv(args.csv, { rosterId });
  } catch (err) {
    // Never echo the parser's message: it can quote the row (PHI). Its code and line are enough.
    const e = err as { code?: string; lines?: number; name?: string };
    if (e.code?.startsWith('CSV_'))
      throw new IncidentError(
        'invalid_input',
        `csv: the file could not be read as CSV (${e.code}${e.lines ? ` near line ${e.lines}` : ''})`,
      );
    throw err;
  }
  if (result.recipients === 0 && !result.alreadyImported) {
    throw new IncidentError(
      'invalid_input',
      `csv: no valid rows (${result.rejectedRows} rejected: ${result.problems
        .slice(0, 10)
        .map((p) => `line ${p.line} ${p.field}: ${p.problem}`)
        .join('; ')})`,
    );
  }
  const whole = await args.importer.counts(result.rosterId);
  const roster = await args.service.attachRoster(args.ref, {
    rosterId: result.rosterId,
    recipients: whole.recipients,
    rejectedRows: whole.rejectedRows,
    byChannel: whole.byChannel,
    byJurisdiction: whole.byJurisdiction,
    by: args.by,
    ...(args.requestId ? { requestId: args.requestId } : {}),
  });
  return {
    ...result,
    problems: result.problems.slice(0, MAX_REPORTED_PROBLEMS),
    problemsOmitted: Math.max(0, result.problems.length - MAX_REPORTED_PROBLEMS),
    roster,
  };
}
