/**
 * How an incident command reaches the engine (issue 15 item 1, 45 CFR 164.312(a)): through the HTTP API
 * with the caller's own credential — the API decides who the caller is (the token's user) and what the
 * role may do; there is no `--as`. `--direct` talks to Temporal itself, for an operator only: the
 * credential must be an admin one, checked against the engine's token configuration on this machine, and
 * the action is recorded under that admin's user id (cli/direct-engine.ts says why this is a guard and
 * not the boundary).
 *
 * Both ways offer the same operations (EngineAccess), so a command is written once. Nothing heavy is
 * imported here: the Temporal client, the report renderers and the roster database are loaded by the
 * direct mode only, when it is used.
 */
import { processEnv } from '../config/env.js';
import { Option, type Command } from 'commander';
import type { IncidentSnapshot, CeNoticeRecord, MailingView, Recommendation } from '../contract/incident-types.js';
import type { BulkNotificationProgress } from '../contract/mailing-messages.js';
import type { ReplanStateLawAnswer } from '../contract/state-obligations.js';
import type { IncidentListItem } from '../service/incident-list.js';
import type { RosterImportReport } from '../service/roster-import.js';
import type { NoticeDraft } from '../service/notice-drafts.js';
import type { RegulatorDraft, RegulatorDraftBody } from '../notices/regulator-drafts.js';
import { IncidentError } from '../service/errors.js';
import { reportError, EXIT } from './exit-codes.js';

export type OpenResult = { ref: string; workflowId: string; created: boolean; reopened?: boolean; previousRun?: string };
export type MailingStatus = { mailing: MailingView; progress?: BulkNotificationProgress };
export type ReportFormat = 'md' | 'html' | 'pdf' | 'evidence';
type Req = { requestId?: string };
export type HoldStatement =
  | { kind: 'written'; official: string; agency: string; receivedAt: string; endsAt: string }
  | { kind: 'oral'; official: string; agency: string; receivedAt: string };
export type Evidence = { method: string; reference?: string; sentAt?: string; note?: string };

/** The incident operations of the CLI. The acting user is the credential's, never a parameter. */
export interface EngineAccess {
  /** Who the credential stands for (GET /me, or the local token check in direct mode). */
  whoAmI(): Promise<{ userId: string; role: string }>;
  open(body: {
    ref: string;
    role: 'covered_entity' | 'business_associate';
    owner?: string;
    facts?: unknown;
    reopen?: boolean;
  }): Promise<OpenResult>;
  recordFacts(ref: string, body: { facts: unknown; reason?: string } & Req): Promise<Recommendation>;
  decide(ref: string, body: { reportable: boolean; justification?: string } & Req): Promise<unknown>;
  hold(ref: string, body: { statement: HoldStatement } & Req): Promise<unknown>;
  release(ref: string, body: { endedAt?: string; note?: string } & Req): Promise<unknown>;
  confirm(ref: string, obligationId: string, body: { evidence: Evidence } & Req): Promise<unknown>;
  acknowledge(ref: string, body: { obligationId?: string } & Req): Promise<unknown>;
  /** Issue 16: replan with current law (preview: the difference only). */
  replanStateLaw(ref: string, body: { preview?: boolean; note?: string; expectPack?: string } & Req): Promise<ReplanStateLawAnswer>;
  status(ref: string): Promise<IncidentSnapshot>;
  list(filters: Record<string, string>): Promise<IncidentListItem[]>;
  /** The report as the API serves it: text for md/html, bytes for pdf, the (signed) bundle JSON for evidence. */
  report(ref: string, format: ReportFormat): Promise<Buffer>;
  importRoster(ref: string, csv: Buffer, query: { rosterId?: string } & Req): Promise<RosterImportReport>;
  startMailing(
    ref: string,
    obligationId: string,
    body: { rosterId: string; content: Record<string, unknown>; chunkSize?: number; concurrency?: number } & Req,
  ): Promise<MailingView>;
  mailingProgress(ref: string, obligationId: string): Promise<MailingStatus>;
  sendCeNotice(ref: string, obligationId: string, body: Record<string, unknown> & Req): Promise<CeNoticeRecord>;
  draft(ref: string, kind: string, body: { content: Record<string, unknown> }, state?: string): Promise<NoticeDraft>;
  regulatorDraft(ref: string, regulator: string, body: RegulatorDraftBody): Promise<RegulatorDraft>;
  close(): Promise<void>;
}

export interface AccessOptions {
  apiUrl?: string;
  direct?: boolean;
}

/** The local engine's API (what `npm start` serves: BREACH_API_HOST/PORT, default 127.0.0.1:8080). */
export function defaultApiUrl(env: NodeJS.ProcessEnv = processEnv()): string {
  if (env.BREACH_API_URL) return env.BREACH_API_URL;
  const host =
    !env.BREACH_API_HOST || env.BREACH_API_HOST === '0.0.0.0' || env.BREACH_API_HOST === '::' ? '127.0.0.1' : env.BREACH_API_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.BREACH_API_PORT || '8080'}`;
}

export async function connect(o: AccessOptions): Promise<EngineAccess> {
  if (o.direct) {
    const { connectDirect } = await import('./direct-engine.js');
    return connectDirect();
  }
  const { ApiEngine } = await import('./api-engine.js');
  return new ApiEngine({ baseUrl: o.apiUrl ?? defaultApiUrl() });
}

/** The options every incident command takes: where the API is, direct mode, --json. */
export function addAccessOptions(cmd: Command, opts: { direct?: boolean } = {}): Command {
  cmd.addOption(new Option('--api-url <url>', "the engine's HTTP API (default: $BREACH_API_URL, else the local engine's)"));
  if (opts.direct !== false)
    cmd.addOption(
      new Option('--direct', 'operators only: act on Temporal directly (needs an admin credential of this engine and Temporal access)'),
    );
  cmd.addOption(new Option('--json', 'machine-readable output'));
  // Gone (issue 15 item 1): kept hidden only to say so clearly instead of "unknown option".
  cmd.addOption(new Option('--as <userId>').hideHelp());
  return cmd;
}

/**
 * Runs one command: connects (API or direct), runs fn, prints the result (JSON with --json, else human),
 * and turns any error into its message and exit code (cli/exit-codes.ts).
 */
export async function run<T>(
  o: AccessOptions & { json?: boolean; as?: string },
  fn: (engine: EngineAccess) => Promise<T>,
  human?: (r: T) => string,
): Promise<void> {
  let engine: EngineAccess | undefined;
  try {
    if (o.as !== undefined)
      throw new IncidentError(
        'invalid_input',
        '--as: no longer accepted — you act as the user your credential stands for (`breach whoami`); each person uses their own token',
      );
    engine = await connect(o);
    const result = await fn(engine);
    console.log(o.json || !human ? JSON.stringify(result, null, 2) : human(result));
    process.exitCode = EXIT.ok;
  } catch (err) {
    reportError(err, !!o.json);
  } finally {
    // A server that does not answer must not hold the CLI open either.
    await Promise.race([engine?.close(), new Promise((r) => setTimeout(r, 1000).unref())]).catch(() => undefined);
  }
}
