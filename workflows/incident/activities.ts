/** The activities the incident workflow calls, with their timeouts and retry policies. */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type * as planningActivities from '../../activities/plan-incident.js';
import type * as policyActivities from '../../activities/load-policy.js';
import type * as scheduleActivities from '../../activities/schedule-reminders.js';
import type { createArchiveActivities } from '../../activities/archive-evidence.js';
import type { DeadlineNotice, SentNotice } from '../../activities/deadline-notices.js';
import type { createCeNoticeActivities } from '../../activities/ce-notice.js';
import type { createStateLawActivities } from '../../activities/state-law.js';

export const { planIncident, decisionServiceLevel } = proxyActivities<typeof planningActivities>({ startToCloseTimeout: '1 minute' });
/** Issue 16: the State obligations (the law pack stays in the activity, out of the workflow bundle). */
export const { planStateObligations } = proxyActivities<ReturnType<typeof createStateLawActivities>>({ startToCloseTimeout: '1 minute' });
export const { loadNotificationPolicy } = proxyActivities<ReturnType<typeof policyActivities.createPolicyActivities>>({
  startToCloseTimeout: '1 minute',
});
export const { computeReminderSchedule } = proxyActivities<typeof scheduleActivities>({ startToCloseTimeout: '30 seconds' });
export const { archiveEvidence } = proxyActivities<ReturnType<typeof createArchiveActivities>>({
  startToCloseTimeout: '2 minutes',
  // The record must reach the archive: keep retrying (with backoff) rather than close without it.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});
export const { sendDeadlineNotice } = proxyActivities<{ sendDeadlineNotice(n: DeadlineNotice): Promise<SentNotice> }>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 6 },
});
export const { sendCoveredEntityNotice } = proxyActivities<ReturnType<typeof createCeNoticeActivities>>({
  startToCloseTimeout: '10 minutes',
  // The person waits on the answer: a few retries with backoff, then a clear failure (nothing recorded).
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 4,
    nonRetryableErrorTypes: ['NoticeChecklistError', 'RecipientKeyError', 'EmptyRoster'],
  },
});

/** An activity's failure as one line for the timeline (the cause's message, never a stack). */
export const failureText = (err: unknown): string => (err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err));
