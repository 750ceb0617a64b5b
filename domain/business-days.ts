import { addCalendarDays, weekday, type LocalDate } from './calendar-days.js';

/**
 * Business days for contractual notice terms (a BAA's "within 5 business days", 164.410 with
 * 164.504(e)(2)(ii)(C)): Monday to Friday, minus the holidays the contract names. The regulation itself
 * counts calendar days; business days exist only because contracts use them.
 *
 * Counting convention (same as calendar days: the day of discovery is day 0):
 * - N ≥ 1: the Nth business day after the discovery date. Discovery on Friday, 2 business days → Tuesday.
 *   Discovery on a Saturday, 1 business day → Monday (the first business day after it).
 * - N = 0 ("same business day"): the discovery date if it is a business day, else the next business day.
 *   So for a weekend discovery 0 and 1 both fall on Monday: the earlier reading, which is the safe one.
 */
export function isWeekend(date: LocalDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

export function isBusinessDay(date: LocalDate, holidays: ReadonlySet<LocalDate>): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** The `n`th business day after `date` (see the convention above). */
export function addBusinessDays(date: LocalDate, n: number, holidays: Iterable<LocalDate> = []): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0, got ${n}`);
  const h = new Set(holidays);
  let d = date;
  if (n === 0) {
    while (!isBusinessDay(d, h)) d = addCalendarDays(d, 1);
    return d;
  }
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isBusinessDay(d, h)) left -= 1;
  }
  return d;
}
