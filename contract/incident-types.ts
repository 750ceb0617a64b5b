/**
 * The incident workflow's public contract: its input, its updates' requests, and the state its query
 * returns. Shared by the workflow, the worker, the CLI/API and tests. Plain JSON; no PHI in anything that
 * becomes an id or a search attribute (the payloads themselves are encrypted by the data converter).
 */
import type { ObligationStatus, TrackedObligation } from '../workflows/tracked-obligation.js';
import type { TrackerState } from '../workflows/deadline-tracker.js';
import type { NotificationPolicy } from '../domain/notification-policy.js';
import type { LedgerCounts } from '../delivery/ledger.js';
import type { IncidentRole, IncidentStage } from './vocabulary.js';
import type { IncidentStateLawView } from './state-obligations.js';

// The update requests: types by z.infer from their schemas (contract/incident-requests.ts).
export type {
  AcknowledgeRequest,
  AttachRosterRequest,
  ConfirmObligationRequest,
  DecideRequest,
  EndLawEnforcementDelayRequest,
  LawEnforcementDelayRequest,
  RecordFactsRequest,
  SendCeNoticeRequest,
  StartMailingRequest,
} from './incident-requests.js';
import type { LawEnforcementDelayRequest } from './incident-requests.js';
export type { IncidentRole, IncidentStage };

export interface OpenIncidentInput {
  /** Opaque incident reference (ticket number, SIEM id): letters, digits, . _ - only. */
  ref: string;
  openedBy: string;
  openedAt: string;
  role: IncidentRole;
  /** Opaque user id of the responsible person; defaults to the first rung of the escalation chain. */
  owner?: string;
  /** Facts known at intake, if any (validated like any facts update). */
  facts?: unknown;
  /**
   * Continue-as-new past this many history events even before the server suggests it (also handed to
   * the obligation workflows). Unset: the server's suggestion alone (about 4,000 events or 4 MB).
   */
  historyEventLimit?: number;
  /** Carried across continue-as-new. */
  carried?: IncidentSnapshot;
}

export interface Recommendation {
  /** What the rule engine recommends; `reportable` is the presumption when anything is unknown. */
  reportable: boolean;
  outcome: string;
  rationale: string[];
}

export interface DecisionRecord {
  reportable: boolean;
  by: string;
  at: string;
  recommendationWasReportable: boolean;
  justification?: string;
}

export interface IncidentObligationView {
  obligation: TrackedObligation;
  status: ObligationStatus | 'planned';
  escalationLevel: number;
  remindersSent: number;
  childWorkflowId: string;
  confirmedBy?: string;
  /** Its workflow names itself in its reports and sends a last one before it completes (report-sender-issue-16). */
  reportsFinal?: boolean;
  /** That last report has arrived: nothing more will come from the workflow (the incident may end). */
  finalReported?: boolean;
}

export interface TimelineEntry {
  at: string;
  by: string;
  action: string;
  detail?: string;
  requestId?: string;
}

export interface IncidentSnapshot {
  ref: string;
  role: IncidentRole;
  stage: IncidentStage;
  owner: string;
  openedBy: string;
  openedAt: string;
  facts?: unknown;
  /** The rule edition this incident plans with (domain/rules-version.ts); absent in snapshots from before issue 12 = 1. */
  rulesVersion?: 1 | 2;
  factsVersion: number;
  /**
   * Every version of the facts as recorded (intake, assessment, each correction with who and why): the
   * record 164.414(b) and 164.530(j) ask for. Corrections are few; each version is the facts document.
   * Across continue-as-new (issue 14) a version recorded in an earlier run is carried without its
   * document (`factsInEarlierRun`, its size in `bytes`): that run's history holds it.
   */
  factsVersions?: { version: number; at: string; by: string; reason?: string; facts?: unknown; bytes?: number; factsInEarlierRun?: true }[];
  recommendation?: Recommendation;
  decision?: DecisionRecord;
  obligations: IncidentObligationView[];
  /** The decision service level of the assessment stage. */
  decisionDue?: TrackerState;
  /** Issue 14: the child workflow that tracks `decisionDue` (its reports keep the copy above current); absent: tracked inline. */
  decisionDueWorkflowId?: string;
  /** The decision-due workflow was told the tracking is over. */
  decisionDueStopped?: true;
  lawEnforcementDelays: (LawEnforcementDelayRequest['statement'] & { recordedBy: string; endedAt?: string })[];
  timeline: TimelineEntry[];
  /**
   * Issue 14 (bounded carry): how many timeline entries precede `timeline[0]`. They are not carried into a
   * new run; every one is in an earlier run's history (service/incident-history.ts reads them back).
   */
  timelineOffset?: number;
  /** The law-enforcement caps already recorded on the timeline (164.412(b)), kept when their entries are not carried. */
  lawEnforcementWarnings?: string[];
  /** requestId → the answer it got (duplicates are no-ops). Bounded to the most recent 500. */
  answered: Record<string, unknown>;
  policy?: NotificationPolicy;
  closedAt?: string;
  closure?: string;
  /** Stage 'closing': since when the evidence bundle waits for the archive (its writes keep being retried). */
  evidencePendingSince?: string;
  /** Where the closing evidence bundle was archived, and the hash that pins it (164.530(j)). */
  evidence?: { path: string; headHash: string; entries: number };
  timeZone: string;
  /** Affected-individual rosters attached (ids and counts only). */
  rosters?: RosterView[];
  /** Bulk mailings of individual notices, with their ledger counts when finished. */
  mailings?: MailingView[];
  /** Notices sent to covered entities (a business associate's incident). */
  ceNotices?: CeNoticeRecord[];
  /**
   * Issue 16: the State obligations, with the pack version they were planned on, each item's citation and
   * verification status (shape documented in contract/state-obligations.ts). Tracked items also appear in
   * `obligations` (kind 'state_notice', same id). Absent in incidents planned before issue 16.
   */
  stateLaw?: IncidentStateLawView;
}

// ---- rosters and mailings (164.404: individual notices to everyone on the affected-individual roster) ----

export interface RosterView {
  rosterId: string;
  recipients: number;
  rejectedRows: number;
  byChannel: Record<string, number>;
  byJurisdiction: Record<string, number>;
  attachedBy: string;
  attachedAt: string;
}

/** The delivery ledger's counts of a finished mailing, with the roster's size. */
export interface MailingCounts extends Omit<LedgerCounts, 'total'> {
  recipients: number;
}

export interface MailingView {
  obligationId: string;
  rosterId: string;
  /** The mailing workflow (reports back here) and the bulk workflow under it (progress query). */
  mailingWorkflowId: string;
  bulkWorkflowId: string;
  startedBy: string;
  startedAt: string;
  status: 'running' | 'finished' | 'failed';
  finishedAt?: string;
  noticeId?: string;
  counts?: MailingCounts;
  substituteNoticeRequired?: 'none' | 'fewer_than_10' | 'ten_or_more';
  error?: string;
  /** The incident has drawn the consequences (substitute count, confirmation) of this finished mailing. */
  settled?: boolean;
  /** While delivery fails (relay down, 4xx): "relay unavailable since …" and why (a code, never the relay's text). */
  relayUnavailableSince?: string;
  relayProblem?: string;
  /** The outage (by its `since`) the owner and the next rung must be / were told of (policy time exceeded). */
  relayEscalationDue?: string;
  relayEscalatedFor?: string;
}

export interface CeNoticeRecord {
  obligationId: string;
  messageId: string;
  sentAt: string;
  by: string;
  to: string;
  rosterId?: string;
  attachment?: { fileName: string; sha256: string; bytes: number; rows: number; encryption: 'openpgp_public_key' | 'openpgp_passphrase' };
  /** Only written to the development outbox folder (no SMTP host set): it reached no one and confirmed nothing. */
  toDevFolder?: true;
}
