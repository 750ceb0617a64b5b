/**
 * Calendar arithmetic on local dates written 'YYYY-MM-DD' (a day on the wall calendar of the
 * organization, with no time and no zone). Pure integer arithmetic on the proleptic Gregorian calendar:
 * no clock, no time zone, so results are the same on every machine.
 *
 * Convention used by every deadline in this engine (45 CFR 164.404(b), 164.406(b), 164.408(b),
 * 164.410(b): "no later than 60 calendar days after discovery"): the day of discovery is day 0, so
 * "60 days after" a discovery on 1 March is 30 April, and the whole of that local day is still on time.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date 'YYYY-MM-DD' (2026-02-30 and 2026-13-01 are not). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE.exec(date);
  if (!m || !isLocalDate(date)) throw new RangeError(`expected a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Days since 1970-01-01 (negative before). UTC is used only as a neutral calendar, never as a zone. */
function ordinal(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

function fromOrdinal(n: number): LocalDate {
  const u = new Date(n * DAY_MS);
  return formatLocalDate(u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate());
}

/** `date` plus `days` calendar days (negative goes back). Month ends and leap days are handled. */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return fromOrdinal(ordinal(date) + days);
}

/** Whole calendar days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return ordinal(b) - ordinal(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return (((ordinal(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/**
 * `years` calendar years after `date`. 29 February goes to 1 March in a common year: used for
 * retention periods, where the later of the two candidate days is the safe one (164.530(j)(2)).
 */
export function addCalendarYears(date: LocalDate, years: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const y = year + years;
  if (month === 2 && day === 29 && !isLeapYear(y)) return formatLocalDate(y, 3, 1);
  return formatLocalDate(y, month, day);
}

/** 31 December of the year of `date`. */
export const lastDayOfYear = (date: LocalDate): LocalDate => `${date.slice(0, 4)}-12-31`;

export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);
