/**
 * The privacy officer's decision (164.402(2), 164.414(b)) and the assessment stage's service level: the
 * decision is due within the policy's days of discovery, with reminders and escalation like any deadline.
 */
import { DecideRequest as DecideSchema } from '../../contract/incident-requests.js';
import { getExternalWorkflowHandle, ParentClosePolicy, patched, setHandler, startChild } from '@temporalio/workflow';
import { trackChild } from './children.js';
import { decideUpdate } from '../../contract/incident-messages.js';
import {
  acknowledgeDecisionDueSignal,
  decisionDueReportSignal,
  rescheduleDecisionDueSignal,
  stopDecisionDueSignal,
} from '../../contract/decision-due-messages.js';
import { decisionDueWorkflow } from '../decision-due-workflow.js';
import { DECISION_DUE_CHILD_PATCH } from '../patches.js';
import type { DecideRequest } from '../../contract/incident-types.js';
import { validateDecision } from '../../domain/decision.js';
import { acknowledge, dueNotices, nextWakeAt, reschedule, startTracking } from '../deadline-tracker.js';
import { computeReminderSchedule, decisionServiceLevel, failureText, sendDeadlineNotice } from './activities.js';
import { chain, currentPolicy, nowIso, optionalText, record, refuse, type IncidentContext } from './context.js';
import { withSchema, defineAction, type RequestCheck } from './update-helper.js';
import * as t from './transitions.js';

const decideShape: RequestCheck<DecideRequest> = (req) => {
  if (typeof req.reportable !== 'boolean') refuse('reportable: must be true or false');
  optionalText(req.justification, 'justification');
};

export function registerDecision(ctx: IncidentContext, check: RequestCheck<DecideRequest> = withSchema(DecideSchema, decideShape)): void {
  const { s } = ctx;
  defineAction(
    ctx,
    decideUpdate,
    (req) => {
      const tr = t.decide(s, req, nowIso());
      record(ctx, ...tr.entries);
      if (tr.replan) ctx.replanRequested = true;
      return tr.decision;
    },
    {
      check,
      validate: (req) => {
        if (s.decision) refuse(`already decided by ${s.decision.by} at ${s.decision.at}; record a correction of the facts instead`);
        if (!s.recommendation) refuse('no assessment yet: record the facts and the four-factor assessment before deciding');
        // 164.402(2): the presumption of breach is rebutted only by a documented low probability of
        // compromise; overriding the engine's recommendation either way must be justified in writing
        // (the domain's rule, domain/decision.ts).
        const now = nowIso();
        const checked = validateDecision(
          {
            reportable: req.reportable,
            decidedBy: req.by,
            decidedAt: now,
            ...(req.justification ? { justification: req.justification } : {}),
          },
          {
            determination: { outcome: s.recommendation.outcome, recommendation: { reportable: s.recommendation.reportable } },
            now,
            pathPrefix: 'decision',
          },
        );
        if (!checked.ok) {
          const field = (path: string) =>
            ({ 'decision.decidedBy': 'by', 'decision.decidedAt': 'decision time' })[path] ?? path.replace(/^decision\./, '');
          refuse(checked.issues.map((i) => `${field(i.path)}: ${i.message}`).join('; '));
        }
      },
    },
  );
}

/** The decision is due within the policy's days of discovery (or of opening, without facts). */
export async function trackDecisionDue(ctx: IncidentContext): Promise<void> {
  const { s } = ctx;
  const discoveredAt = ctx.parsed?.discoveredAt;
  const due = await decisionServiceLevel({
    from: discoveredAt ?? s.openedAt,
    days: currentPolicy(ctx).assessmentDecisionWithinDays,
    timeZone: s.timeZone,
  });
  const schedule = await computeReminderSchedule({
    dates: { deadlineDate: due.date },
    policy: { reminderDaysBeforeTarget: [], reminderDaysBeforeDeadline: [3, 1, 0] },
    timeZone: s.timeZone,
  });
  s.decisionDue = s.decisionDue
    ? reschedule(s.decisionDue, { deadline: due }, schedule, Date.now())
    : startTracking({ deadline: due }, schedule);
  // Issue 14 item 3: the reminders run in a child deadline workflow; histories from before keep the inline path.
  if (s.decisionDueWorkflowId) {
    await getExternalWorkflowHandle(s.decisionDueWorkflowId).signal(rescheduleDecisionDueSignal, { dates: { deadline: due }, schedule });
  } else if (patched(DECISION_DUE_CHILD_PATCH)) {
    const workflowId = `${ctx.wfId}/decision-due`;
    trackChild(
      ctx,
      await startChild(decisionDueWorkflow, {
        workflowId,
        // Like the obligations: it outlives a continue-as-new of the incident and reports to it by id.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            incidentRef: s.ref,
            parentWorkflowId: ctx.wfId,
            tracker: s.decisionDue,
            policy: currentPolicy(ctx),
            chain: chain(ctx),
            timeZone: s.timeZone,
            nameTimeZone: ctx.rulesVersion >= 2,
            ...(ctx.input.historyEventLimit ? { historyEventLimit: ctx.input.historyEventLimit } : {}),
          },
        ],
      }),
    );
    s.decisionDueWorkflowId = workflowId;
  }
}

/** The decision-due workflow's reports: its tracker's state (the board's deadline and overdue flag) and the notices it sent. */
export function registerDecisionDueReports(ctx: IncidentContext): void {
  setHandler(decisionDueReportSignal, (r) => {
    ctx.s.decisionDue = r.tracker;
    record(ctx, ...r.entries);
    ctx.dirty = true;
  });
}

/** Once the decision is made (or the incident closed), the decision-due workflow stops. */
export async function stopDecisionDue(ctx: IncidentContext, reason: string): Promise<void> {
  const { s } = ctx;
  if (!s.decisionDueWorkflowId || s.decisionDueStopped) return;
  s.decisionDueStopped = true;
  await getExternalWorkflowHandle(s.decisionDueWorkflowId).signal(stopDecisionDueSignal, { reason });
}

/** Reminders, escalation and overdue notices of the decision service level that are due now. */
export async function sendDecisionNotices(ctx: IncidentContext): Promise<void> {
  const { s } = ctx;
  if (s.decision || !s.decisionDue || s.decisionDueWorkflowId) return;
  const { notices, state } = dueNotices(s.decisionDue, currentPolicy(ctx), chain(ctx).length, Date.now());
  s.decisionDue = state;
  for (const n of notices) {
    const recipients = n.rungs.map((r) => chain(ctx)[r]!).filter(Boolean);
    try {
      await sendDeadlineNotice({
        kind: n.kind === 'reminder' ? 'assessment_reminder' : n.kind === 'escalation' ? 'assessment_escalation' : 'assessment_overdue',
        incidentRef: s.ref,
        sequence: `decision/${n.sequence}`,
        aims: 'decision',
        dueDate: n.dueDate,
        dueAt: n.dueAt,
        // Edition 2 incidents (new since issue 12) name the zone beside the date in the mail.
        ...(ctx.rulesVersion >= 2 ? { timeZone: s.timeZone } : {}),
        level: n.level,
        recipients,
        from: currentPolicy(ctx).fromAddress,
      });
      record(ctx, {
        at: nowIso(),
        by: 'engine',
        action: `decision_${n.kind}`,
        detail: `level ${n.level} → ${recipients.map((r) => r.userId).join(', ')}`,
      });
    } catch (err) {
      record(ctx, { at: nowIso(), by: 'engine', action: `decision_${n.kind}_failed`, detail: failureText(err) });
    }
  }
}

/** When the decision service level next needs the loop (ms), if it is tracked inline. */
export function decisionWakeAt(ctx: IncidentContext): number | undefined {
  return !ctx.s.decision && ctx.s.decisionDue && !ctx.s.decisionDueWorkflowId
    ? nextWakeAt(ctx.s.decisionDue, currentPolicy(ctx))
    : undefined;
}

/** Someone acknowledged the decision reminders. */
export async function acknowledgeDecisionDue(ctx: IncidentContext, by: string): Promise<void> {
  if (!ctx.s.decisionDue) return;
  ctx.s.decisionDue = acknowledge(ctx.s.decisionDue);
  if (ctx.s.decisionDueWorkflowId && !ctx.s.decisionDueStopped)
    await getExternalWorkflowHandle(ctx.s.decisionDueWorkflowId).signal(acknowledgeDecisionDueSignal, { by });
}
