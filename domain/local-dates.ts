import { TZDate } from '@date-fns/tz';

/**
 * Calendar arithmetic on local dates ('YYYY-MM-DD') in the organization's time zone. The rule counts
 * calendar days from discovery (164.404(b)): the day of discovery is day 0, so "60 days after" a
 * discovery on 1 March is 30 April, and that whole local day is still on time. A deadline's instant is
 * therefore the last millisecond of its local day, converted to UTC (DST-aware).
 */
export type LocalDate = string;

const parts = (d: LocalDate): [number, number, number] => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) throw new Error(`expected a date YYYY-MM-DD, got ${JSON.stringify(d)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};
const fmt = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The local calendar date of an instant in a time zone. */
export function localDateOf(instant: string, timeZone: string): LocalDate {
  const t = new TZDate(Date.parse(instant), timeZone);
  return fmt(t.getFullYear(), t.getMonth() + 1, t.getDate());
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = parts(date);
  const u = new Date(Date.UTC(y, m - 1, d + days));
  return fmt(u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const isBusinessDay = (date: LocalDate, holidays: ReadonlySet<string>): boolean => {
  const wd = weekday(date);
  return wd !== 0 && wd !== 6 && !holidays.has(date);
};

/**
 * The `n`th business day after `date` (weekends and the given holidays skipped). `n = 0` means the same
 * business day: the day itself if it is one, else the next business day (a "same business day" term for
 * a discovery on a Saturday falls due on Monday).
 */
export function addBusinessDays(date: LocalDate, n: number, holidays: readonly string[] = []): LocalDate {
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

/** Whole calendar days from `a` to `b` (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [y1, m1, d1] = parts(a);
  const [y2, m2, d2] = parts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** The last millisecond of a local day, as an ISO instant in UTC. */
export function endOfLocalDay(date: LocalDate, timeZone: string): string {
  const [y, m, d] = parts(date);
  return new Date(new TZDate(y, m - 1, d, 23, 59, 59, 999, timeZone).getTime()).toISOString();
}

export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);
