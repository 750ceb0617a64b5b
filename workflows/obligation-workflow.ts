import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  acknowledgeObligationSignal,
  confirmObligationSignal,
  obligationChangedSignal,
  obligationStateQuery,
  rescheduleObligationSignal,
  withdrawObligationSignal,
  type ObligationSnapshot,
  type ObligationStatusChange,
} from '../contract/obligation-messages.js';
import type { EscalationContact, NotificationPolicy } from '../domain/notification-policy.js';
import type * as scheduleActivities from '../activities/schedule-reminders.js';
import type { DeadlineNotice, SentNotice } from '../activities/deadline-notices.js';
import { REPORT_SENDER_PATCH, RULE_FIDELITY_PATCH } from './patches.js';
import { acknowledge, dueNotices, nextWakeAt, reschedule, startTracking } from './deadline-tracker.js';
import type { TrackedObligation } from './tracked-obligation.js';

const { computeReminderSchedule } = proxyActivities<typeof scheduleActivities>({
  startToCloseTimeout: '30 seconds',
});
const { sendDeadlineNotice } = proxyActivities<{ sendDeadlineNotice(n: DeadlineNotice): Promise<SentNotice> }>({
  startToCloseTimeout: '2 minutes',
  // Mail trouble must not stall the deadline clock for long: a few retries, then record the failure
  // and move on (the next reminder or escalation goes out on time).
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 6 },
});

export interface ObligationInput {
  incidentRef: string;
  /** Where status changes are reported (the incident workflow). */
  parentWorkflowId: string;
  obligation: TrackedObligation;
  policy: NotificationPolicy;
  /** Escalation chain for this obligation, owner first. */
  chain: EscalationContact[];
  timeZone: string;
  /** Continue-as-new past this many history events even before the server suggests it. */
  historyEventLimit?: number;
  /** Carried across continue-as-new. */
  carried?: ObligationSnapshot;
}

const nowIso = () => new Date().toISOString();

/**
 * One notice obligation, from planned to confirmed: reminders before the target date and the legal
 * deadline, escalation up the chain when reminders go unacknowledged or the deadline is near, and an
 * overdue state that keeps escalating until the notice is confirmed with evidence.
 */
export async function obligationWorkflow(input: ObligationInput): Promise<ObligationSnapshot> {
  const scheduleFor = (o: TrackedObligation) =>
    computeReminderSchedule({
      dates: { targetDate: o.target.date, deadlineDate: o.deadline.date },
      policy: input.policy,
      timeZone: input.timeZone,
    });

  const s: ObligationSnapshot = input.carried ?? {
    obligation: input.obligation,
    status: 'open',
    tracker: startTracking({ deadline: input.obligation.deadline, target: input.obligation.target }, await scheduleFor(input.obligation)),
    remindersSent: [],
    events: [
      { at: nowIso(), event: 'planned', detail: `deadline ${input.obligation.deadline.date}, target ${input.obligation.target.date}` },
    ],
  };
  let changed = false;
  let pendingReschedule: { obligation: TrackedObligation; by: string; reason: string } | undefined;

  const reportToParent = async (last = false) => {
    // Who sends it (the incident ignores a report from a child it has replaced) and whether it is the last one (the
    // incident ends only once it has it): a changed signal input, patched.
    const sender = patched(REPORT_SENDER_PATCH);
    const change: ObligationStatusChange = {
      obligationId: s.obligation.id,
      ...(sender ? { workflowId: workflowInfo().workflowId, ...(last ? { final: true as const } : {}) } : {}),
      status: s.status,
      escalationLevel: s.tracker.level,
      remindersSent: s.remindersSent.length,
      at: nowIso(),
    };
    try {
      await getExternalWorkflowHandle(input.parentWorkflowId).signal(obligationChangedSignal, change);
    } catch (err) {
      // The incident may have been closed or reset: our own history still records the change.
      log.warn('could not report an obligation status change to the incident workflow', {
        obligationId: s.obligation.id,
        error: String(err),
      });
    }
  };

  setHandler(obligationStateQuery, () => s);
  setHandler(confirmObligationSignal, ({ by, evidence }) => {
    if (s.status === 'confirmed' || s.status === 'withdrawn') return;
    s.status = 'confirmed';
    s.confirmation = { ...evidence, by, confirmedAt: nowIso() };
    s.events.push({
      at: nowIso(),
      event: 'confirmed',
      by,
      detail: `${evidence.method}${evidence.reference ? ` ref ${evidence.reference}` : ''}`,
    });
    changed = true;
  });
  setHandler(acknowledgeObligationSignal, ({ by }) => {
    if (!s.tracker.pendingAck) return;
    s.tracker = acknowledge(s.tracker);
    s.events.push({ at: nowIso(), event: 'acknowledged', by });
    changed = true;
  });
  setHandler(rescheduleObligationSignal, (req) => {
    pendingReschedule = req;
    changed = true;
  });
  setHandler(withdrawObligationSignal, ({ by, reason }) => {
    if (s.status === 'confirmed' || s.status === 'withdrawn') return;
    s.status = 'withdrawn';
    s.withdrawal = { by, reason, at: nowIso() };
    s.events.push({ at: nowIso(), event: 'withdrawn', by, detail: reason });
    changed = true;
  });

  if (!input.carried) await reportToParent();

  while (s.status === 'open' || s.status === 'overdue') {
    if (pendingReschedule) {
      const req = pendingReschedule;
      pendingReschedule = undefined;
      const schedule = await scheduleFor(req.obligation);
      const wasOverdue = s.status === 'overdue';
      s.obligation = req.obligation;
      s.tracker = reschedule(s.tracker, { deadline: req.obligation.deadline, target: req.obligation.target }, schedule, Date.now());
      if (wasOverdue && !s.tracker.overdueSince) s.status = 'open';
      s.events.push({
        at: nowIso(),
        event: 'rescheduled',
        by: req.by,
        detail: `${req.reason}: deadline ${req.obligation.deadline.date}, target ${req.obligation.target.date}${req.obligation.heldUntil ? `, held until ${req.obligation.heldUntil}` : ''}`,
      });
      await reportToParent();
      continue; // a confirm/withdraw may have arrived meanwhile
    }

    const { notices, state } = dueNotices(s.tracker, input.policy, input.chain.length, Date.now());
    s.tracker = state;
    if (state.overdueSince && s.status !== 'overdue') {
      s.status = 'overdue';
      s.events.push({ at: nowIso(), event: 'overdue', detail: `legal deadline ${s.obligation.deadline.date} passed without confirmation` });
      await reportToParent();
    }
    for (const n of notices) {
      const recipients = n.rungs.map((r) => input.chain[r]!).filter(Boolean);
      const record: ObligationSnapshot['remindersSent'][number] = {
        sequence: n.sequence,
        kind: n.kind,
        level: n.level,
        to: recipients.map((r) => r.userId),
        at: nowIso(),
      };
      try {
        const sent = await sendDeadlineNotice({
          kind: n.kind,
          incidentRef: input.incidentRef,
          sequence: `${s.obligation.id}/${n.sequence}`,
          obligationId: s.obligation.id,
          obligationLabel: s.obligation.label,
          aims: n.aims,
          dueDate: n.dueDate,
          dueAt: n.dueAt,
          // Issue 12 item 8: the mail names the organization's zone beside the legal date (a changed activity input: patched).
          ...(patched(RULE_FIDELITY_PATCH) ? { timeZone: input.timeZone } : {}),
          level: n.level,
          recipients,
          from: input.policy.fromAddress,
        });
        record.messageId = sent.messageId;
      } catch (err) {
        record.failed = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
      }
      s.remindersSent.push(record);
      s.events.push({
        at: record.at,
        event: record.failed
          ? `${n.kind}_failed`
          : n.kind === 'reminder'
            ? 'reminder_sent'
            : n.kind === 'escalation'
              ? 'escalated'
              : 'overdue_escalation',
        detail: `level ${n.level} → ${record.to.join(', ')}${record.failed ? ` (delivery failed: ${record.failed})` : ''}`,
      });
    }
    if (notices.length > 0) {
      await reportToParent();
      continue; // sending took time: look again before sleeping
    }

    if (
      workflowInfo().continueAsNewSuggested ||
      (input.historyEventLimit !== undefined && workflowInfo().historyLength >= input.historyEventLimit)
    ) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof obligationWorkflow>({ ...input, carried: s });
    }
    const wake = nextWakeAt(s.tracker, input.policy);
    changed = false;
    const waitMs = wake === undefined ? undefined : Math.max(1, wake - Date.now());
    if (waitMs === undefined) await condition(() => changed);
    else await condition(() => changed, waitMs);
  }

  await reportToParent(true);
  await condition(allHandlersFinished);
  return s;
}
