/**
 * The assessment stage's service level as its own deadline workflow (issue 14 item 3), built on
 * deadline-tracker.ts like every notice obligation: the privacy officer's decision is due within the
 * policy's days of discovery; reminders 3, 1 and 0 days before, escalation up the chain when they go
 * unacknowledged, overdue notices until the decision is made. It reports each notice to its incident
 * (a timeline entry and the tracker's state) and stops when the incident signals the decision.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  acknowledgeDecisionDueSignal,
  decisionDueReportSignal,
  decisionDueStateQuery,
  rescheduleDecisionDueSignal,
  stopDecisionDueSignal,
  type DecisionDueReport,
} from '../contract/decision-due-messages.js';
import type { TimelineEntry } from '../contract/incident-types.js';
import type { EscalationContact, NotificationPolicy } from '../domain/notification-policy.js';
import type { DeadlineNotice, SentNotice } from '../activities/deadline-notices.js';
import { acknowledge, dueNotices, nextWakeAt, reschedule, type TrackerState } from './deadline-tracker.js';

const { sendDeadlineNotice } = proxyActivities<{ sendDeadlineNotice(n: DeadlineNotice): Promise<SentNotice> }>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 6 },
});

export interface DecisionDueInput {
  incidentRef: string;
  parentWorkflowId: string;
  tracker: TrackerState;
  policy: NotificationPolicy;
  /** Escalation chain, owner first. */
  chain: EscalationContact[];
  timeZone: string;
  /** Edition 2 incidents name the zone beside the date in the mail. */
  nameTimeZone: boolean;
  historyEventLimit?: number;
}

const nowIso = () => new Date().toISOString();
const failureText = (err: unknown) => (err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err));

export async function decisionDueWorkflow(input: DecisionDueInput): Promise<TrackerState> {
  let tracker = input.tracker;
  let stopped = false;
  let changed = false;
  let pending: TimelineEntry[] = [];
  setHandler(decisionDueStateQuery, () => tracker);
  setHandler(rescheduleDecisionDueSignal, ({ dates, schedule }) => {
    tracker = reschedule(tracker, dates, schedule, Date.now());
    changed = true;
  });
  setHandler(acknowledgeDecisionDueSignal, () => {
    tracker = acknowledge(tracker);
    changed = true;
  });
  setHandler(stopDecisionDueSignal, () => {
    stopped = true;
    changed = true;
  });
  const report = async () => {
    const r: DecisionDueReport = { tracker, entries: pending };
    pending = [];
    try {
      await getExternalWorkflowHandle(input.parentWorkflowId).signal(decisionDueReportSignal, r);
    } catch (err) {
      log.warn('could not report to the incident workflow', { error: String(err) });
    }
  };

  while (!stopped) {
    const { notices, state } = dueNotices(tracker, input.policy, input.chain.length, Date.now());
    tracker = state;
    for (const n of notices) {
      const recipients = n.rungs.map((r) => input.chain[r]!).filter(Boolean);
      try {
        await sendDeadlineNotice({
          kind: n.kind === 'reminder' ? 'assessment_reminder' : n.kind === 'escalation' ? 'assessment_escalation' : 'assessment_overdue',
          incidentRef: input.incidentRef,
          sequence: `decision/${n.sequence}`,
          aims: 'decision',
          dueDate: n.dueDate,
          dueAt: n.dueAt,
          ...(input.nameTimeZone ? { timeZone: input.timeZone } : {}),
          level: n.level,
          recipients,
          from: input.policy.fromAddress,
        });
        pending.push({
          at: nowIso(),
          by: 'engine',
          action: `decision_${n.kind}`,
          detail: `level ${n.level} → ${recipients.map((r) => r.userId).join(', ')}`,
        });
      } catch (err) {
        pending.push({ at: nowIso(), by: 'engine', action: `decision_${n.kind}_failed`, detail: failureText(err) });
      }
    }
    if (notices.length > 0) {
      await report();
      continue;
    }
    if (
      workflowInfo().continueAsNewSuggested ||
      (input.historyEventLimit !== undefined && workflowInfo().historyLength >= input.historyEventLimit)
    ) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof decisionDueWorkflow>({ ...input, tracker });
    }
    const wake = nextWakeAt(tracker, input.policy);
    changed = false;
    if (wake === undefined) await condition(() => changed);
    else await condition(() => changed, Math.max(1, wake - Date.now()));
  }
  await condition(allHandlersFinished);
  return tracker;
}
