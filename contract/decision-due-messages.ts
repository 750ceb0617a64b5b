/**
 * Messages of the decision-due workflow (issue 14 item 3: the assessment stage's service level as a
 * child deadline workflow, workflows/decision-due-workflow.ts). Definitions only.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { TrackedDates, TrackerState } from '../workflows/deadline-tracker.js';
import type { ReminderPoint } from '../domain/reminder-schedule.js';
import type { TimelineEntry } from './incident-types.js';

/** What the decision-due workflow tells its incident: the tracker's state and the notices it sent (timeline entries). */
export interface DecisionDueReport {
  tracker: TrackerState;
  entries: TimelineEntry[];
}

/** The due date moved (facts corrected before the decision). */
export const rescheduleDecisionDueSignal = defineSignal<[{ dates: TrackedDates; schedule: ReminderPoint[] }]>('rescheduleDecisionDue');
/** Someone acknowledged the last reminder: escalation by silence stops. */
export const acknowledgeDecisionDueSignal = defineSignal<[{ by: string }]>('acknowledgeDecisionDue');
/** The decision is made (or the incident closed): the tracking ends. */
export const stopDecisionDueSignal = defineSignal<[{ reason: string }]>('stopDecisionDue');
export const decisionDueStateQuery = defineQuery<TrackerState>('decisionDueState');
/** Sent by the decision-due workflow to its incident workflow. */
export const decisionDueReportSignal = defineSignal<[DecisionDueReport]>('decisionDueReport');
