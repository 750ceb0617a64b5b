import { reminderSchedule, type ReminderPoint } from '../domain/reminder-schedule.js';
import type { NotificationPolicy } from '../domain/notification-policy.js';

/**
 * Reminder instants depend on the organization's time zone (ICU data can differ between Node builds), so
 * workflows get them from this activity: the result is recorded in history and replays never recompute it.
 */
export function computeReminderSchedule(input: {
  dates: { targetDate?: string; deadlineDate: string };
  policy: Pick<NotificationPolicy, 'reminderDaysBeforeTarget' | 'reminderDaysBeforeDeadline'>;
  timeZone: string;
}): Promise<ReminderPoint[]> {
  return Promise.resolve(
    reminderSchedule(
      { targetDate: input.dates.targetDate ?? input.dates.deadlineDate, deadlineDate: input.dates.deadlineDate },
      input.policy,
      input.timeZone,
    ),
  );
}
