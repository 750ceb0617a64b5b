import { describe, expect, it } from 'vitest';
import { renderDeadlineNotice, type DeadlineNotice } from '../../activities/deadline-notices.js';

/** Issue 12 item 8: reminder mail shows the legal date as the local date in the organization's zone, zone named. */
const base: DeadlineNotice = {
  kind: 'reminder',
  incidentRef: 'INC-SYN-1',
  sequence: 'individual_notice/deadline-7d/L0',
  obligationId: 'individual_notice',
  obligationLabel: 'Notice to affected individuals',
  aims: 'deadline',
  dueDate: '2026-11-30',
  dueAt: '2026-12-01T07:59:59.999Z',
  level: 0,
  recipients: [{ role: 'owner', userId: 'owner', email: 'owner@example.org' }],
  from: 'engine@example.org',
};

describe('reminder mail dates', () => {
  it('names the zone and calls the deadline the outer limit', () => {
    const { subject, text } = renderDeadlineNotice({ ...base, timeZone: 'America/Los_Angeles' }, new Date('2026-11-23T12:00:00Z'));
    expect(subject).toContain('LEGAL DEADLINE 2026-11-30 America/Los_Angeles');
    expect(text).toContain('LEGAL DEADLINE: Mon 30 Nov 2026 (end of day, America/Los_Angeles)');
    expect(text).toMatch(/outer limit the law sets, not a goal/);
    expect(text).not.toContain('2026-12-01');
  });

  it('a notice from an incident recorded before the change (no zone) keeps its plain date', () => {
    expect(renderDeadlineNotice(base, new Date('2026-11-23T12:00:00Z')).text).toContain('LEGAL DEADLINE: 2026-11-30 (');
  });
});
