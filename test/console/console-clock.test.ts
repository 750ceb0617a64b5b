/**
 * The console's clock source (issue 19): countdowns read the drill's simulated "now" while the drill banner
 * is on, running on from the instant GET /drill reported at the browser's pace; the browser's clock otherwise.
 */
import { describe, expect, it } from 'vitest';
import { browserClock, drillClock } from '../../console/ui/clock.js';
import { countdown, urgency } from '../../console/ui/assessment-form.js';

const DAY = 86_400_000;

describe('the console clock source', () => {
  it("a drill clock reads the drill's now, and runs on from it at the browser's pace", () => {
    let browser = Date.parse('2026-12-03T16:00:00Z');
    const clock = drillClock('2027-01-14T09:30:00.000Z', browser, () => browser);
    expect(clock.simulated).toBe(true);
    expect(new Date(clock.now()).toISOString()).toBe('2027-01-14T09:30:00.000Z');
    browser += 90_000;
    expect(new Date(clock.now()).toISOString()).toBe('2027-01-14T09:31:30.000Z');
  });

  it('after the facilitator advances 10 days, a countdown on the new drill clock is 10 days shorter', () => {
    const browser = Date.parse('2026-12-03T16:00:00Z');
    const deadline = '2026-12-20T07:59:59.999Z';
    const day0 = drillClock('2026-12-03T16:00:00.000Z', browser, () => browser);
    const day10 = drillClock(new Date(Date.parse('2026-12-03T16:00:00.000Z') + 10 * DAY).toISOString(), browser, () => browser);
    expect(countdown(deadline, day0.now())).toBe('in 16 d 15 h');
    expect(countdown(deadline, day10.now())).toBe('in 6 d 15 h');
    expect(urgency(deadline, day0.now())).toBe('later');
    expect(urgency(deadline, day10.now())).toBe('within-14-days');
  });

  it("outside a drill it is the browser's clock; a drill 'now' that is not an instant is refused, not replaced", () => {
    expect(browserClock.simulated).toBe(false);
    expect(Math.abs(browserClock.now() - Date.now())).toBeLessThan(1000);
    expect(() => drillClock('day 10', 0)).toThrow('now: "day 10" is not an ISO instant (GET /drill)');
  });
});
