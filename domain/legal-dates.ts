import { isLocalDate, parseLocalDate, weekday, type LocalDate } from './calendar-days.js';
import { localDateOf } from './time-zones.js';

/**
 * The one way a legal deadline is shown to a person (console, CLI, reports, reminder mail): the LOCAL
 * DATE in the organization's time zone, with the zone named — never an instant rendered in the reader's
 * own zone (an incident in Los Angeles due 30 November must not read "12/1/2026, 7:59:59 AM" in UTC).
 * The rule counts calendar days in that zone (164.404(b) "60 calendar days after discovery"), and the
 * whole of the local day is on time. Pure: no clock, no locale (the same text on every machine).
 *
 *   formatLegalDate('2026-11-30', 'America/Los_Angeles') → "Mon 30 Nov 2026 (end of day, America/Los_Angeles)"
 */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Mon 30 Nov 2026" — the day itself, unambiguous across locales. */
export function formatLocalDay(date: LocalDate): string {
  if (!isLocalDate(date)) throw new RangeError(`expected a local date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const { year, month, day } = parseLocalDate(date);
  return `${WEEKDAYS[weekday(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** A legal deadline (or target): its local date, to the end of that day, in the named zone. */
export function formatLegalDate(date: LocalDate, timeZone: string): string {
  return `${formatLocalDay(date)} (end of day, ${timeZone})`;
}

/** A deadline known only as its instant (the end of its local day): the local date in `timeZone`, zone named. */
export function formatLegalDeadlineInstant(instant: string, timeZone: string): string {
  return formatLegalDate(localDateOf(instant, timeZone), timeZone);
}
