/**
 * One incident, from opened to closed: intake → assessment (facts and the four factors, answered with
 * the recommendation) → the privacy officer's decision → one child workflow per notice obligation → closed
 * with its documentation, also when it was not a breach (164.414(b), 164.530(j)).
 *
 * The parts: context.ts (state and flags), update-helper.ts (every update: request ids, the mutex),
 * transitions.ts (pure state changes), facts.ts, decision.ts, law-enforcement.ts, obligations.ts,
 * mailings.ts, ce-notices.ts, closing.ts. This file is the main loop.
 */
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { incidentStateQuery, reloadPolicySignal } from '../../contract/incident-messages.js';
import type { IncidentSnapshot, OpenIncidentInput } from '../../contract/incident-types.js';
import type { RulesVersion } from '../../domain/rules-version.js';
import { BOUNDED_CARRY_PATCH, EARLY_CONFIRM_ANSWER_3_PATCH, RULE_FIDELITY_PATCH } from '../patches.js';
import { boundedCarry, runStartOf } from './carry.js';
import { loadNotificationPolicy } from './activities.js';
import { archiveOnClose, updateSearchAttributes } from './closing.js';
import { createContext, nowIso, record, REF_PATTERN } from './context.js';
import {
  decisionWakeAt,
  registerDecision,
  registerDecisionDueReports,
  sendDecisionNotices,
  stopDecisionDue,
  trackDecisionDue,
} from './decision.js';
import { intakeFacts, registerFacts } from './facts.js';
import { registerCeNotices } from './ce-notices.js';
import { registerLawEnforcement } from './law-enforcement.js';
import { escalateRelayOutage, registerMailings, settleMailing } from './mailings.js';
import { registerObligations, replan } from './obligations.js';
import { closeWhenDone } from './transitions.js';
import { lastReportsIn, readyToEnd } from './children.js';
import { nextConditionPass } from './update-helper.js';
import { refreshStateLaw, registerStateObligations, settleStateIndividualNotices } from './state-obligations.js';

const isClosed = (s: IncidentSnapshot): boolean => s.stage === 'closed';

export async function incidentWorkflow(input: OpenIncidentInput): Promise<IncidentSnapshot> {
  if (!REF_PATTERN.test(input.ref)) {
    throw ApplicationFailure.create({
      type: 'InvalidIncidentRef',
      message: 'ref: 3-64 letters, digits, . _ - (an opaque reference, never a name)',
      nonRetryable: true,
    });
  }
  // Issue 12 (rule fidelity) changed what validation, the recommendation and planning compute. An
  // incident keeps the rule edition it started with: a history recorded before the change has no marker,
  // so patched() is false on its replay and it stays on edition 1 for good, also across continue-as-new.
  // Where this run starts in the record (the carry is the previous run's state, changed in place below).
  const runStart = input.carried ? runStartOf(input.carried) : { timelineLength: 0, factsVersionsLength: 0 };
  const rulesVersion: RulesVersion = input.carried ? (input.carried.rulesVersion ?? 1) : patched(RULE_FIDELITY_PATCH) ? 2 : 1;
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
  const ctx = createContext(input, s, rulesVersion);
  intakeFacts(ctx);

  // Handlers are registered before the first await (below), so an update sent right after the start is
  // never rejected for want of a handler; the policy arrives from an activity just after.
  registerFacts(ctx);
  registerDecision(ctx);
  registerLawEnforcement(ctx);
  registerObligations(ctx);
  registerStateObligations(ctx);
  registerMailings(ctx);
  registerCeNotices(ctx);
  registerDecisionDueReports(ctx);
  setHandler(reloadPolicySignal, () => {
    ctx.policyReloadRequested = true;
    ctx.dirty = true;
  });
  setHandler(incidentStateQuery, () => s);

  if (!ctx.policy) {
    ctx.policy = await loadNotificationPolicy();
    s.policy = ctx.policy;
    if (!s.owner) s.owner = ctx.policy.escalationChain[0]!.userId;
    if (s.facts === undefined) s.timeZone = ctx.policy.timeZone;
  }
  updateSearchAttributes(ctx);
  while (s.stage !== 'closed') {
    if (ctx.policyReloadRequested) {
      ctx.policyReloadRequested = false;
      ctx.policy = await loadNotificationPolicy();
      s.policy = ctx.policy;
      record(ctx, { at: nowIso(), by: 'engine', action: 'policy_reloaded' });
    }
    if (ctx.slaRescheduleRequested && !s.decision) {
      ctx.slaRescheduleRequested = false;
      await trackDecisionDue(ctx);
    }
    // Finished mailings are settled from the recorded state (so a continue-as-new carries unsettled ones).
    for (const m of s.mailings ?? []) {
      if (m.status !== 'running' && !m.settled) {
        m.settled = true;
        await settleMailing(ctx, m);
      }
    }
    for (const m of s.mailings ?? []) {
      if (m.relayEscalationDue && m.relayEscalatedFor !== m.relayEscalationDue) await escalateRelayOutage(ctx, m);
    }
    if (ctx.replanRequested) {
      ctx.replanRequested = false;
      await replan(ctx);
    }
    // Issue 16: the HHS notice (or the individual notices) confirmed: the State items pending on it get their dates.
    await settleStateIndividualNotices(ctx);
    if (ctx.stateLawRefreshRequested) {
      ctx.stateLawRefreshRequested = false;
      await refreshStateLaw(ctx);
    }
    // The decision service level: reminders and escalation like any deadline.
    await sendDecisionNotices(ctx);
    if (s.decision) await stopDecisionDue(ctx, 'decided');
    record(ctx, ...closeWhenDone(s, ctx.replanRequested || ctx.stateLawRefreshRequested, nowIso()).entries);
    updateSearchAttributes(ctx);
    // (A handler may have closed it during an await above: a decision that it is not a breach.)
    if (isClosed(s)) break;
    // Bounded history: a new run carrying the state when the server suggests it (or past a configured length).
    if (
      workflowInfo().continueAsNewSuggested ||
      (input.historyEventLimit !== undefined && workflowInfo().historyLength >= input.historyEventLimit)
    ) {
      await readyToEnd(ctx, () => allHandlersFinished() && !ctx.effectInFlight); // issue 18 §3: delivered, finishing children ended
      // Issue 14 item 4: the carry holds what the logic needs; the rest of the record stays in this run's history.
      const carried = patched(BOUNDED_CARRY_PATCH) ? boundedCarry(s, runStart) : s;
      await continueAsNew<typeof incidentWorkflow>({ ...input, facts: undefined, carried });
    }
    const wake = decisionWakeAt(ctx);
    ctx.dirty = false;
    if (wake === undefined) await condition(() => ctx.dirty);
    else await condition(() => ctx.dirty, Math.max(1, wake - Date.now()));
    // Issue 18 (task nde): no command before the updates answered in this activation have completed (a signal woke
    // it first on replay, the update first live: see EARLY_CONFIRM_ANSWER_3_PATCH). Recorded histories keep their order.
    if (patched(EARLY_CONFIRM_ANSWER_3_PATCH)) await nextConditionPass();
  }

  await stopDecisionDue(ctx, s.decision ? 'decided' : 'closed');
  updateSearchAttributes(ctx);
  await lastReportsIn(ctx); // the record complete before it is archived: the finishing obligations' last reports
  await archiveOnClose(ctx);
  await readyToEnd(ctx, () => allHandlersFinished() && !ctx.effectInFlight); // issue 18 §3: delivered, finishing children ended
  return s;
}
