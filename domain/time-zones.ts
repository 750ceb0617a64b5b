import { TZDate } from '@date-fns/tz';
import { addCalendarDays, formatLocalDate, parseLocalDate, type LocalDate } from './calendar-days.js';

/**
 * Instants ↔ local dates in the organization's IANA time zone (organization.timeZone). The rule counts
 * calendar days (164.404(b)): a discovery at 23:30 in Honolulu on 1 March is day 0 = 1 March, even
 * though it is already 2 March in UTC. A deadline's instant is the last millisecond of its local day.
 * DST-aware, including zones whose clocks change at midnight (e.g. America/Santiago).
 */

/** True when the host's time-zone database knows `tz` as an IANA zone name (not an offset like "+05:00"). */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || /^[+-]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function ms(instant: string): number {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new RangeError(`expected an ISO 8601 instant, got ${JSON.stringify(instant)}`);
  return t;
}

/** The local calendar date of an instant in `timeZone`. */
export function localDateOf(instant: string, timeZone: string): LocalDate {
  const t = new TZDate(ms(instant), timeZone);
  return formatLocalDate(t.getFullYear(), t.getMonth() + 1, t.getDate());
}

/** The first instant of local day `date` in `timeZone` (01:00 where midnight does not exist), in ms. */
export function startOfLocalDayMs(date: LocalDate, timeZone: string): number {
  const { year, month, day } = parseLocalDate(date);
  let t = new TZDate(year, month - 1, day, 0, 0, 0, 0, timeZone).getTime();
  // Where the zone library lands past a skipped or repeated midnight, step to the true first instant.
  while (localDateOf(new Date(t - 1).toISOString(), timeZone) === date) t -= 3_600_000;
  while (localDateOf(new Date(t).toISOString(), timeZone) < date) t += 60_000;
  return t;
}

/** The last millisecond of local day `date` in `timeZone`, as an ISO instant in UTC. */
export function endOfLocalDay(date: LocalDate, timeZone: string): string {
  // The instant before the next local day starts: correct even when 23:59:59.999 happens twice
  // (clocks going back at midnight) or the next midnight does not exist.
  return new Date(startOfLocalDayMs(addCalendarDays(date, 1), timeZone) - 1).toISOString();
}

/** The first millisecond of local day `date`, as an ISO instant in UTC. */
export function startOfLocalDay(date: LocalDate, timeZone: string): string {
  return new Date(startOfLocalDayMs(date, timeZone)).toISOString();
}
