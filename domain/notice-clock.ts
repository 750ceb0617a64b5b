import { addBusinessDays, isBusinessDay } from './business-days.js';
import { addCalendarDays, daysBetween, type LocalDate } from './calendar-days.js';
import type { HoldPeriod } from './law-enforcement-delay.js';
import { localDateOf, startOfLocalDayMs } from './time-zones.js';

/**
 * The running clock of one notice: N calendar or business days after a start day (day 0), in the
 * organization's time zone, suspended by law-enforcement delays.
 *
 * LAW-ENFORCEMENT DELAYS — how a delay of 45 CFR 164.412 meets the limits of 164.404(b), 164.406(b),
 * 164.408(b) and 164.410(b), each of which applies "except as provided in § 164.412". (164.408(c), the
 * annual submission of breaches of fewer than 500, has no such clause; 164.412 reaches it by its own terms,
 * which cover any "notification, notice, or posting required under this subpart".) 164.412 tells the
 * entity to DELAY the notice for the period the official specifies (a) or for up to 30 days (b); it does
 * not grant extra time. Two readings, chosen by `tolling`:
 *
 * 'postpone' (the default, conservative): the deadline is the later of the undelayed deadline and the
 *   local date the delay ends — no notice before the delay ends, then notice promptly. A delay that
 *   begins after the deadline has passed does not revive it. Targets follow the same rule and are never
 *   later than the deadline. Reminders follow these dates.
 *
 * 'extend' (only as an explicit organization policy, NotificationPolicy.lawEnforcementDelayReading): the
 *   delay STOPS the clock for its length, counted in local calendar dates the same way discovery is:
 *  1. a delay in force from local date S (the day it began) to local date E (the day it ended) stops the
 *     clock for the dates after S up to and including E: the day it began counts (part of it was free),
 *     and the day it ended is day 0 of the resumed clock, just as the discovery date is day 0. So a
 *     30-day delay that begins while the clock runs moves the deadline 30 days; a delay already in
 *     force at discovery starts the 60 days on the day it ends (deadline = E + 60);
 *  2. if a delay is still in force at the end of the deadline day so computed (it began on that day),
 *     the deadline becomes the day the delay ends;
 *  3. a delay that begins after the deadline has passed does not revive or extend it;
 *  4. business-day terms skip delayed days the same way; targets move by the same rule and are never
 *     later than the deadline. No notice may be made before heldUntil (the end of the delay) in any case.
 *   Rationale for offering it: the delay exists to protect an investigation, and a clock that keeps
 *   running could leave the entity almost no time once the delay lifts (a 30-day delay from day 55); some
 *   counsel read "delay the notification" as suspending the time limit. The regulation's text does not
 *   say so, so it is not the default: an organization that chooses it records the choice and its reason
 *   in its policy, and every obligation still records `deadlineWithoutHold` and `heldUntil`.
 * Rules version 1 (incidents recorded before issue 12) always used 'extend'.
 */
export type DayUnit = 'calendar_days' | 'business_days';

export interface NoticeClock {
  /** Day 0: the local date the clock starts (discovery, or 31 December for the annual log). */
  start: LocalDate;
  amount: number;
  unit: DayUnit;
  /** Skipped by business days (weekends always are). */
  holidays?: readonly LocalDate[];
  /** Law-enforcement holds that apply to this notice (law-enforcement-delay.ts: holdPeriods). */
  holds?: readonly HoldPeriod[];
  timeZone: string;
  /** How a delay meets the deadline (see above). Default 'postpone'. */
  tolling?: Tolling;
}

export const TOLLING_READINGS = ['postpone', 'extend'] as const;
export type Tolling = (typeof TOLLING_READINGS)[number];

export interface ClockResult {
  date: LocalDate;
  /** The same clock with no hold. */
  withoutHold: LocalDate;
  /** Calendar days the holds moved the date. */
  shiftDays: number;
}

/** Local dates on which the clock is stopped, as inclusive ranges [first, last] (first > last = none): rule 1. */
function stoppedRanges(holds: readonly HoldPeriod[], timeZone: string): [LocalDate, LocalDate][] {
  return holds.map((h) => [addCalendarDays(localDateOf(h.start, timeZone), 1), localDateOf(h.end, timeZone)]);
}

function countForward(c: NoticeClock, ranges: readonly [LocalDate, LocalDate][]): LocalDate {
  if (!Number.isInteger(c.amount) || c.amount < 0)
    throw new RangeError(`a notice term must be a whole number of days ≥ 0, got ${c.amount}`);
  const h = new Set(c.holidays ?? []);
  const workday = (d: LocalDate) => c.unit === 'calendar_days' || isBusinessDay(d, h);
  let d = c.start;
  if (c.amount === 0) {
    // Day 0 itself ("same day" / "same business day"): the start, or — when the clock is stopped on it —
    // the day the delay ends (the resumed clock's day 0); then the first business day from there.
    for (;;) {
      const stopped = ranges.find(([first, last]) => first <= d && d < last);
      if (stopped) d = stopped[1];
      else if (!workday(d)) d = addCalendarDays(d, 1);
      else return d;
    }
  }
  const counts = (x: LocalDate) => workday(x) && !ranges.some(([first, last]) => first <= x && x <= last);
  let left = c.amount;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (counts(d)) left -= 1;
  }
  return d;
}

export function dueDate(c: NoticeClock): ClockResult {
  const holds = [...(c.holds ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const withoutHold =
    c.unit === 'business_days' ? addBusinessDays(c.start, c.amount, c.holidays ?? []) : addCalendarDays(c.start, c.amount);
  if (holds.length === 0) return { date: withoutHold, withoutHold, shiftDays: 0 };

  // 'postpone': start from the undelayed date; the loop below moves it to the end of a delay in force then.
  let date =
    (c.tolling ?? 'postpone') === 'extend'
      ? countForward(c, stoppedRanges(holds, c.timeZone))
      : c.amount === 0
        ? countForward(c, [])
        : withoutHold; // rule 1
  for (const h of holds) {
    // Rule 2: still held at the end of the deadline day → the deadline is the day the hold ends.
    // Rule 3: a hold that starts after the deadline day leaves it alone.
    const endOfDay = startOfLocalDayMs(addCalendarDays(date, 1), c.timeZone) - 1;
    if (Date.parse(h.start) <= endOfDay && Date.parse(h.end) > endOfDay) date = localDateOf(h.end, c.timeZone);
  }
  // 'postpone' with a business-day term: a delay ending on a weekend or holiday → the next business day.
  if ((c.tolling ?? 'postpone') === 'postpone' && c.unit === 'business_days' && date !== withoutHold) {
    const h = new Set(c.holidays ?? []);
    while (!isBusinessDay(date, h)) date = addCalendarDays(date, 1);
  }
  return { date, withoutHold, shiftDays: daysBetween(withoutHold, date) };
}
