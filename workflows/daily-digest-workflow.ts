import { proxyActivities } from '@temporalio/workflow';
import type { createDailyDigestActivities } from '../activities/daily-digest.js';
import type { createPolicyActivities } from '../activities/load-policy.js';

const { sendDailyDigests } = proxyActivities<ReturnType<typeof createDailyDigestActivities>>({ startToCloseTimeout: '10 minutes' });
const { loadNotificationPolicy } = proxyActivities<ReturnType<typeof createPolicyActivities>>({ startToCloseTimeout: '1 minute' });

/** Started every morning by the `breach-daily-digest` schedule: what is due or overdue, to whom it concerns. */
export async function dailyDigestWorkflow(input: { withinDays?: number } = {}): Promise<{ recipients: number; incidents: number }> {
  const policy = await loadNotificationPolicy();
  return sendDailyDigests({ withinDays: input.withinDays ?? 7, policy, day: new Date().toISOString().slice(0, 10) });
}
