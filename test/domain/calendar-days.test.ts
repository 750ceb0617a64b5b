import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  addCalendarDays,
  addCalendarYears,
  daysBetween,
  isBusinessDay,
  isLocalDate,
  weekday,
} from '../../domain/index.js';

describe('calendar days: day of discovery is day 0 (45 CFR 164.404(b))', () => {
  it.each([
    ['2026-03-01', 60, '2026-04-30'],
    ['2026-01-31', 60, '2026-04-01'], // across the end of a 28-day February
    ['2024-01-31', 60, '2024-03-31'], // leap year: February has 29 days
    ['2024-01-01', 60, '2024-03-01'],
    ['2023-01-01', 60, '2023-03-02'],
    ['2023-12-31', 60, '2024-02-29'], // the annual-log case: 31 December + 60 in a leap year
    ['2024-12-31', 60, '2025-03-01'],
    ['2099-12-31', 60, '2100-03-01'], // 2100 is not a leap year
    ['2026-12-15', 30, '2027-01-14'], // across a year end
    ['2026-05-31', 0, '2026-05-31'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days = %s', (start, days, expected) => {
    expect(addCalendarDays(start, days)).toBe(expected);
    expect(daysBetween(start, expected)).toBe(days);
  });

  it.each([
    ['2026-03-06', 5], // Friday
    ['2026-03-07', 6],
    ['2026-03-08', 0],
    ['1970-01-01', 4],
    ['1969-12-31', 3],
  ])('%s is weekday %i (0 = Sunday)', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('isLocalDate(%s) = %s', (value, ok) => {
    expect(isLocalDate(value)).toBe(ok);
  });

  it.each([
    ['2026-11-22', 6, '2032-11-22'],
    ['2028-02-29', 6, '2034-03-01'], // retention: the later of the two candidate days
    ['2024-02-29', 4, '2028-02-29'],
  ])('%s + %i years = %s', (d, y, expected) => {
    expect(addCalendarYears(d, y)).toBe(expected);
  });

  it('refuses impossible dates rather than rolling them over', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(/calendar date/);
    expect(() => addCalendarDays('2026-02-01', 1.5)).toThrow(/whole number/);
  });

  it('property: adding then measuring days round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), fc.integer({ min: -5_000, max: 5_000 }), (base, n) => {
        const start = addCalendarDays('2000-01-01', base);
        expect(daysBetween(start, addCalendarDays(start, n))).toBe(n);
        expect(isLocalDate(addCalendarDays(start, n))).toBe(true);
      }),
    );
  });
});

describe('business days: weekends and the configured holidays are skipped', () => {
  it.each([
    // discovery, n, holidays, expected
    ['2026-03-06', 1, [], '2026-03-09'], // Friday + 1 → Monday
    ['2026-03-06', 5, [], '2026-03-13'], // Friday + 5 → next Friday
    ['2026-03-06', 2, ['2026-03-09'], '2026-03-11'], // a holiday on Monday
    ['2026-03-07', 0, [], '2026-03-09'], // same business day, Saturday → Monday
    ['2026-03-07', 1, [], '2026-03-09'], // Saturday + 1 → Monday (the earlier reading)
    ['2026-03-06', 0, [], '2026-03-06'], // same business day, Friday → Friday
    ['2026-05-25', 0, ['2026-05-25'], '2026-05-26'], // same business day on a holiday → the next one
    ['2025-12-19', 10, ['2025-12-25', '2026-01-01'], '2026-01-06'], // across Christmas and New Year
    ['2026-04-30', 5, [], '2026-05-07'], // across a month end
    ['2026-12-24', 2, ['2026-12-25'], '2026-12-29'], // Thursday, holiday Friday, weekend
  ])('%s + %i business days (holidays %j) = %s', (start, n, holidays, expected) => {
    expect(addBusinessDays(start, n, holidays)).toBe(expected);
  });

  it('property: the result is a business day, and exactly n business days follow the start up to it', () => {
    const holidays = ['2026-07-03', '2026-11-26', '2026-12-25'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
        const start = addCalendarDays('2026-01-01', offset);
        const due = addBusinessDays(start, n, holidays);
        const h = new Set(holidays);
        expect(isBusinessDay(due, h)).toBe(true);
        let count = 0;
        for (let d = addCalendarDays(start, 1); d <= due; d = addCalendarDays(d, 1)) if (isBusinessDay(d, h)) count += 1;
        expect(count).toBe(n === 0 ? (isBusinessDay(start, h) ? 0 : 1) : n);
      }),
    );
  });
});
