import { isLocalDate, parseLocalDate, weekday, type LocalDate } from './calendar-days.js';
import { endOfLocalDay, localDateOf } from './time-zones.js';

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

const DAY_MS = 86_400_000;
const offsetLabel = (offsetMs: number) => {
  const m = Math.round(Math.abs(offsetMs) / 60_000);
  return `UTC${offsetMs < 0 ? '−' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * A deadline read back from a list (Temporal's visibility keeps only its instant, not the incident's
 * zone): the legal date, named in `orgTimeZone` when the instant is the end of a local day there (the
 * usual case: one organization, one zone). Otherwise the date is read from the instant itself — a
 * deadline is always the last millisecond of a local day, so its UTC time of day gives the zone's offset
 * (unambiguous from UTC−12 to UTC+11, which covers every US State and territory) — and the offset is
 * named instead of a zone. An instant that is not the end of a day is shown as the UTC instant.
 */
export function formatListedDeadline(instant: string, orgTimeZone: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`expected an ISO instant, got ${JSON.stringify(instant)}`);
  const date = localDateOf(instant, orgTimeZone);
  if (endOfLocalDay(date, orgTimeZone) === new Date(ms).toISOString()) return formatLegalDate(date, orgTimeZone);
  const sinceMidnightUtc = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  if (sinceMidnightUtc % 60_000 !== 59_999) return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC (instant)`;
  let offset = (DAY_MS - 1 - sinceMidnightUtc) % DAY_MS; // local end of day minus UTC time of day
  if (offset > 11 * 3_600_000) offset -= DAY_MS;
  const local: LocalDate = new Date(ms + offset).toISOString().slice(0, 10);
  return `${formatLocalDay(local)} (end of day, ${offsetLabel(offset)})`;
}
