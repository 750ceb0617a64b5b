import { describe, expect, it } from 'vitest';
import { formatListedDeadline } from '../../domain/legal-dates.js';
import { endOfLocalDay } from '../../domain/time-zones.js';

describe('a deadline read back from the incident list (issue 12 item 8)', () => {
  it("is the legal date in the organization's zone, never the reader's instant", () => {
    // Due 30 November in Los Angeles: the instant is 1 December 07:59:59.999 UTC.
    const due = endOfLocalDay('2026-11-30', 'America/Los_Angeles');
    expect(due).toBe('2026-12-01T07:59:59.999Z');
    expect(formatListedDeadline(due, 'America/Los_Angeles')).toBe('Mon 30 Nov 2026 (end of day, America/Los_Angeles)');
  });

  it("an incident in another zone than the organization's: the same date, its offset named", () => {
    expect(formatListedDeadline(endOfLocalDay('2026-11-30', 'America/Los_Angeles'), 'America/New_York')).toBe(
      'Mon 30 Nov 2026 (end of day, UTC−08:00)',
    );
    expect(formatListedDeadline(endOfLocalDay('2026-07-04', 'Pacific/Guam'), 'America/Chicago')).toBe(
      'Sat 4 Jul 2026 (end of day, UTC+10:00)',
    );
    expect(formatListedDeadline(endOfLocalDay('2026-07-04', 'Pacific/Honolulu'), 'America/Chicago')).toBe(
      'Sat 4 Jul 2026 (end of day, UTC−10:00)',
    );
    expect(formatListedDeadline(endOfLocalDay('2026-03-08', 'America/New_York'), 'America/Los_Angeles')).toBe(
      'Sun 8 Mar 2026 (end of day, UTC−04:00)',
    );
  });

  it('an instant that is not the end of a day stays an instant, labelled UTC', () => {
    expect(formatListedDeadline('2026-11-30T15:00:00.000Z', 'America/Los_Angeles')).toBe('2026-11-30 15:00 UTC (instant)');
  });
});
