/**
 * The notice obligations: one child workflow each (workflows/obligation-workflow.ts), planned from the
 * facts by the planner activity, rescheduled or withdrawn when the plan changes, confirmed with evidence
 * (164.414(b): the burden of proof is on the entity).
 */
import { AcknowledgeRequest as AckSchema, ConfirmObligationRequest as ConfirmSchema } from '../../contract/incident-requests.js';
import { getExternalWorkflowHandle, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { acknowledgeUpdate, confirmObligationUpdate } from '../../contract/incident-messages.js';
import type { AcknowledgeRequest, ConfirmObligationRequest, IncidentObligationView } from '../../contract/incident-types.js';
import {
  acknowledgeObligationSignal,
  confirmObligationSignal,
  obligationChangedSignal,
  rescheduleObligationSignal,
  withdrawObligationSignal,
} from '../../contract/obligation-messages.js';
import { withLawEnforcementDelays } from '../../contract/incident-rules.js';
import {
  CHILDREN_TOGETHER_PATCH,
  CONFIRM_MARKS_FIRST_PATCH,
  EARLY_CONFIRM_ANSWER_PATCH,
  EARLY_CONFIRM_ANSWER_3_PATCH,
  REPORT_SENDER_PATCH,
  STALE_OBLIGATION_REPORT_PATCH,
  STATE_OBLIGATIONS_PATCH,
} from '../patches.js';
import type { TrackedObligation } from '../tracked-obligation.js';
import { failureText, planIncident } from './activities.js';
import { currentPolicy, nowIso, optionalText, record, refuse, requireText, type IncidentContext } from './context.js';
import { acknowledgeDecisionDue } from './decision.js';
import { withSchema, defineEffect, type RequestCheck } from './update-helper.js';
import { startObligationChild, trackChild } from './children.js';
import * as t from './transitions.js';
import { isStateObligation, noteStateLawEvent, planStateLaw } from './state-obligations.js';

export const childId = (ctx: IncidentContext, obligationId: string): string => `${ctx.wfId}/obligation/${obligationId}`;

const findView = (ctx: IncidentContext, id: string): IncidentObligationView | undefined =>
  ctx.s.obligations.find((o) => o.obligation.id === id);
const plannedIds = (ctx: IncidentContext) => ctx.s.obligations.map((o) => o.obligation.id).join(', ') || 'none';

/** 164.412: no notice may be made while a law-enforcement delay is in force. */
function refuseIfHeld(view: IncidentObligationView): void {
  if (view.obligation.heldUntil && Date.now() < Date.parse(view.obligation.heldUntil)) {
    refuse(
      `obligationId: "${view.obligation.id}" is held by a law-enforcement delay until ${view.obligation.heldUntil} (164.412): the notice may not be made yet`,
    );
  }
}

/** An obligation the engine may send now: planned, of the right kind, still open, not held (else refused). */
export function sendableObligation(
  ctx: IncidentContext,
  obligationId: string,
  kind: TrackedObligation['kind'],
  only: string,
): IncidentObligationView {
  const { s } = ctx;
  if (s.stage !== 'notification') refuse(`the incident is in ${s.stage}: notices are sent after a reportable decision`);
  const view = findView(ctx, obligationId);
  if (!view) refuse(`obligationId: "${obligationId}" is not a planned obligation of this incident (planned: ${plannedIds(ctx)})`);
  if (view.obligation.kind !== kind) refuse(`obligationId: "${obligationId}" is a ${view.obligation.kind}; ${only}`);
  if (view.status === 'confirmed' || view.status === 'withdrawn') refuse(`obligationId: "${obligationId}" is already ${view.status}`);
  refuseIfHeld(view);
  return view;
}

const confirmShape: RequestCheck<ConfirmObligationRequest> = (req) => {
  if (typeof req.evidence !== 'object' || req.evidence === null)
    refuse('evidence: required (how, when and with what reference the notice was made)');
  for (const f of ['method', 'reference', 'sentAt', 'note'] as const) optionalText(req.evidence[f], `evidence.${f}`);
  if (!req.evidence.method) refuse('evidence.method: required (how the notice was made: 164.414 puts the burden of proof on the entity)');
};

/** Marks an obligation confirmed in the state (before the signal: the child's own report may arrive in the same activation). */
export function markConfirmed(view: IncidentObligationView, by: string): void {
  view.status = 'confirmed';
  view.confirmedBy = by;
}

export function registerObligations(
  ctx: IncidentContext,
  checks: { confirm?: RequestCheck<ConfirmObligationRequest>; acknowledge?: RequestCheck<AcknowledgeRequest> } = {},
): void {
  const { s } = ctx;
  defineEffect(
    ctx,
    confirmObligationUpdate,
    async (req) => {
      const view = findView(ctx, req.obligationId)!;
      // Issue 16: a State individual notice the engine found met by the HIPAA individual notice: the person's
      // own evidence is recorded beside it (the obligation workflow is already done).
      const alreadyMet = view.status === 'confirmed' && view.confirmedBy === 'engine' && isStateObligation(view.obligation);
      const recordConfirmed = () => {
        markConfirmed(view, req.by);
        noteStateLawEvent(ctx, view, req.evidence.sentAt);
        const e = req.evidence;
        record(ctx, {
          at: nowIso(),
          by: req.by,
          action: 'obligation_confirmed',
          detail: `${view.obligation.label}: ${e.method}${e.reference ? ` ref ${e.reference}` : ''}${e.sentAt ? ` sent ${e.sentAt}` : ''}${alreadyMet ? ' (evidence added: already met by the individual notice)' : ''}`,
          requestId: req.requestId,
        });
      };
      const answer = { obligationId: req.obligationId, status: 'confirmed' as const };
      if (alreadyMet) {
        recordConfirmed();
        return answer;
      }
      const signal = () =>
        getExternalWorkflowHandle(view.childWorkflowId).signal(confirmObligationSignal, { by: req.by, evidence: req.evidence });
      // The early answer (EARLY_CONFIRM_ANSWER_3_PATCH): the main loop waits for the next condition pass once woken
      // (incident-workflow.ts), so this answer's completion precedes its commands whatever the order of the jobs. The
      // second try (EARLY_CONFIRM_ANSWER_PATCH, withdrawn at the end of stop 24 for that race) is never written now; only
      // histories recorded with it (the 2026-12-03d fixtures) replay its path, which is the same code.
      if (patched(EARLY_CONFIRM_ANSWER_3_PATCH) || (workflowInfo().unsafe.isReplaying && patched(EARLY_CONFIRM_ANSWER_PATCH))) {
        // Issue 18 §3: answered once recorded (marked confirmed before any await, so the engine's settling of a
        // State individual notice meanwhile neither signals nor records it again), without waiting for the
        // signal's round trip; the mutex is held until it is delivered, and the run neither ends nor continues
        // as new before (readyToEnd). It fails only if the obligation's workflow is gone: recorded, not hidden.
        recordConfirmed();
        ctx.settling = signal().catch((err: unknown) =>
          record(ctx, {
            at: nowIso(),
            by: 'engine',
            action: 'obligation_confirmation_undelivered',
            detail: `${view.obligation.label}: ${failureText(err)}`,
          }),
        );
        return answer;
      }
      // Histories from before answer after the delivery. Marked before the signal's await (CONFIRM_MARKS_FIRST_PATCH):
      // the engine's own settling of a State individual notice, running meanwhile, then sees it confirmed and
      // neither signals nor records it a second time. A signal that fails puts the status back.
      const before = patched(CONFIRM_MARKS_FIRST_PATCH) ? { status: view.status, confirmedBy: view.confirmedBy } : undefined;
      if (before) markConfirmed(view, req.by);
      try {
        await signal();
      } catch (err) {
        if (before) Object.assign(view, before);
        throw err;
      }
      recordConfirmed();
      return answer;
    },
    {
      check: checks.confirm ?? withSchema(ConfirmSchema, confirmShape),
      validate: (req) => {
        const view = findView(ctx, req.obligationId);
        if (!view) refuse(`obligationId: "${req.obligationId}" is not a planned obligation of this incident (planned: ${plannedIds(ctx)})`);
        const metByEngine = view.status === 'confirmed' && view.confirmedBy === 'engine' && isStateObligation(view.obligation);
        if ((view.status === 'confirmed' && !metByEngine) || view.status === 'withdrawn')
          refuse(`obligationId: "${req.obligationId}" is already ${view.status}`);
        // 164.408: HHS is notified on the OCR breach portal, which answers with a confirmation number.
        if (view.obligation.kind === 'hhs_notice' || view.obligation.kind === 'hhs_annual_log') {
          if (req.evidence.method !== 'hhs_portal')
            refuse('evidence.method: HHS is notified on the OCR breach portal (164.408): hhs_portal');
          requireText(
            req.evidence.reference,
            'evidence.reference',
            "the breach portal's confirmation number (164.408; 164.414(b) burden of proof)",
          );
        }
        refuseIfHeld(view);
        const sentAt = req.evidence.sentAt ? Date.parse(req.evidence.sentAt) : Date.now();
        if (Number.isNaN(sentAt)) refuse('evidence.sentAt: must be an ISO date-time');
        if (sentAt > Date.now()) refuse('evidence.sentAt: cannot be in the future');
      },
    },
  );
  defineEffect(
    ctx,
    acknowledgeUpdate,
    async (req) => {
      if (req.obligationId) {
        const view = findView(ctx, req.obligationId)!;
        await getExternalWorkflowHandle(view.childWorkflowId).signal(acknowledgeObligationSignal, { by: req.by });
      } else {
        await acknowledgeDecisionDue(ctx, req.by);
      }
      record(ctx, {
        at: nowIso(),
        by: req.by,
        action: 'acknowledged',
        detail: req.obligationId ?? 'decision due',
        requestId: req.requestId,
      });
      return { acknowledged: true };
    },
    {
      check: checks.acknowledge ?? withSchema(AckSchema, (req) => optionalText(req.obligationId, 'obligationId')),
      validate: (req) => {
        if (req.obligationId && !findView(ctx, req.obligationId))
          refuse(`obligationId: "${req.obligationId}" is not a planned obligation of this incident`);
      },
    },
  );
  setHandler(obligationChangedSignal, (change) => {
    const confirmedIsFinal = patched(STALE_OBLIGATION_REPORT_PATCH);
    // A late report from a replaced child (its sender is not the view's workflow): ignored, nothing recorded. The patch
    // is asked only when such a report arrives, so the commands of every other report stay as they were.
    const ignoreReplacedChild = t.fromReplacedChild(s, change) && patched(REPORT_SENDER_PATCH);
    const tr = t.obligationChanged(s, change, { confirmedIsFinal, ignoreReplacedChild });
    if (tr.ignored) return;
    record(ctx, ...tr.entries);
    ctx.dirty = true;
  });
}

/** Plans the notices from the facts and the decision, and brings the obligation workflows in line with the plan. */
export async function replan(ctx: IncidentContext): Promise<void> {
  const { s } = ctx;
  const policy = currentPolicy(ctx);
  // Planning stays an ordinary activity (issue 18 §3: as a local activity the decision's answer waited for it).
  const plan = await planIncident({
    facts: withLawEnforcementDelays(s.facts, s.lawEnforcementDelays),
    reportable: true,
    decidedBy: s.decision!.by,
    decidedAt: s.decision!.at,
    justification: s.decision!.justification,
    now: nowIso(),
    targetDays: policy.targetDays,
    rulesVersion: ctx.rulesVersion,
    ...(policy.lawEnforcementDelayReading ? { tolling: policy.lawEnforcementDelayReading } : {}),
  });
  const planned = new Map(plan.obligations.map((o) => [o.id, o]));
  // 164.412(b): an oral statement that tried to extend a delay past the first one's 30 days is recorded
  // (edition 2; results recorded before issue 12 carry no such list). State only: no command changes.
  for (const w of plan.lawEnforcementWarnings ?? []) {
    if (!s.timeline.some((e) => e.action === 'law_enforcement_delay_capped' && e.detail === w) && !s.lawEnforcementWarnings?.includes(w)) {
      record(ctx, { at: nowIso(), by: 'engine', action: 'law_enforcement_delay_capped', detail: w });
    }
  }
  // Withdraw what the new facts no longer require (recorded, never silently dropped).
  for (const view of s.obligations) {
    // State obligations (issue 16) are not in the federal plan: state-obligations.ts keeps them in line.
    if (
      !planned.has(view.obligation.id) &&
      !isStateObligation(view.obligation) &&
      view.status !== 'confirmed' &&
      view.status !== 'withdrawn'
    ) {
      await getExternalWorkflowHandle(view.childWorkflowId).signal(withdrawObligationSignal, {
        by: 'engine',
        reason: 'no longer required after the facts changed',
      });
      view.status = 'withdrawn';
      record(ctx, { at: nowIso(), by: 'engine', action: 'obligation_withdrawn', detail: view.obligation.label });
    }
  }
  const start = (o: TrackedObligation) => startObligationChild(ctx, childId(ctx, o.id), o);
  const recordPlanned = (o: TrackedObligation) => {
    s.obligations.push({ obligation: o, status: 'planned', escalationLevel: 0, remindersSent: 0, childWorkflowId: childId(ctx, o.id) });
    record(ctx, {
      at: nowIso(),
      by: 'engine',
      action: 'obligation_planned',
      detail: `${o.label}: deadline ${o.deadline.date}, target ${o.target.date}${o.heldUntil ? `, held until ${o.heldUntil}` : ''}`,
    });
  };
  // Issue 18 §3: the new children are started together after the existing ones are brought in line (the plan's
  // other changes are recorded before the new obligations appear); recorded histories keep one start per task.
  const together = patched(CHILDREN_TOGETHER_PATCH);
  for (const o of plan.obligations) {
    const view = findView(ctx, o.id);
    if (!view) {
      if (together) continue;
      trackChild(ctx, await start(o));
      recordPlanned(o);
    } else if (view.status !== 'confirmed' && view.status !== 'withdrawn' && JSON.stringify(view.obligation) !== JSON.stringify(o)) {
      await getExternalWorkflowHandle(view.childWorkflowId).signal(rescheduleObligationSignal, {
        obligation: o,
        by: 'engine',
        reason: 'plan recomputed',
      });
      const moved =
        view.obligation.deadline.date !== o.deadline.date ||
        view.obligation.target.date !== o.target.date ||
        view.obligation.heldUntil !== o.heldUntil;
      record(
        ctx,
        moved
          ? {
              at: nowIso(),
              by: 'engine',
              action: 'obligation_rescheduled',
              detail: `${o.label}: deadline ${view.obligation.deadline.date} → ${o.deadline.date}, target ${view.obligation.target.date} → ${o.target.date}${o.heldUntil ? `, held until ${o.heldUntil}` : ''}`,
            }
          : { at: nowIso(), by: 'engine', action: 'obligation_updated', detail: `${o.label}: ${o.recipient} (dates unchanged)` },
      );
      view.obligation = o;
    }
  }
  if (together) {
    // Every new obligation's workflow started in one task; recorded in the plan's order once all have started.
    // A start that fails fails the replan as before, once the others that did start are recorded.
    const added = plan.obligations.filter((o) => !findView(ctx, o.id));
    const results = await Promise.allSettled(added.map(start));
    for (const r of results) if (r.status === 'fulfilled') trackChild(ctx, r.value);
    added.forEach((o, i) => results[i]!.status === 'fulfilled' && recordPlanned(o));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  // Issue 16: the State obligations, planned by an activity with the incident's law pack (new commands: patched).
  if (patched(STATE_OBLIGATIONS_PATCH)) await planStateLaw(ctx);
}
