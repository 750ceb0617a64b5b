/**
 * The incident's state transitions, pure: each takes the state, the request and the time, changes the
 * state and returns the timeline entries it produced and what the main loop must do next. No Temporal
 * import: unit-tested without a server (test/workflows/incident-transitions.test.ts).
 */
import type { CheckedFacts } from '../../contract/incident-rules.js';
import { affectedCounts, recommend } from '../../contract/incident-rules.js';
import type {
  AttachRosterRequest,
  DecideRequest,
  DecisionRecord,
  EndLawEnforcementDelayRequest,
  IncidentSnapshot,
  LawEnforcementDelayRequest,
  MailingView,
  RosterView,
  TimelineEntry,
} from '../../contract/incident-types.js';
import type { MailingDeliveryReport, MailingFinished } from '../../contract/mailing-messages.js';
import type { ObligationStatusChange } from '../../contract/obligation-messages.js';
import type { RulesVersion } from '../../domain/rules.js';

export interface Transition {
  entries: TimelineEntry[];
  /** The plan must be computed again (facts or law-enforcement statements changed after a reportable decision). */
  replan?: boolean;
  /** The decision service level must be computed again (facts changed before the decision). */
  decisionDueChanged?: boolean;
  /** Nothing applied (an unknown or already-finished mailing or obligation). */
  ignored?: boolean;
}

type Parsed = Extract<CheckedFacts, { ok: true }>;

/** Facts recorded (at intake, by a person, or corrected by the engine): a new version and a new recommendation. */
export function recordFacts(
  s: IncidentSnapshot,
  req: { facts: unknown; by: string; reason?: string; requestId?: string },
  checked: Parsed,
  rulesVersion: RulesVersion,
  at: string,
  detailReason?: string,
): Transition {
  const correction = s.decision !== undefined;
  s.facts = req.facts;
  s.factsVersion += 1;
  (s.factsVersions ??= []).push({
    version: s.factsVersion,
    at,
    by: req.by,
    ...(req.reason ? { reason: req.reason } : {}),
    facts: req.facts,
  });
  s.recommendation = recommend(checked.facts, rulesVersion);
  s.timeZone = checked.timeZone ?? s.timeZone;
  if (s.stage === 'intake') s.stage = 'assessment';
  const reason = detailReason ?? req.reason;
  return {
    entries: [
      {
        at,
        by: req.by,
        action: correction ? 'facts_corrected' : 'facts_recorded',
        detail: `version ${s.factsVersion}${reason ? `; reason: ${reason}` : ''}; recommendation: ${s.recommendation.outcome}`,
        ...(req.requestId ? { requestId: req.requestId } : {}),
      },
    ],
    replan: correction && s.decision?.reportable === true,
    decisionDueChanged: !s.decision,
  };
}

/** The privacy officer's decision: notification starts, or the incident closes documented (164.414(b), 164.530(j)). */
export function decide(s: IncidentSnapshot, req: DecideRequest, at: string): Transition & { decision: DecisionRecord } {
  const rec = s.recommendation!;
  const decision: DecisionRecord = {
    reportable: req.reportable,
    by: req.by,
    at,
    recommendationWasReportable: rec.reportable,
    ...(req.justification ? { justification: req.justification } : {}),
  };
  s.decision = decision;
  const entries: TimelineEntry[] = [
    {
      at,
      by: req.by,
      action: 'decided',
      detail: `${req.reportable ? 'reportable breach' : 'not a reportable breach'}${req.reportable !== rec.reportable ? ` (differs from the recommendation: ${req.justification ?? ''})` : ' (as recommended)'}`,
      requestId: req.requestId,
    },
  ];
  if (req.reportable) {
    s.stage = 'notification';
    return { entries, replan: true, decision };
  }
  s.stage = 'closed';
  s.closedAt = at;
  s.closure = 'not a reportable breach: decision and risk assessment documented (164.414(b), 164.530(j))';
  entries.push({ at, by: req.by, action: 'closed', detail: s.closure });
  return { entries, decision };
}

/** 164.412: a law-enforcement statement delays the notices. */
export function startLawEnforcementDelay(s: IncidentSnapshot, req: LawEnforcementDelayRequest, at: string): Transition {
  const st = req.statement;
  s.lawEnforcementDelays.push({ ...st, recordedBy: req.by });
  return {
    entries: [
      {
        at,
        by: req.by,
        action: 'law_enforcement_delay_started',
        detail: `${st.kind} statement from ${st.official} (${st.agency}), received ${st.receivedAt}${st.kind === 'written' ? `, until ${st.endsAt}` : ', at most 30 days unless a written statement follows'}`,
        requestId: req.requestId,
      },
    ],
    replan: s.decision?.reportable === true,
  };
}

export function endLawEnforcementDelay(s: IncidentSnapshot, req: EndLawEnforcementDelayRequest, at: string): Transition {
  const endedAt = req.endedAt ?? at;
  for (const d of s.lawEnforcementDelays) if (!d.endedAt) d.endedAt = endedAt;
  return {
    entries: [
      {
        at,
        by: req.by,
        action: 'law_enforcement_delay_ended',
        detail: `ended ${endedAt}${req.note ? `; ${req.note}` : ''}`,
        requestId: req.requestId,
      },
    ],
    replan: s.decision?.reportable === true,
  };
}

/** A roster imported outside Temporal: only its id and counts are kept (the names stay in the roster database). */
export function attachRoster(
  s: IncidentSnapshot,
  req: AttachRosterRequest,
  parsed: Parsed | undefined,
  at: string,
): Transition & { view: RosterView } {
  const view: RosterView = {
    rosterId: req.rosterId,
    recipients: req.recipients,
    rejectedRows: req.rejectedRows,
    byChannel: { ...req.byChannel },
    byJurisdiction: { ...req.byJurisdiction },
    attachedBy: req.by,
    attachedAt: at,
  };
  const rosters = (s.rosters ??= []);
  const i = rosters.findIndex((r) => r.rosterId === req.rosterId);
  if (i >= 0) rosters[i] = view;
  else rosters.push(view);
  const counted = parsed ? affectedCounts(parsed.facts).total : undefined;
  const channels =
    Object.entries(req.byChannel)
      .filter(([, n]) => n > 0)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ') || 'none';
  return {
    view,
    entries: [
      {
        at: view.attachedAt,
        by: req.by,
        action: i >= 0 ? 'roster_updated' : 'roster_attached',
        detail: `roster ${req.rosterId}: ${req.recipients} recipient(s) (${channels}), ${req.rejectedRows} row(s) rejected${counted !== undefined && counted !== req.recipients ? `; the facts count ${counted} affected individuals: correct the facts or the roster` : ''}`,
        requestId: req.requestId,
      },
    ],
  };
}

/** A mailing reported its end (its consequences are drawn by the main loop: settleMailing). */
export function mailingFinished(s: IncidentSnapshot, m: MailingFinished): Transition {
  const view = s.mailings?.find((v) => v.mailingWorkflowId === m.mailingWorkflowId);
  if (!view || view.status !== 'running') return { entries: [], ignored: true };
  view.status = m.result ? 'finished' : 'failed';
  view.finishedAt = m.at;
  if (m.result) {
    view.noticeId = m.result.noticeId;
    view.counts = m.result.counts;
    view.substituteNoticeRequired = m.result.substituteNoticeRequired;
  }
  if (m.error) view.error = m.error;
  return { entries: [] };
}

/**
 * A failing relay is retried (never counted as insufficient contact); the incident shows it and, past the
 * policy time, tells the owner and the next rung (issue 13 item 1).
 */
export function mailingDelivery(s: IncidentSnapshot, r: MailingDeliveryReport, label: string): Transition {
  const view: MailingView | undefined = s.mailings?.find((v) => v.mailingWorkflowId === r.mailingWorkflowId);
  if (!view || view.status !== 'running') return { entries: [], ignored: true };
  const entries: TimelineEntry[] = [];
  if (r.event === 'restored') {
    delete view.relayUnavailableSince;
    delete view.relayProblem;
    entries.push({
      at: r.at,
      by: 'engine',
      action: 'mailing_relay_restored',
      detail: `${label}: delivery works again (failing since ${r.since}, ${r.reason}); nobody was counted as unreachable`,
    });
  } else {
    if (view.relayUnavailableSince !== r.since) {
      entries.push({
        at: r.at,
        by: 'engine',
        action: 'mailing_relay_unavailable',
        detail: `${label}: the mail relay is unavailable since ${r.since} (${r.reason}); ${r.waiting} recipient(s) waiting, retrying with backoff`,
      });
    }
    view.relayUnavailableSince = r.since;
    view.relayProblem = r.reason;
    if (r.event === 'escalate' && view.relayEscalatedFor !== r.since) view.relayEscalationDue = r.since;
  }
  return { entries };
}

/**
 * A report sent by a workflow that is not the one the obligation's view tracks now: the withdrawn child of a State
 * item started again under a new id (its late "withdrawn" report must not withdraw the successor). A report without
 * a sender (sent before REPORT_SENDER_PATCH) is not known to be from a replaced child.
 */
export function fromReplacedChild(s: IncidentSnapshot, change: ObligationStatusChange): boolean {
  const view = s.obligations.find((o) => o.obligation.id === change.obligationId);
  return !!view && change.workflowId !== undefined && change.workflowId !== view.childWorkflowId;
}

/** An obligation workflow reported a change of status, reminders or escalation. */
export function obligationChanged(
  s: IncidentSnapshot,
  change: ObligationStatusChange,
  opts: { confirmedIsFinal?: boolean; ignoreReplacedChild?: boolean } = {},
): Transition {
  const view = s.obligations.find((o) => o.obligation.id === change.obligationId);
  if (!view) return { entries: [], ignored: true };
  if (opts.ignoreReplacedChild && fromReplacedChild(s, change)) return { entries: [], ignored: true };
  // A report the obligation's workflow sent before it received the confirmation (the signals crossed) must
  // not reopen a confirmed obligation: its own "confirmed" report would then be recorded a second time.
  if (opts.confirmedIsFinal && view.status === 'confirmed' && change.status !== 'confirmed') return { entries: [], ignored: true };
  const entries: TimelineEntry[] =
    view.status !== change.status
      ? [{ at: change.at, by: 'engine', action: `obligation_${change.status}`, detail: view.obligation.label }]
      : [];
  view.status = change.status;
  view.escalationLevel = change.escalationLevel;
  view.remindersSent = change.remindersSent;
  // A workflow that names itself sends a last report before it completes (the incident waits for it before it ends).
  if (change.workflowId !== undefined && change.workflowId === view.childWorkflowId) {
    view.reportsFinal = true;
    if (change.final) view.finalReported = true;
  }
  return { entries };
}

export const allObligationsSettled = (s: IncidentSnapshot): boolean =>
  s.obligations.every((o) => o.status === 'confirmed' || o.status === 'withdrawn');

/** Every required notice confirmed (or withdrawn) and no mailing left to settle: the incident closes. */
export function closeWhenDone(s: IncidentSnapshot, replanPending: boolean, at: string): Transition {
  if (
    s.stage !== 'notification' ||
    replanPending ||
    !allObligationsSettled(s) ||
    (s.mailings ?? []).some((m) => m.status === 'running' || !m.settled)
  )
    return { entries: [] };
  s.stage = 'closed';
  s.closedAt = at;
  s.closure = 'every required notice confirmed with evidence (or withdrawn with a reason)';
  return { entries: [{ at: s.closedAt, by: 'engine', action: 'closed', detail: s.closure }] };
}
