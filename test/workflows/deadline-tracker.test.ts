import { describe, expect, it } from 'vitest';
import { dueNotices, nextWakeAt, acknowledge, reschedule, startTracking } from '../../workflows/deadline-tracker.js';
import { reminderSchedule, localDayAt } from '../../domain/reminder-schedule.js';

const policy = { acknowledgeWithinHours: 24, escalateWhenDeadlineWithinDays: 3, overdueReescalateEveryHours: 24 };
const tz = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function tracker(
  targetDate: string,
  deadlineDate: string,
  offsets = { reminderDaysBeforeTarget: [7, 0], reminderDaysBeforeDeadline: [14, 3, 0] },
) {
  const dates = {
    target: { date: targetDate, instant: localDayAt(targetDate, -1, 0, tz) },
    deadline: { date: deadlineDate, instant: new Date(Date.parse(localDayAt(deadlineDate, -1, 0, tz)) - 1).toISOString() },
  };
  return startTracking(dates, reminderSchedule({ targetDate, deadlineDate }, offsets, tz));
}

describe('reminder schedule', () => {
  it('puts reminders at 09:00 local on each offset day, across a DST change', () => {
    const points = reminderSchedule(
      { targetDate: '2026-03-10', deadlineDate: '2026-04-09' },
      { reminderDaysBeforeTarget: [7, 0], reminderDaysBeforeDeadline: [30, 0] },
      tz,
    );
    expect(points.map((p) => [p.id, p.at])).toEqual([
      ['target-7d', '2026-03-03T14:00:00.000Z'], // EST (UTC-5)
      ['target-0d', '2026-03-10T13:00:00.000Z'], // EDT (UTC-4) after the 8 March change
      ['deadline-0d', '2026-04-09T13:00:00.000Z'],
    ]);
    // deadline-30d falls on the same moment as target-0d and was merged into it: one reminder per moment.
  });

  it('leaves out target reminders when the target is the deadline', () => {
    const points = reminderSchedule(
      { targetDate: '2026-05-01', deadlineDate: '2026-05-01' },
      { reminderDaysBeforeTarget: [1], reminderDaysBeforeDeadline: [1, 0] },
      tz,
    );
    expect(points.map((p) => p.id)).toEqual(['deadline-1d', 'deadline-0d']);
  });
});

describe('deadline tracker', () => {
  it('sends the due reminder to the owner, and escalates one rung when it goes unacknowledged', () => {
    let s = tracker('2026-06-01', '2026-07-01');
    const first = Date.parse('2026-05-25T13:00:00Z'); // target-7d at 09:00 EDT
    expect(nextWakeAt(s, policy)).toBe(first);
    let r = dueNotices(s, policy, 3, first);
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'reminder', aims: 'target', dueDate: '2026-06-01', level: 0, rungs: [0] })]);
    s = r.state;
    expect(nextWakeAt(s, policy)).toBe(first + 24 * HOUR);
    r = dueNotices(s, policy, 3, first + 24 * HOUR);
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'escalation', level: 1, rungs: [0, 1] })]);
    s = acknowledge(r.state);
    expect(s.pendingAck).toBeUndefined();
    // Acknowledged: nothing more until the next reminder point (target-0d).
    expect(nextWakeAt(s, policy)).toBe(Date.parse('2026-06-01T13:00:00Z'));
  });

  it('copies the next rung when the legal deadline is within the threshold', () => {
    const s = tracker('2026-06-01', '2026-07-01');
    const at = Date.parse('2026-06-28T13:00:00Z'); // deadline-3d
    const r = dueNotices(s, policy, 3, at);
    // The earlier points were never sent (tracking started late): only the latest goes out.
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatchObject({ kind: 'reminder', aims: 'deadline', rungs: [0, 1] });
    expect(Object.values(r.state.handled).filter((v) => v === 'skipped')).toHaveLength(3);
  });

  it('goes overdue after the deadline and walks the chain to the top, then keeps telling the top', () => {
    let s = tracker('2026-06-01', '2026-07-01');
    const after = Date.parse(s.dates.deadline.instant) + 1;
    let r = dueNotices(s, policy, 3, after);
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'overdue', level: 1, rungs: [0, 1] })]);
    s = r.state;
    expect(s.overdueSince).toBeDefined();
    r = dueNotices(s, policy, 3, after + DAY);
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'overdue', level: 2, rungs: [0, 2] })]);
    r = dueNotices(r.state, policy, 3, after + 2 * DAY);
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'overdue', level: 2, rungs: [0, 2] })]);
    // Nothing in between.
    expect(dueNotices(r.state, policy, 3, after + 2 * DAY + HOUR).notices).toEqual([]);
  });

  it('a reschedule to a later deadline clears overdue; to an earlier one makes its past points due at once', () => {
    let s = tracker('2026-06-01', '2026-07-01');
    const after = Date.parse(s.dates.deadline.instant) + 1;
    s = dueNotices(s, policy, 3, after).state;
    const later = tracker('2026-07-10', '2026-07-30');
    s = reschedule(s, later.dates, later.schedule, after + HOUR);
    expect(s.overdueSince).toBeUndefined();

    const fresh = tracker('2026-06-01', '2026-07-01');
    const earlier = tracker('2026-05-20', '2026-05-25');
    const now = Date.parse('2026-05-22T12:00:00Z');
    const moved = reschedule(fresh, earlier.dates, earlier.schedule, now);
    const r = dueNotices(moved, policy, 3, now);
    // Both target points and deadline-14d are past; the latest of them (target-0d) goes out now…
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'reminder', aims: 'target', dueDate: '2026-05-20' })]);
    // …and the next is the deadline-3d reminder that same day.
    expect(nextWakeAt(r.state, policy)).toBe(Date.parse('2026-05-22T13:00:00Z'));
  });

  it('gives every notice a unique sequence (the idempotency key of its mail)', () => {
    let s = tracker('2026-06-01', '2026-07-01');
    const seqs: string[] = [];
    for (let t = Date.parse('2026-05-20T00:00:00Z'); t < Date.parse('2026-07-05T00:00:00Z'); t += 6 * HOUR) {
      const r = dueNotices(s, policy, 3, t);
      seqs.push(...r.notices.map((n) => n.sequence));
      s = r.state;
    }
    expect(seqs.length).toBeGreaterThan(5);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
