import { describe, expect, it } from 'vitest';
import { endOfLocalDay, isTimeZone, localDateOf, startOfLocalDay } from '../../domain/index.js';

describe("time zones: days are counted on the organization's calendar", () => {
  it.each([
    ['2026-05-11T08:30:00Z', 'Pacific/Honolulu', '2026-05-10'], // 22:30 the evening before in Hawaii
    ['2026-05-11T08:30:00Z', 'UTC', '2026-05-11'],
    ['2026-05-11T08:30:00Z', 'Asia/Tokyo', '2026-05-11'],
    ['2026-01-01T04:59:59.999Z', 'America/New_York', '2025-12-31'],
    ['2026-01-01T05:00:00Z', 'America/New_York', '2026-01-01'],
    ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08'], // the DST morning
  ])('%s in %s is local date %s', (instant, tz, date) => {
    expect(localDateOf(instant, tz)).toBe(date);
  });

  it.each([
    ['2026-04-01', 'America/New_York', '2026-04-02T03:59:59.999Z'], // EDT
    ['2026-11-04', 'America/New_York', '2026-11-05T04:59:59.999Z'], // EST
    ['2026-03-08', 'America/New_York', '2026-03-09T03:59:59.999Z'], // spring forward that day: 23 hours
    ['2026-11-01', 'America/New_York', '2026-11-02T04:59:59.999Z'], // fall back that day: 25 hours
    ['2026-07-09', 'Pacific/Honolulu', '2026-07-10T09:59:59.999Z'], // no DST in Hawaii
    ['2026-07-09', 'UTC', '2026-07-09T23:59:59.999Z'],
    ['2026-07-09', 'Asia/Kolkata', '2026-07-09T18:29:59.999Z'], // half-hour offset
    // Chile changes clocks at midnight: on 4 April 2026 23:00–23:59 happens twice; the day ends after the second.
    ['2026-04-04', 'America/Santiago', '2026-04-05T03:59:59.999Z'],
    // …and on 6 September 2026 midnight does not exist: 5 September ends at 24:00 = 01:00 of the 6th.
    ['2026-09-05', 'America/Santiago', '2026-09-06T03:59:59.999Z'],
  ])('end of %s in %s is %s', (date, tz, instant) => {
    expect(endOfLocalDay(date, tz)).toBe(instant);
    expect(localDateOf(instant, tz)).toBe(date);
    expect(localDateOf(new Date(Date.parse(instant) + 1).toISOString(), tz)).not.toBe(date);
  });

  it('a day whose midnight does not exist starts at 01:00', () => {
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });

  it.each([
    ['America/Chicago', true],
    ['Pacific/Honolulu', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['+05:00', false],
    ['', false],
    [42, false],
  ])('isTimeZone(%j) = %s', (tz, ok) => {
    expect(isTimeZone(tz)).toBe(ok);
  });
});
