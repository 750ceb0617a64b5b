import { addCalendarDays, daysInMonth, formatLocalDate, weekday, type LocalDate } from '../calendar-days.js';
import type { HolidayCalendar, HolidayRule } from './schema.js';

/**
 * A State's holidays for one year, from the rules in its pack entry (fixed dates with their "observed"
 * shift, nth weekday of a month, the day after one, general election day, a day counted from Easter), each
 * from the year the State added it. Pure.
 */
function nthWeekday(year: number, month: number, wd: number, n: number): LocalDate {
  if (n === -1) {
    let d = formatLocalDate(year, month, daysInMonth(year, month));
    while (weekday(d) !== wd) d = addCalendarDays(d, -1);
    return d;
  }
  let d = formatLocalDate(year, month, 1);
  while (weekday(d) !== wd) d = addCalendarDays(d, 1);
  return addCalendarDays(d, 7 * (n - 1));
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate(year, month, day);
}

function datesOf(rule: HolidayRule, year: number): LocalDate[] {
  if (rule.fromYear !== undefined && year < rule.fromYear) return [];
  switch (rule.type) {
    case 'fixed': {
      const d = formatLocalDate(year, rule.month, rule.day);
      const wd = weekday(d);
      if (rule.observed === 'sunday_to_monday' && wd === 0) return [d, addCalendarDays(d, 1)];
      if (rule.observed === 'nearest_weekday' && wd === 0) return [d, addCalendarDays(d, 1)];
      if (rule.observed === 'nearest_weekday' && wd === 6) return [d, addCalendarDays(d, -1)];
      return [d];
    }
    case 'nth_weekday':
      return [nthWeekday(year, rule.month, rule.weekday, rule.n)];
    case 'day_after_nth_weekday':
      return [addCalendarDays(nthWeekday(year, rule.month, rule.weekday, rule.n), 1)];
    case 'general_election_day':
      // The Tuesday after the first Monday in November.
      return rule.years === 'even' && year % 2 !== 0 ? [] : [addCalendarDays(nthWeekday(year, 11, 1, 1), 1)];
    case 'easter_offset':
      return [addCalendarDays(easterSunday(year), rule.days)];
  }
}

/** Every holiday of the calendar in the years `from`..`to` (inclusive), sorted, without duplicates. */
export function holidaysBetween(calendar: HolidayCalendar | undefined, fromYear: number, toYear: number): LocalDate[] {
  if (!calendar) return [];
  const out = new Set<LocalDate>();
  for (let y = fromYear; y <= toYear; y++) for (const r of calendar.rules) for (const d of datesOf(r, y)) out.add(d);
  return [...out].sort();
}
