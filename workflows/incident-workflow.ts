import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  TemporalFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  acknowledgeUpdate,
  attachRosterUpdate,
  confirmObligationUpdate,
  decideUpdate,
  endLawEnforcementDelayUpdate,
  incidentStateQuery,
  recordFactsUpdate,
  reloadPolicySignal,
  sendCeNoticeUpdate,
  startLawEnforcementDelayUpdate,
  startMailingUpdate,
} from '../contract/incident-messages.js';
import type { UpdateDefinition } from '@temporalio/common';
import type { NotificationPolicy } from '../domain/notification-policy.js';
import type { RulesVersion } from '../domain/rules-version.js';
import { RULE_FIDELITY_PATCH } from './patches.js';
import type * as planningActivities from '../activities/plan-incident.js';
import type * as policyActivities from '../activities/load-policy.js';
import type * as scheduleActivities from '../activities/schedule-reminders.js';
import type { createArchiveActivities } from '../activities/archive-evidence.js';
import type { DeadlineNotice, SentNotice } from '../activities/deadline-notices.js';
import type { createCeNoticeActivities } from '../activities/ce-notice.js';
import { acknowledge, dueNotices, nextWakeAt, reschedule, startTracking } from './deadline-tracker.js';
import { factsSizeProblems, factsVersionsProblem, jsonBytes } from '../contract/payload-limits.js';
import { affectedCounts, checkFacts, recommend, withInsufficientContact, withLawEnforcementDelays } from '../contract/incident-rules.js';
import { noticeMailingWorkflow } from './notice-mailing-workflow.js';
import { mailingFinishedSignal, type MailingFinished } from '../contract/mailing-messages.js';
import { mailingDeliverySignal, type MailingDeliveryReport } from '../contract/mailing-messages.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';
import { obligationWorkflow } from './obligation-workflow.js';
import { acknowledgeObligationSignal, confirmObligationSignal, obligationChangedSignal, rescheduleObligationSignal, withdrawObligationSignal, type ObligationStatusChange } from '../contract/obligation-messages.js';
import { BreachNextDeadline, BreachOverdue, BreachOwner, BreachReportable, BreachRole, BreachStage } from '../contract/search-attributes.js';
import type {
  AcknowledgeRequest,
  AttachRosterRequest,
  CeNoticeRecord,
  ConfirmObligationRequest,
  DecideRequest,
  DecisionRecord,
  EndLawEnforcementDelayRequest,
  IncidentSnapshot,
  LawEnforcementDelayRequest,
  OpenIncidentInput,
  MailingView,
  Recommendation,
  RecordFactsRequest,
  RosterView,
  SendCeNoticeRequest,
  StartMailingRequest,
} from '../contract/incident-types.js';
import type { TrackedObligation } from './tracked-obligation.js';

const { planIncident, decisionServiceLevel } = proxyActivities<typeof planningActivities>({ startToCloseTimeout: '1 minute' });
const { loadNotificationPolicy } = proxyActivities<ReturnType<typeof policyActivities.createPolicyActivities>>({ startToCloseTimeout: '1 minute' });
const { computeReminderSchedule } = proxyActivities<typeof scheduleActivities>({ startToCloseTimeout: '30 seconds' });
const { archiveEvidence } = proxyActivities<ReturnType<typeof createArchiveActivities>>({
  startToCloseTimeout: '2 minutes',
  // The record must reach the archive: keep retrying (with backoff) rather than close without it.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});
const { sendDeadlineNotice } = proxyActivities<{ sendDeadlineNotice(n: DeadlineNotice): Promise<SentNotice> }>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 6 },
});

const { sendCoveredEntityNotice } = proxyActivities<ReturnType<typeof createCeNoticeActivities>>({
  startToCloseTimeout: '10 minutes',
  // The person waits on the answer: a few retries with backoff, then a clear failure (nothing recorded).
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 4, nonRetryableErrorTypes: ['NoticeChecklistError', 'RecipientKeyError', 'EmptyRoster'] },
});


const nowIso = () => new Date().toISOString();
const MAX_ANSWERED = 500;
/**
 * Issue 13 item 4: an update with an effect outside the workflow (an email, a signal to an obligation, a
 * mailing started) runs once per incident at a time; recorded histories from before keep their behaviour.
 */
export const ONE_EFFECT_AT_A_TIME_PATCH = 'one-effect-at-a-time';
/** Issue 13 item 5: until the evidence bundle is archived the stage is 'closing' and the owner is told after a policy time. */
export const EVIDENCE_PENDING_PATCH = 'evidence-pending';
/** Issue 13 item 3: facts over the size limits (workflows/payload-limits.ts) are refused. */
export const FACTS_SIZE_LIMITS_PATCH = 'facts-size-limits';
const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/** Refuse an action with a clear message (the update fails; nothing is written to the workflow's state). */
function refuse(message: string): never {
  throw ApplicationFailure.create({ type: 'IncidentActionRefused', message, nonRetryable: true });
}

/** Refuse facts that break the schema or a cross-field rule; the issues (field path + rule) travel as details. */
function refuseFacts(prefix: string, issues: readonly { path: string; message: string }[]): never {
  throw ApplicationFailure.create({
    type: 'InvalidFacts',
    message: `${prefix}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    details: [issues],
    nonRetryable: true,
  });
}

/**
 * Registers an update whose validator and handler can never fail a workflow task on what a client sent:
 * an error thrown while checking the request (say a TypeError on a value of an unexpected shape) becomes
 * a refusal, and one thrown by the handler becomes a failed update, not a failed activation retried for ever.
 * The error's kind is named, never its text (it could quote the value).
 */
function setUpdate<Ret, Args extends [unknown]>(
  def: UpdateDefinition<Ret, Args>,
  handler: (...args: Args) => Ret | Promise<Ret>,
  opts: { validator: (...args: Args) => void },
): void {
  const malformed = (err: unknown, when: string): never => {
    if (err instanceof TemporalFailure) throw err;
    refuse(`the request is malformed (${err instanceof Error ? err.name : 'error'} while ${when} ${def.name}): check each field against the API's schema`);
  };
  setHandler(
    def,
    // A synchronous handler stays synchronous (no extra await): the commands a history recorded keep their order.
    (...args: Args): Ret | Promise<Ret> => {
      try {
        const r = handler(...args);
        return r instanceof Promise ? r.catch((err: unknown) => malformed(err, 'carrying out')) : r;
      } catch (err) {
        return malformed(err, 'carrying out');
      }
    },
    {
      validator: (...args: Args) => {
        try {
          opts.validator(...args);
        } catch (err) {
          malformed(err, 'checking');
        }
      },
    },
  );
}

function requireText(value: string | undefined, field: string, rule: string): void {
  if (value !== undefined && typeof value !== 'string') refuse(`${field}: must be text (${rule})`);
  if (!value || value.trim().length === 0) refuse(`${field}: required (${rule})`);
}

/** A free-text field that may be left out; when given it must be text (it is written into the record). */
function optionalText(value: unknown, field: string): void {
  if (value !== undefined && value !== null && typeof value !== 'string') refuse(`${field}: must be text when given`);
}

/**
 * One incident, from opened to closed: intake → assessment (facts and the four factors, answered with
 * the recommendation) → the privacy officer's decision → one child workflow per notice obligation → closed
 * with its documentation, also when it was not a breach (164.414(b), 164.530(j)).
 */
export async function incidentWorkflow(input: OpenIncidentInput): Promise<IncidentSnapshot> {
  if (!REF_PATTERN.test(input.ref)) {
    throw ApplicationFailure.create({ type: 'InvalidIncidentRef', message: 'ref: 3-64 letters, digits, . _ - (an opaque reference, never a name)', nonRetryable: true });
  }
  const wfId = workflowInfo().workflowId;
  // Issue 12 (rule fidelity) changed what validation, the recommendation and planning compute. An
  // incident keeps the rule edition it started with: a history recorded before the change has no marker,
  // so patched() is false on its replay and it stays on edition 1 for good, also across continue-as-new.
  const rulesVersion: RulesVersion = input.carried ? (input.carried.rulesVersion ?? 1) : patched(RULE_FIDELITY_PATCH) ? 2 : 1;
  // Handlers are registered before the first await (below), so an update sent right after the start is
  // never rejected for want of a handler; the policy arrives from an activity just after.
  let policy: NotificationPolicy | undefined = input.carried?.policy;
  const s: IncidentSnapshot = input.carried ?? {
    ref: input.ref,
    role: input.role,
    stage: 'intake',
    owner: input.owner ?? '',
    openedBy: input.openedBy,
    openedAt: input.openedAt,
    factsVersion: 0,
    obligations: [],
    lawEnforcementDelays: [],
    timeline: [{ at: nowIso(), by: input.openedBy, action: 'opened', detail: `role ${input.role}` }],
    answered: {},
    timeZone: 'UTC',
  };
  s.rulesVersion = rulesVersion;
  const currentPolicy = (): NotificationPolicy => {
    if (!policy) throw new Error('notification policy not loaded yet');
    return policy;
  };

  let dirty = false;
  let replanRequested = false;
  let slaRescheduleRequested = !input.carried;
  let policyReloadRequested = false;

  const remember = <T>(requestId: string, answer: T): T => {
    s.answered[requestId] = answer;
    const keys = Object.keys(s.answered);
    if (keys.length > MAX_ANSWERED) delete s.answered[keys[0]!];
    return answer;
  };
  const chain = () => {
    const p = currentPolicy();
    const ownerContact = p.escalationChain.find((c) => c.userId === s.owner);
    const rest = p.escalationChain.filter((c) => c.userId !== s.owner);
    return ownerContact ? [ownerContact, ...rest] : p.escalationChain;
  };
  const childId = (obligationId: string) => `${wfId}/obligation/${obligationId}`;
  const open = () => s.stage !== 'closed' && s.stage !== 'closing';

  /** Every action's common checks; true when this request id was answered before (a retry: a no-op). */
  const seenRequest = (req: { requestId: string; by: string }): boolean => {
    requireText(req.requestId, 'requestId', 'every action carries a request id');
    requireText(req.by, 'by', 'every action names who took it');
    return Boolean(s.answered[req.requestId]);
  };

  // ---- one action with an effect at a time (issue 13 item 4) --------------------------------------------
  // Set synchronously when such an update's handler starts, before its first await: a second update with
  // another request id arriving meanwhile is refused by its validator (nothing recorded, nothing sent); the
  // same request id again waits for the first attempt and gets its answer.
  let effectInFlight: { requestId: string; action: string } | undefined;
  const refuseWhileBusy = (req: { requestId: string }) => {
    if (effectInFlight && effectInFlight.requestId !== req.requestId) {
      refuse(`another action is in progress on this incident (${effectInFlight.action}, request ${effectInFlight.requestId}): nothing was done; try again when it has finished`);
    }
  };
  const oneAtATime = async <T>(req: { requestId: string }, action: string, run: () => Promise<T>): Promise<T> => {
    if (!patched(ONE_EFFECT_AT_A_TIME_PATCH)) return run();
    while (effectInFlight) {
      refuseWhileBusy(req);
      await condition(() => effectInFlight?.requestId !== req.requestId);
    }
    // The same request id that waited: the first attempt's answer (a failed first attempt is tried again).
    if (s.answered[req.requestId] !== undefined) return s.answered[req.requestId] as T;
    effectInFlight = { requestId: req.requestId, action };
    try {
      return await run();
    } finally {
      effectInFlight = undefined;
    }
  };

  // ---- facts and assessment -------------------------------------------------------------------------
  const acceptFacts = (facts: unknown) => {
    const checked = checkFacts(withLawEnforcementDelays(facts, s.lawEnforcementDelays), nowIso(), rulesVersion);
    if (!checked.ok) refuseFacts('invalid facts', checked.issues);
    return checked;
  };
  // Issue 13 item 3: facts over the size limits are not kept (the service refuses them before the start;
  // a raw start is recorded as rejected). The marker appears only in histories with such facts.
  const oversizedAtIntake = input.facts !== undefined && !input.carried ? factsSizeProblems(input.facts) : [];
  if (oversizedAtIntake.length > 0 && patched(FACTS_SIZE_LIMITS_PATCH)) {
    s.timeline.push({ at: nowIso(), by: input.openedBy, action: 'facts_rejected_at_intake', detail: oversizedAtIntake.join('; ') });
  } else if (input.facts !== undefined && !input.carried) {
    const checked = checkFacts(input.facts, nowIso(), rulesVersion);
    if (checked.ok) {
      s.facts = input.facts;
      s.factsVersion = 1;
      (s.factsVersions ??= []).push({ version: 1, at: nowIso(), by: input.openedBy, facts: input.facts });
      s.recommendation = recommend(checked.facts, rulesVersion);
      s.stage = 'assessment';
      s.timeZone = checked.timeZone ?? s.timeZone;
      s.timeline.push({ at: nowIso(), by: input.openedBy, action: 'facts_recorded', detail: `version 1; recommendation: ${s.recommendation.outcome}` });
    } else {
      s.timeline.push({ at: nowIso(), by: input.openedBy, action: 'facts_rejected_at_intake', detail: checked.problems.join('; ') });
    }
  }

  setUpdate(
    recordFactsUpdate,
    (req) => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as Recommendation;
      const checked = acceptFacts(req.facts);
      const correction = s.decision !== undefined;
      s.facts = req.facts;
      s.factsVersion += 1;
      (s.factsVersions ??= []).push({ version: s.factsVersion, at: nowIso(), by: req.by, ...(req.reason ? { reason: req.reason } : {}), facts: req.facts });
      s.recommendation = recommend(checked.facts, rulesVersion);
      s.timeZone = checked.timeZone ?? s.timeZone;
      if (s.stage === 'intake') s.stage = 'assessment';
      s.timeline.push({
        at: nowIso(),
        by: req.by,
        action: correction ? 'facts_corrected' : 'facts_recorded',
        detail: `version ${s.factsVersion}${req.reason ? `; reason: ${req.reason}` : ''}; recommendation: ${s.recommendation.outcome}`,
        requestId: req.requestId,
      });
      if (correction && s.decision?.reportable) replanRequested = true;
      if (!s.decision) slaRescheduleRequested = true;
      dirty = true;
      return remember(req.requestId, s.recommendation);
    },
    {
      validator: (req: RecordFactsRequest) => {
        if (seenRequest(req)) return;
        if (!open()) refuse(`the incident is closed (${s.closure ?? 'closed'}); facts can no longer change`);
        optionalText(req.reason, 'reason');
        if (s.decision) requireText(req.reason, 'reason', 'a correction after the decision must say why (it is recorded in the history)');
        // Issue 13 item 3 (validator only: never re-run on replay, so recorded histories are unaffected).
        const oversized = factsSizeProblems(req.facts);
        if (oversized.length > 0) refuse(oversized.join('; '));
        const recorded = (s.factsVersions ?? []).reduce((n, v) => n + jsonBytes(v.facts), 0);
        const tooMany = factsVersionsProblem(recorded, req.facts);
        if (tooMany) refuse(tooMany);
        acceptFacts(req.facts);
      },
    },
  );

  // ---- decision ----------------------------------------------------------------------------------------
  setUpdate(
    decideUpdate,
    (req) => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as DecisionRecord;
      const rec = s.recommendation!;
      const decision: DecisionRecord = {
        reportable: req.reportable,
        by: req.by,
        at: nowIso(),
        recommendationWasReportable: rec.reportable,
        ...(req.justification ? { justification: req.justification } : {}),
      };
      s.decision = decision;
      s.timeline.push({
        at: decision.at,
        by: req.by,
        action: 'decided',
        detail: `${req.reportable ? 'reportable breach' : 'not a reportable breach'}${req.reportable !== rec.reportable ? ` (differs from the recommendation: ${req.justification ?? ''})` : ' (as recommended)'}`,
        requestId: req.requestId,
      });
      if (req.reportable) {
        s.stage = 'notification';
        replanRequested = true;
      } else {
        s.stage = 'closed';
        s.closedAt = decision.at;
        s.closure = 'not a reportable breach: decision and risk assessment documented (164.414(b), 164.530(j))';
        s.timeline.push({ at: decision.at, by: req.by, action: 'closed', detail: s.closure });
      }
      dirty = true;
      return remember(req.requestId, decision);
    },
    {
      validator: (req: DecideRequest) => {
        if (seenRequest(req)) return;
        if (typeof req.reportable !== 'boolean') refuse('reportable: must be true or false');
        optionalText(req.justification, 'justification');
        if (s.decision) refuse(`already decided by ${s.decision.by} at ${s.decision.at}; record a correction of the facts instead`);
        if (!s.recommendation) refuse('no assessment yet: record the facts and the four-factor assessment before deciding');
        // 164.402(2): the presumption of breach is rebutted only by a documented low probability of
        // compromise; overriding the engine's recommendation either way must be justified in writing.
        if (req.reportable !== s.recommendation.reportable) {
          requireText(req.justification, 'justification', 'a decision that differs from the recommendation must be justified (164.414(b))');
        }
      },
    },
  );

  // ---- law-enforcement delay (164.412) ----------------------------------------------------------------
  setUpdate(
    startLawEnforcementDelayUpdate,
    (req) => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as { delays: number };
      s.lawEnforcementDelays.push({ ...req.statement, recordedBy: req.by });
      s.timeline.push({
        at: nowIso(),
        by: req.by,
        action: 'law_enforcement_delay_started',
        detail: `${req.statement.kind} statement from ${req.statement.official} (${req.statement.agency}), received ${req.statement.receivedAt}${req.statement.kind === 'written' ? `, until ${req.statement.endsAt}` : ', at most 30 days unless a written statement follows'}`,
        requestId: req.requestId,
      });
      if (s.decision?.reportable) replanRequested = true;
      dirty = true;
      return remember(req.requestId, { delays: s.lawEnforcementDelays.length });
    },
    {
      validator: (req: LawEnforcementDelayRequest) => {
        if (seenRequest(req)) return;
        if (!open()) refuse('the incident is closed');
        const st = req.statement;
        if (!st || (st.kind !== 'written' && st.kind !== 'oral')) refuse('statement.kind: must be "written" or "oral" (164.412(a)/(b))');
        requireText(st.official, 'statement.official', "the official's identity must be documented (164.412(b))");
        requireText(st.agency, 'statement.agency', 'the agency must be documented');
        for (const f of ['receivedAt', 'endsAt'] as const) optionalText((st as Partial<Record<typeof f, unknown>>)[f], `statement.${f}`);
        if (Number.isNaN(Date.parse(st.receivedAt))) refuse('statement.receivedAt: must be an ISO date-time');
        if (Date.parse(st.receivedAt) > Date.now()) refuse('statement.receivedAt: cannot be in the future');
        if (st.kind === 'written') {
          if (Number.isNaN(Date.parse(st.endsAt))) refuse('statement.endsAt: a written statement must specify the period (164.412(a))');
          if (Date.parse(st.endsAt) <= Date.parse(st.receivedAt)) refuse('statement.endsAt: must be after receivedAt');
        }
        const candidate = [...s.lawEnforcementDelays, { ...st, recordedBy: req.by }];
        if (s.facts !== undefined) {
          const checked = checkFacts(withLawEnforcementDelays(s.facts, candidate), nowIso(), rulesVersion);
          if (!checked.ok) refuseFacts('invalid law-enforcement statement', checked.issues);
        }
      },
    },
  );
  setUpdate(
    endLawEnforcementDelayUpdate,
    (req) => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as { delays: number };
      const endedAt = req.endedAt ?? nowIso();
      for (const d of s.lawEnforcementDelays) if (!d.endedAt) d.endedAt = endedAt;
      s.timeline.push({ at: nowIso(), by: req.by, action: 'law_enforcement_delay_ended', detail: `ended ${endedAt}${req.note ? `; ${req.note}` : ''}`, requestId: req.requestId });
      if (s.decision?.reportable) replanRequested = true;
      dirty = true;
      return remember(req.requestId, { delays: s.lawEnforcementDelays.length });
    },
    {
      validator: (req: EndLawEnforcementDelayRequest) => {
        if (seenRequest(req)) return;
        if (!s.lawEnforcementDelays.some((d) => !d.endedAt)) refuse('no law-enforcement delay is in force');
        optionalText(req.endedAt, 'endedAt');
        optionalText(req.note, 'note');
        if (req.endedAt && Number.isNaN(Date.parse(req.endedAt))) refuse('endedAt: must be an ISO date-time');
      },
    },
  );

  // ---- obligations ---------------------------------------------------------------------------------------
  setUpdate(
    confirmObligationUpdate,
    async (req) => oneAtATime(req, 'confirmObligation', async () => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as { obligationId: string; status: string };
      const view = s.obligations.find((o) => o.obligation.id === req.obligationId)!;
      await getExternalWorkflowHandle(view.childWorkflowId).signal(confirmObligationSignal, { by: req.by, evidence: req.evidence });
      view.status = 'confirmed';
      view.confirmedBy = req.by;
      s.timeline.push({
        at: nowIso(),
        by: req.by,
        action: 'obligation_confirmed',
        detail: `${view.obligation.label}: ${req.evidence.method}${req.evidence.reference ? ` ref ${req.evidence.reference}` : ''}${req.evidence.sentAt ? ` sent ${req.evidence.sentAt}` : ''}`,
        requestId: req.requestId,
      });
      dirty = true;
      return remember(req.requestId, { obligationId: req.obligationId, status: 'confirmed' });
    }),
    {
      validator: (req: ConfirmObligationRequest) => {
        if (seenRequest(req)) return;
        refuseWhileBusy(req);
        const view = s.obligations.find((o) => o.obligation.id === req.obligationId);
        if (!view) refuse(`obligationId: "${req.obligationId}" is not a planned obligation of this incident (planned: ${s.obligations.map((o) => o.obligation.id).join(', ') || 'none'})`);
        if (view.status === 'confirmed' || view.status === 'withdrawn') refuse(`obligationId: "${req.obligationId}" is already ${view.status}`);
        if (typeof req.evidence !== 'object' || req.evidence === null) refuse('evidence: required (how, when and with what reference the notice was made)');
        for (const f of ['method', 'reference', 'sentAt', 'note'] as const) optionalText(req.evidence[f], `evidence.${f}`);
        if (!req.evidence || !req.evidence.method) refuse('evidence.method: required (how the notice was made: 164.414 puts the burden of proof on the entity)');
        // 164.408: HHS is notified on the OCR breach portal, which answers with a confirmation number.
        if (view.obligation.kind === 'hhs_notice' || view.obligation.kind === 'hhs_annual_log') {
          if (req.evidence.method !== 'hhs_portal') refuse('evidence.method: HHS is notified on the OCR breach portal (164.408): hhs_portal');
          requireText(req.evidence.reference, 'evidence.reference', "the breach portal's confirmation number (164.408; 164.414(b) burden of proof)");
        }
        // 164.412: no notice may be made while a law-enforcement delay is in force.
        if (view.obligation.heldUntil && Date.now() < Date.parse(view.obligation.heldUntil)) {
          refuse(`obligationId: "${req.obligationId}" is held by a law-enforcement delay until ${view.obligation.heldUntil} (164.412): the notice may not be made yet`);
        }
        const sentAt = req.evidence.sentAt ? Date.parse(req.evidence.sentAt) : Date.now();
        if (Number.isNaN(sentAt)) refuse('evidence.sentAt: must be an ISO date-time');
        if (sentAt > Date.now()) refuse('evidence.sentAt: cannot be in the future');
      },
    },
  );
  setUpdate(
    acknowledgeUpdate,
    async (req) => oneAtATime(req, 'acknowledge', async () => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as { acknowledged: boolean };
      if (req.obligationId) {
        const view = s.obligations.find((o) => o.obligation.id === req.obligationId)!;
        await getExternalWorkflowHandle(view.childWorkflowId).signal(acknowledgeObligationSignal, { by: req.by });
      } else if (s.decisionDue) {
        s.decisionDue = acknowledge(s.decisionDue);
      }
      s.timeline.push({ at: nowIso(), by: req.by, action: 'acknowledged', detail: req.obligationId ?? 'decision due', requestId: req.requestId });
      dirty = true;
      return remember(req.requestId, { acknowledged: true });
    }),
    {
      validator: (req: AcknowledgeRequest) => {
        if (seenRequest(req)) return;
        refuseWhileBusy(req);
        if (req.obligationId && !s.obligations.some((o) => o.obligation.id === req.obligationId)) {
          refuse(`obligationId: "${req.obligationId}" is not a planned obligation of this incident`);
        }
      },
    },
  );
  /** An obligation the engine may send now: planned, of the right kind, still open, not held (else refused). */
  const sendableObligation = (obligationId: string, kind: TrackedObligation['kind'], only: string) => {
    if (s.stage !== 'notification') refuse(`the incident is in ${s.stage}: notices are sent after a reportable decision`);
    const view = s.obligations.find((o) => o.obligation.id === obligationId);
    if (!view) refuse(`obligationId: "${obligationId}" is not a planned obligation of this incident (planned: ${s.obligations.map((o) => o.obligation.id).join(', ') || 'none'})`);
    if (view.obligation.kind !== kind) refuse(`obligationId: "${obligationId}" is a ${view.obligation.kind}; ${only}`);
    if (view.status === 'confirmed' || view.status === 'withdrawn') refuse(`obligationId: "${obligationId}" is already ${view.status}`);
    // 164.412: no notice may be made while a law-enforcement delay is in force.
    if (view.obligation.heldUntil && Date.now() < Date.parse(view.obligation.heldUntil)) {
      refuse(`obligationId: "${obligationId}" is held by a law-enforcement delay until ${view.obligation.heldUntil} (164.412): the notice may not be made yet`);
    }
    return view;
  };

  // ---- rosters and mailings (164.404) -------------------------------------------------------------------
  // The roster itself (names, addresses) lives encrypted in the roster database: here only its id and counts.
  setUpdate(
    attachRosterUpdate,
    (req) => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as RosterView;
      const view: RosterView = {
        rosterId: req.rosterId,
        recipients: req.recipients,
        rejectedRows: req.rejectedRows,
        byChannel: { ...req.byChannel },
        byJurisdiction: { ...req.byJurisdiction },
        attachedBy: req.by,
        attachedAt: nowIso(),
      };
      const rosters = (s.rosters ??= []);
      const i = rosters.findIndex((r) => r.rosterId === req.rosterId);
      if (i >= 0) rosters[i] = view;
      else rosters.push(view);
      const checked = s.facts !== undefined ? checkFacts(s.facts, nowIso(), rulesVersion) : undefined;
      const counted = checked?.ok ? affectedCounts(checked.facts).total : undefined;
      s.timeline.push({
        at: view.attachedAt,
        by: req.by,
        action: i >= 0 ? 'roster_updated' : 'roster_attached',
        detail: `roster ${req.rosterId}: ${req.recipients} recipient(s) (${Object.entries(req.byChannel).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}), ${req.rejectedRows} row(s) rejected${counted !== undefined && counted !== req.recipients ? `; the facts count ${counted} affected individuals: correct the facts or the roster` : ''}`,
        requestId: req.requestId,
      });
      dirty = true;
      return remember(req.requestId, view);
    },
    {
      validator: (req: AttachRosterRequest) => {
        if (seenRequest(req)) return;
        if (!open()) refuse('the incident is closed');
        if (typeof req.rosterId !== 'string' || !REF_PATTERN.test(req.rosterId)) refuse('rosterId: an opaque roster id (letters, digits, . _ -)');
        for (const f of ['recipients', 'rejectedRows'] as const) {
          if (!Number.isInteger(req[f]) || req[f] < 0) refuse(`${f}: a whole number, 0 or more`);
        }
      },
    },
  );
  setUpdate(
    startMailingUpdate,
    async (req) => oneAtATime(req, 'startMailing', async () => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as MailingView;
      const mailings = (s.mailings ??= []);
      const n = mailings.filter((m) => m.obligationId === req.obligationId).length + 1;
      const mailingWorkflowId = `${wfId}/mailing/${req.obligationId}/${n}`;
      const view: MailingView = {
        obligationId: req.obligationId,
        rosterId: req.rosterId,
        mailingWorkflowId,
        bulkWorkflowId: `${mailingWorkflowId}/bulk`,
        startedBy: req.by,
        startedAt: nowIso(),
        status: 'running',
      };
      // Recorded before the start, so a second request arriving meanwhile is refused by the validator.
      mailings.push(view);
      await startChild(noticeMailingWorkflow, {
        workflowId: mailingWorkflowId,
        // Like the obligations: the mailing must outlive a continue-as-new of this run; it reports by id.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            incidentWorkflowId: wfId,
            obligationId: req.obligationId,
            rosterId: req.rosterId,
            bulkWorkflowId: view.bulkWorkflowId,
            content: req.content as IncidentNoticeContentInput,
            ...(req.chunkSize ? { chunkSize: req.chunkSize } : {}),
            ...(req.concurrency ? { concurrency: req.concurrency } : {}),
            // Issue 13 item 1: how long a failing relay is retried before the owner and the next rung are told.
            ...(patched('mailing-relay-escalation') ? { relayOutageEscalateAfterMinutes: currentPolicy().mailRelayOutageEscalateAfterMinutes ?? 60 } : {}),
          },
        ],
      });
      const roster = s.rosters?.find((r) => r.rosterId === req.rosterId);
      s.timeline.push({
        at: view.startedAt,
        by: req.by,
        action: 'mailing_started',
        detail: `${labelOf(req.obligationId)}: roster ${req.rosterId} (${roster?.recipients ?? 0} recipient(s))`,
        requestId: req.requestId,
      });
      dirty = true;
      return remember(req.requestId, view);
    }),
    {
      validator: (req: StartMailingRequest) => {
        if (seenRequest(req)) return;
        refuseWhileBusy(req);
        sendableObligation(req.obligationId, 'individual_notice', 'only individual notices (164.404) are mailed to a roster');
        if (!s.rosters?.some((r) => r.rosterId === req.rosterId)) refuse(`rosterId: "${req.rosterId}" is not attached to this incident (import it first: breach roster import)`);
        if (s.mailings?.some((m) => m.obligationId === req.obligationId && m.status === 'running')) refuse(`obligationId: a mailing of "${req.obligationId}" is already running`);
        if (typeof req.content !== 'object' || req.content === null) refuse('content: the notice content is required (164.404(c))');
        if (req.chunkSize !== undefined && (!Number.isInteger(req.chunkSize) || req.chunkSize < 100 || req.chunkSize > 1000)) refuse('chunkSize: 100 to 1000');
        if (req.concurrency !== undefined && (!Number.isInteger(req.concurrency) || req.concurrency < 1 || req.concurrency > 50)) refuse('concurrency: 1 to 50');
      },
    },
  );
  setHandler(mailingFinishedSignal, (m: MailingFinished) => {
    const view = s.mailings?.find((v) => v.mailingWorkflowId === m.mailingWorkflowId);
    if (!view || view.status !== 'running') return;
    view.status = m.result ? 'finished' : 'failed';
    view.finishedAt = m.at;
    if (m.result) {
      view.noticeId = m.result.noticeId;
      view.counts = m.result.counts;
      view.substituteNoticeRequired = m.result.substituteNoticeRequired;
    }
    if (m.error) view.error = m.error;
    dirty = true;
  });

  // A failing relay is retried (never counted as insufficient contact); the incident shows it and, past the
  // policy time, tells the owner and the next rung (issue 13 item 1).
  setHandler(mailingDeliverySignal, (r: MailingDeliveryReport) => {
    const view = s.mailings?.find((v) => v.mailingWorkflowId === r.mailingWorkflowId);
    if (!view || view.status !== 'running') return;
    const label = labelOf(r.obligationId);
    if (r.event === 'restored') {
      delete view.relayUnavailableSince;
      delete view.relayProblem;
      s.timeline.push({ at: r.at, by: 'engine', action: 'mailing_relay_restored', detail: `${label}: delivery works again (failing since ${r.since}, ${r.reason}); nobody was counted as unreachable` });
    } else {
      if (view.relayUnavailableSince !== r.since) {
        s.timeline.push({ at: r.at, by: 'engine', action: 'mailing_relay_unavailable', detail: `${label}: the mail relay is unavailable since ${r.since} (${r.reason}); ${r.waiting} recipient(s) waiting, retrying with backoff` });
      }
      view.relayUnavailableSince = r.since;
      view.relayProblem = r.reason;
      if (r.event === 'escalate' && view.relayEscalatedFor !== r.since) view.relayEscalationDue = r.since;
    }
    dirty = true;
  });

  // ---- business associate → covered entity (164.410) -----------------------------------------------------
  setUpdate(
    sendCeNoticeUpdate,
    async (req) => oneAtATime(req, 'sendCeNotice', async () => {
      if (s.answered[req.requestId]) return s.answered[req.requestId] as CeNoticeRecord;
      const view = s.obligations.find((o) => o.obligation.id === req.obligationId)!;
      let sent;
      try {
        sent = await sendCoveredEntityNotice({
          incidentRef: s.ref,
          obligationId: req.obligationId,
          to: req.to,
          coveredEntity: { name: view.obligation.recipient, ...(req.contactName ? { contactName: req.contactName } : {}) },
          incident: { ...(req.incident as Partial<IncidentNoticeContentInput>), incidentRef: s.ref },
          ...(req.pendingInformation ? { pendingInformation: req.pendingInformation } : {}),
          ...(req.rosterId ? { rosterId: req.rosterId } : {}),
          ...(req.recipientPublicKey ? { recipientPublicKey: req.recipientPublicKey } : {}),
          ...(req.passphraseChannel ? { passphraseChannel: req.passphraseChannel } : {}),
          ...(req.identitiesExpectedBy ? { identitiesExpectedBy: req.identitiesExpectedBy } : {}),
        });
      } catch (err) {
        refuse(`the notice to ${view.obligation.recipient} was not sent: ${err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err)}`);
      }
      const record: CeNoticeRecord = {
        obligationId: req.obligationId,
        messageId: sent.messageId,
        sentAt: sent.sentAt,
        by: req.by,
        to: req.to,
        ...(req.rosterId ? { rosterId: req.rosterId } : {}),
        ...(sent.attachment ? { attachment: { fileName: sent.attachment.fileName, sha256: sent.attachment.sha256, bytes: sent.attachment.bytes, rows: sent.attachment.rows, encryption: sent.attachment.encryption } } : {}),
        ...(sent.toDevFolder ? { toDevFolder: true as const } : {}),
      };
      (s.ceNotices ??= []).push(record);
      const a = record.attachment;
      s.timeline.push({
        at: record.sentAt,
        by: req.by,
        action: 'ce_notice_sent',
        detail: `${view.obligation.label}: ${record.toDevFolder ? 'written to the development outbox folder only (no SMTP host set: it reached no one, the obligation is not confirmed by it)' : 'emailed'} (message ${record.messageId})${a ? `, roster of ${a.rows} individual(s) as the encrypted attachment ${a.fileName} (${a.encryption === 'openpgp_public_key' ? "OpenPGP, to the covered entity's public key" : 'OpenPGP, passphrase by another channel'}; sha256 ${a.sha256})` : '; identities to follow (the obligation stays open until they are sent)'}`,
        requestId: req.requestId,
      });
      if (a && !record.toDevFolder && view.status !== 'confirmed' && view.status !== 'withdrawn') {
        // 164.410(c)(1): the identification went with it — the notice is made.
        view.status = 'confirmed';
        view.confirmedBy = req.by;
        s.timeline.push({ at: nowIso(), by: req.by, action: 'obligation_confirmed', detail: `${view.obligation.label}: secure_transfer ref ${record.messageId}` });
        await getExternalWorkflowHandle(view.childWorkflowId).signal(confirmObligationSignal, {
          by: req.by,
          evidence: { method: 'secure_transfer', sentAt: record.sentAt, reference: record.messageId, note: `encrypted roster ${a.fileName}, ${a.rows} individual(s), sha256 ${a.sha256}` },
        });
      }
      dirty = true;
      return remember(req.requestId, record);
    }),
    {
      validator: (req: SendCeNoticeRequest) => {
        if (seenRequest(req)) return;
        refuseWhileBusy(req);
        sendableObligation(req.obligationId, 'ce_notice', "only a business associate's notice to a covered entity (164.410) is sent this way");
        if (typeof req.to !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(req.to)) refuse("to: the covered entity's notice email address");
        if (typeof req.incident !== 'object' || req.incident === null) refuse('incident: the facts the covered entity needs (164.410(c)(2)) are required');
        if (req.rosterId !== undefined && !s.rosters?.some((r) => r.rosterId === req.rosterId)) refuse(`rosterId: "${req.rosterId}" is not attached to this incident (import it first: breach roster import)`);
      },
    },
  );

  setHandler(obligationChangedSignal, (change: ObligationStatusChange) => {
    const view = s.obligations.find((o) => o.obligation.id === change.obligationId);
    if (!view) return;
    if (view.status !== change.status) {
      s.timeline.push({ at: change.at, by: 'engine', action: `obligation_${change.status}`, detail: view.obligation.label });
    }
    view.status = change.status;
    view.escalationLevel = change.escalationLevel;
    view.remindersSent = change.remindersSent;
    dirty = true;
  });
  setHandler(reloadPolicySignal, () => {
    policyReloadRequested = true;
    dirty = true;
  });
  setHandler(incidentStateQuery, () => s);

  // ---- the main loop ---------------------------------------------------------------------------------------
  const updateSearchAttributes = () => {
    const active = s.obligations.filter((o) => o.status !== 'confirmed' && o.status !== 'withdrawn');
    const deadlines = active.map((o) => Date.parse(o.obligation.deadline.instant));
    const ended = s.stage === 'closed' || s.stage === 'closing';
    if (s.stage !== 'notification' && !ended && s.decisionDue) deadlines.push(Date.parse(s.decisionDue.dates.deadline.instant));
    const next = deadlines.length && !ended ? new Date(Math.min(...deadlines)) : null;
    const overdue = !ended && (active.some((o) => o.status === 'overdue') || (!s.decision && !!s.decisionDue?.overdueSince));
    upsertSearchAttributes([
      { key: BreachStage, value: s.stage },
      { key: BreachRole, value: s.role },
      { key: BreachOwner, value: s.owner },
      { key: BreachOverdue, value: overdue },
      { key: BreachNextDeadline, value: next },
      { key: BreachReportable, value: s.decision ? s.decision.reportable : null },
    ]);
  };

  const replan = async () => {
    const plan = await planIncident({ facts: withLawEnforcementDelays(s.facts, s.lawEnforcementDelays), reportable: true, decidedBy: s.decision!.by, decidedAt: s.decision!.at, justification: s.decision!.justification, now: nowIso(), targetDays: currentPolicy().targetDays, rulesVersion, ...(currentPolicy().lawEnforcementDelayReading ? { tolling: currentPolicy().lawEnforcementDelayReading } : {}) });
    const planned = new Map(plan.obligations.map((o) => [o.id, o]));
    // 164.412(b): an oral statement that tried to extend a delay past the first one's 30 days is recorded
    // (edition 2; results recorded before issue 12 carry no such list). State only: no command changes.
    for (const w of plan.lawEnforcementWarnings ?? []) {
      if (!s.timeline.some((t) => t.action === 'law_enforcement_delay_capped' && t.detail === w)) s.timeline.push({ at: nowIso(), by: 'engine', action: 'law_enforcement_delay_capped', detail: w });
    }
    // Withdraw what the new facts no longer require (recorded, never silently dropped).
    for (const view of s.obligations) {
      if (!planned.has(view.obligation.id) && view.status !== 'confirmed' && view.status !== 'withdrawn') {
        await getExternalWorkflowHandle(view.childWorkflowId).signal(withdrawObligationSignal, { by: 'engine', reason: 'no longer required after the facts changed' });
        view.status = 'withdrawn';
        s.timeline.push({ at: nowIso(), by: 'engine', action: 'obligation_withdrawn', detail: view.obligation.label });
      }
    }
    for (const o of plan.obligations) {
      const view = s.obligations.find((v) => v.obligation.id === o.id);
      if (!view) {
        await startChild(obligationWorkflow, {
          workflowId: childId(o.id),
          // The incident workflow may continue-as-new while notices are open: children must not be
          // terminated with one of its runs. They report to the incident by its id.
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [{ incidentRef: s.ref, parentWorkflowId: wfId, obligation: o, policy: currentPolicy(), chain: chain(), timeZone: s.timeZone, ...(input.historyEventLimit ? { historyEventLimit: input.historyEventLimit } : {}) }],
        });
        s.obligations.push({ obligation: o, status: 'planned', escalationLevel: 0, remindersSent: 0, childWorkflowId: childId(o.id) });
        s.timeline.push({ at: nowIso(), by: 'engine', action: 'obligation_planned', detail: `${o.label}: deadline ${o.deadline.date}, target ${o.target.date}${o.heldUntil ? `, held until ${o.heldUntil}` : ''}` });
      } else if (view.status !== 'confirmed' && view.status !== 'withdrawn' && JSON.stringify(view.obligation) !== JSON.stringify(o)) {
        await getExternalWorkflowHandle(view.childWorkflowId).signal(rescheduleObligationSignal, { obligation: o, by: 'engine', reason: 'plan recomputed' });
        const moved = view.obligation.deadline.date !== o.deadline.date || view.obligation.target.date !== o.target.date || view.obligation.heldUntil !== o.heldUntil;
        s.timeline.push(
          moved
            ? { at: nowIso(), by: 'engine', action: 'obligation_rescheduled', detail: `${o.label}: deadline ${view.obligation.deadline.date} → ${o.deadline.date}, target ${view.obligation.target.date} → ${o.target.date}${o.heldUntil ? `, held until ${o.heldUntil}` : ''}` }
            : { at: nowIso(), by: 'engine', action: 'obligation_updated', detail: `${o.label}: ${o.recipient} (dates unchanged)` },
        );
        view.obligation = o;
      }
    }
  };

  const trackDecisionDue = async () => {
    const discoveredAt = s.facts !== undefined ? checkFacts(s.facts, nowIso(), rulesVersion) : undefined;
    const due = await decisionServiceLevel({
      from: discoveredAt?.ok && discoveredAt.discoveredAt ? discoveredAt.discoveredAt : s.openedAt,
      days: currentPolicy().assessmentDecisionWithinDays,
      timeZone: s.timeZone,
    });
    const schedule = await computeReminderSchedule({ dates: { deadlineDate: due.date }, policy: { reminderDaysBeforeTarget: [], reminderDaysBeforeDeadline: [3, 1, 0] }, timeZone: s.timeZone });
    s.decisionDue = s.decisionDue ? reschedule(s.decisionDue, { deadline: due }, schedule, Date.now()) : startTracking({ deadline: due }, schedule);
  };

  if (!policy) {
    policy = await loadNotificationPolicy();
    s.policy = policy;
    if (!s.owner) s.owner = policy.escalationChain[0]!.userId;
    if (s.facts === undefined) s.timeZone = policy.timeZone;
  }
  updateSearchAttributes();
  while (s.stage !== 'closed') {
    if (policyReloadRequested) {
      policyReloadRequested = false;
      policy = await loadNotificationPolicy();
      s.policy = policy;
      s.timeline.push({ at: nowIso(), by: 'engine', action: 'policy_reloaded' });
    }
    if (slaRescheduleRequested && !s.decision) {
      slaRescheduleRequested = false;
      await trackDecisionDue();
    }
    // Finished mailings are settled from the recorded state (so a continue-as-new carries unsettled ones).
    for (const m of s.mailings ?? []) {
      if (m.status !== 'running' && !m.settled) {
        m.settled = true;
        await settleMailing(m);
      }
    }
    for (const m of s.mailings ?? []) {
      if (m.relayEscalationDue && m.relayEscalatedFor !== m.relayEscalationDue) await escalateRelayOutage(m);
    }
    if (replanRequested) {
      replanRequested = false;
      await replan();
    }
    // The decision service level: reminders and escalation like any deadline.
    if (!s.decision && s.decisionDue) {
      const { notices, state } = dueNotices(s.decisionDue, currentPolicy(), chain().length, Date.now());
      s.decisionDue = state;
      for (const n of notices) {
        const recipients = n.rungs.map((r) => chain()[r]!).filter(Boolean);
        try {
          await sendDeadlineNotice({
            kind: n.kind === 'reminder' ? 'assessment_reminder' : n.kind === 'escalation' ? 'assessment_escalation' : 'assessment_overdue',
            incidentRef: s.ref,
            sequence: `decision/${n.sequence}`,
            aims: 'decision',
            dueDate: n.dueDate,
            dueAt: n.dueAt,
            // Edition 2 incidents (new since issue 12) name the zone beside the date in the mail.
            ...(rulesVersion >= 2 ? { timeZone: s.timeZone } : {}),
            level: n.level,
            recipients,
            from: currentPolicy().fromAddress,
          });
          s.timeline.push({ at: nowIso(), by: 'engine', action: `decision_${n.kind}`, detail: `level ${n.level} → ${recipients.map((r) => r.userId).join(', ')}` });
        } catch (err) {
          s.timeline.push({ at: nowIso(), by: 'engine', action: `decision_${n.kind}_failed`, detail: err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err) });
        }
      }
    }
    if (s.stage === 'notification' && !replanRequested && allObligationsSettled() && !(s.mailings ?? []).some((m) => m.status === 'running' || !m.settled)) {
      s.stage = 'closed';
      s.closedAt = nowIso();
      s.closure = 'every required notice confirmed with evidence (or withdrawn with a reason)';
      s.timeline.push({ at: s.closedAt, by: 'engine', action: 'closed', detail: s.closure });
    }
    updateSearchAttributes();
    if (s.stage === 'closed') break;
    // Bounded history: a new run carrying the state when the server suggests it (or past a configured length).
    if (workflowInfo().continueAsNewSuggested || (input.historyEventLimit !== undefined && workflowInfo().historyLength >= input.historyEventLimit)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof incidentWorkflow>({ ...input, facts: undefined, carried: s });
    }
    const wake = !s.decision && s.decisionDue ? nextWakeAt(s.decisionDue, currentPolicy()) : undefined;
    dirty = false;
    if (wake === undefined) await condition(() => dirty);
    else await condition(() => dirty, Math.max(1, wake - Date.now()));
  }

  updateSearchAttributes();
  // 164.530(j): the documentation outlives the namespace's retention — archive the evidence bundle.
  if (patched(EVIDENCE_PENDING_PATCH)) {
    await archiveWhileClosing();
  } else {
    s.evidence = await archiveEvidence({ snapshot: s, generatedAt: s.closedAt ?? nowIso() });
  }
  s.timeline.push({ at: nowIso(), by: 'engine', action: 'evidence_archived', detail: `${s.evidence!.entries} entries, head hash ${s.evidence!.headHash}` });
  await condition(allHandlersFinished);
  return s;

  /**
   * Issue 13 item 5: the stage is 'closing' ("closing — evidence pending") until the archive has the
   * bundle; the write is retried with backoff meanwhile, and the owner is told once the policy's time has
   * passed without success (the board and the CLI show the stage).
   */
  async function archiveWhileClosing(): Promise<void> {
    s.stage = 'closing';
    s.evidencePendingSince = nowIso();
    updateSearchAttributes();
    let archived: { path: string; headHash: string; entries: number } | undefined;
    let failure: unknown;
    void archiveEvidence({ snapshot: s, generatedAt: s.closedAt ?? nowIso() }).then(
      (r) => (archived = r),
      (err: unknown) => (failure = err ?? new Error('archive failed')),
    );
    const settled = () => archived !== undefined || failure !== undefined;
    const notifyAfterMs = (currentPolicy().evidencePendingNotifyAfterHours ?? 4) * 3_600_000;
    if (!(await condition(settled, notifyAfterMs))) {
      const owner = chain()[0];
      try {
        await sendDeadlineNotice({ kind: 'evidence_pending', incidentRef: s.ref, sequence: 'evidence-pending', aims: 'evidence', dueDate: (s.closedAt ?? nowIso()).slice(0, 10), dueAt: s.evidencePendingSince, level: 0, recipients: owner ? [owner] : [], from: currentPolicy().fromAddress });
        s.timeline.push({ at: nowIso(), by: 'engine', action: 'evidence_pending_owner_told', detail: `the evidence bundle could not be archived since ${s.evidencePendingSince}; told ${owner?.userId ?? 'nobody (no owner in the policy)'}; still retrying` });
      } catch (err) {
        s.timeline.push({ at: nowIso(), by: 'engine', action: 'evidence_pending_notice_failed', detail: err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err) });
      }
      await condition(settled);
    }
    if (!archived) throw failure;
    s.evidence = archived;
    s.stage = 'closed';
    delete s.evidencePendingSince;
    updateSearchAttributes();
  }

  function labelOf(obligationId: string): string {
    return s.obligations.find((o) => o.obligation.id === obligationId)?.obligation.label ?? obligationId;
  }

  /**
   * What a finished mailing means for the incident: people it could not reach go to the substitute
   * notice (164.404(d)(2)) through a recorded correction of the facts (so the plan adds or upgrades it);
   * a mailing that reached everyone by email confirms its obligation with the ledger as evidence; letters
   * still have to be posted, and failures resolved, by a person (the obligation stays open with reminders).
   */
  async function settleMailing(m: MailingView): Promise<void> {
    const label = labelOf(m.obligationId);
    const at = m.finishedAt ?? nowIso();
    if (!m.counts || !m.noticeId) {
      s.timeline.push({ at, by: 'engine', action: 'mailing_failed', detail: `${label}: ${m.error ?? 'unknown error'}; nothing was marked sent that was not (see the delivery ledger)` });
      return;
    }
    const c = m.counts;
    s.timeline.push({
      at,
      by: 'engine',
      action: 'mailing_finished',
      detail: `${label}: ${c.sent} emailed, ${c.printed} letter(s) printed, ${c.bounced} bounced, ${c.failed} failed, ${c.unconfirmed} unconfirmed, ${c.substituteNeeded} without usable contact, ${c.notRequired} not required (notice ${m.noticeId})`,
    });
    const checked = s.facts !== undefined ? checkFacts(s.facts, nowIso(), rulesVersion) : undefined;
    if (c.substituteNeeded > 0 && checked?.ok && c.substituteNeeded > affectedCounts(checked.facts).insufficientContact) {
      const corrected = withInsufficientContact(s.facts, c.substituteNeeded);
      const again = checkFacts(withLawEnforcementDelays(corrected, s.lawEnforcementDelays), nowIso(), rulesVersion);
      if (again.ok) {
        s.facts = corrected;
        s.factsVersion += 1;
        (s.factsVersions ??= []).push({ version: s.factsVersion, at: nowIso(), by: 'engine', reason: `the mailing could not reach ${c.substituteNeeded} individual(s) (164.404(d)(2))`, facts: corrected });
        s.recommendation = recommend(again.facts, rulesVersion);
        s.timeline.push({
          at: nowIso(),
          by: 'engine',
          action: 'facts_corrected',
          detail: `version ${s.factsVersion}; reason: the mailing could not reach ${c.substituteNeeded} individual(s) (no usable contact or a permanent bounce), counted as insufficient contact information for the substitute notice (164.404(d)(2)); recommendation: ${s.recommendation.outcome}`,
        });
        if (s.decision?.reportable) replanRequested = true;
      } else {
        s.timeline.push({ at: nowIso(), by: 'engine', action: 'substitute_count_not_recorded', detail: `${c.substituteNeeded} unreachable individual(s) could not be recorded in the facts (${again.problems.join('; ')}): correct the facts by hand` });
      }
    }
    const view = s.obligations.find((o) => o.obligation.id === m.obligationId);
    // A notice only written to the development outbox folder reached no one: it never confirms (issue 13 item 10).
    const toFolder = c.toFolder ?? 0;
    const complete = c.pending === 0 && c.failed === 0 && c.unconfirmed === 0 && c.printed === 0 && c.sent > 0 && toFolder === 0;
    if (view && complete && view.status !== 'confirmed' && view.status !== 'withdrawn') {
      const evidence = { method: 'email' as const, sentAt: at, reference: m.noticeId, note: `bulk mailing ${m.mailingWorkflowId}: ${c.sent} accepted by the mail server, ${c.bounced} bounced (see the delivery ledger)` };
      // Recorded before the signal: the child's own report of the change may arrive in the same activation.
      view.status = 'confirmed';
      view.confirmedBy = 'engine';
      s.timeline.push({ at: nowIso(), by: 'engine', action: 'obligation_confirmed', detail: `${label}: email ref ${m.noticeId} (every email accepted or bounced; bounced people go to the substitute notice)` });
      await getExternalWorkflowHandle(view.childWorkflowId).signal(confirmObligationSignal, { by: 'engine', evidence });
    } else if (view && view.status !== 'confirmed' && view.status !== 'withdrawn') {
      const todo = [
        c.printed > 0 ? `post the ${c.printed} printed letter(s) by first-class mail, then confirm with method first_class_mail` : '',
        c.failed > 0 ? `${c.failed} failed send(s) to resolve` : '',
        c.unconfirmed > 0 ? `${c.unconfirmed} send(s) of unknown outcome to check` : '',
        c.pending > 0 ? `${c.pending} still pending` : '',
        toFolder > 0 ? `${toFolder} notice(s) were only written to the development outbox folder (no SMTP host set) and reached no one: configure BREACH_NOTICE_SMTP_HOST and send them, then confirm by hand` : '',
      ].filter(Boolean);
      if (todo.length > 0) s.timeline.push({ at: nowIso(), by: 'engine', action: 'mailing_needs_attention', detail: `${label}: ${todo.join('; ')}` });
    }
  }

  /** The reminder/escalation mail path: the owner and the next rung learn that a mailing cannot get out. */
  async function escalateRelayOutage(m: MailingView): Promise<void> {
    const since = m.relayEscalationDue!;
    m.relayEscalatedFor = since;
    delete m.relayEscalationDue;
    const view = s.obligations.find((o) => o.obligation.id === m.obligationId);
    const recipients = chain().slice(0, 2);
    try {
      await sendDeadlineNotice({
        kind: 'delivery_escalation',
        incidentRef: s.ref,
        sequence: `relay/${m.mailingWorkflowId}/${since}`,
        obligationId: m.obligationId,
        obligationLabel: labelOf(m.obligationId),
        aims: 'deadline',
        dueDate: view?.obligation.deadline.date ?? '',
        dueAt: view?.obligation.deadline.instant ?? since,
        level: 1,
        recipients,
        from: currentPolicy().fromAddress,
        outage: { since, reason: m.relayProblem ?? 'delivery failing' },
      });
      s.timeline.push({ at: nowIso(), by: 'engine', action: 'mailing_relay_escalated', detail: `${labelOf(m.obligationId)}: the mail relay has been unavailable since ${since} → ${recipients.map((r) => r.userId).join(', ')}` });
    } catch (err) {
      s.timeline.push({ at: nowIso(), by: 'engine', action: 'mailing_relay_escalation_failed', detail: err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err) });
    }
  }

  function allObligationsSettled(): boolean {
    return s.obligations.every((o) => o.status === 'confirmed' || o.status === 'withdrawn');
  }
}

export type { TrackedObligation };
