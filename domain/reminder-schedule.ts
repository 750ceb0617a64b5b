import { TZDate } from '@date-fns/tz';
import type { NotificationPolicy } from './notification-policy.js';

/**
 * When to remind the owner of an obligation: N whole days before its target date (the organization's
 * "without unreasonable delay" aim, 164.404(b)) and before its legal deadline (the 60-day outer limit,
 * 164.404(b), 164.406(b), 164.408(b), 164.410(b)), at a working hour in the organization's time zone.
 * Pure; zone-dependent, so workflows obtain it through an activity and keep the result in history.
 */
export interface ReminderPoint {
  /** Stable id within the obligation: `deadline-7d`, `target-0d`. */
  id: string;
  aims: 'target' | 'deadline';
  daysBefore: number;
  /** ISO instant. */
  at: string;
}

export const REMINDER_HOUR_LOCAL = 9;

/** 'YYYY-MM-DD' minus `days` calendar days, at `hour`:00 local time in `timeZone`, as an ISO instant. */
export function localDayAt(date: string, days: number, hour: number, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const local = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]) - days, hour, 0, 0, 0, timeZone);
  return new Date(local.getTime()).toISOString();
}

export function reminderSchedule(
  dates: { targetDate: string; deadlineDate: string },
  policy: Pick<NotificationPolicy, 'reminderDaysBeforeTarget' | 'reminderDaysBeforeDeadline'>,
  timeZone: string,
): ReminderPoint[] {
  const points: ReminderPoint[] = [];
  const seen = new Set<string>();
  const add = (aims: 'target' | 'deadline', date: string, daysBefore: number) => {
    const at = localDayAt(date, daysBefore, REMINDER_HOUR_LOCAL, timeZone);
    // Target and deadline on the same day (or offsets landing on the same day) remind once.
    if (seen.has(at)) return;
    seen.add(at);
    points.push({ id: `${aims}-${daysBefore}d`, aims, daysBefore, at });
  };
  // The target can equal the deadline (a short BAA term): then the deadline reminders suffice.
  if (dates.targetDate < dates.deadlineDate) {
    for (const d of [...new Set(policy.reminderDaysBeforeTarget)]) add('target', dates.targetDate, d);
  }
  for (const d of [...new Set(policy.reminderDaysBeforeDeadline)]) add('deadline', dates.deadlineDate, d);
  return points.sort((a, b) => a.at.localeCompare(b.at));
}
