import { describe, expect, it } from 'vitest';
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import { filterListItems, listItemOf } from '../../drill/drill-list.js';

/** The drill board's list (no visibility on the time-skipping server): the search attributes' values, from state. */
const at = '2027-03-01T10:00:00.000Z';
function snapshot(): IncidentSnapshot {
  return {
    ref: 'DRILL-LIST-1',
    role: 'covered_entity',
    stage: 'notification',
    owner: 'drill-team',
    openedBy: 'drill-team',
    openedAt: at,
    factsVersion: 1,
    obligations: [
      {
        obligation: {
          id: 'hhs_notice',
          kind: 'hhs_notice',
          label: 'HHS',
          recipient: 'HHS',
          citation: '45 CFR 164.408',
          deadline: { date: '2027-04-20', instant: '2027-04-21T03:59:59.999Z' },
          target: { date: '2027-04-10', instant: '2027-04-11T03:59:59.999Z' },
        },
        status: 'open',
        escalationLevel: 0,
        remindersSent: 0,
        childWorkflowId: 'x',
      },
      {
        obligation: {
          id: 'individual_notice',
          kind: 'individual_notice',
          label: 'Individuals',
          recipient: 'individuals',
          citation: '45 CFR 164.404',
          deadline: { date: '2027-04-01', instant: '2027-04-02T03:59:59.999Z' },
          target: { date: '2027-03-25', instant: '2027-03-26T03:59:59.999Z' },
        },
        status: 'confirmed',
        escalationLevel: 0,
        remindersSent: 0,
        childWorkflowId: 'y',
      },
    ],
    lawEnforcementDelays: [],
    timeline: [],
    answered: {},
    timeZone: 'America/New_York',
    decision: { by: 'drill-team', at, reportable: true, recommendationWasReportable: true },
    recommendation: { reportable: true, outcome: 'breach', rationale: [] },
  };
}

describe('the drill board list', () => {
  it('next deadline = the earliest open obligation; filters as the engine list, "due within" on the drill clock', () => {
    const item = listItemOf(snapshot());
    expect(item).toMatchObject({ ref: 'DRILL-LIST-1', status: 'RUNNING', stage: 'notification', reportable: true, overdue: false });
    expect(item.nextDeadline).toBe('2027-04-21T03:59:59.999Z'); // the confirmed individual notice no longer counts
    expect(item.nextDeadlineLocal).toContain('America/New_York');
    const base = { limit: 200 };
    const day = 86_400_000;
    const simulatedNow = Date.parse('2027-04-15T00:00:00.000Z');
    expect(filterListItems([item], { ...base, dueWithinDays: 7 }, simulatedNow)).toHaveLength(1);
    expect(filterListItems([item], { ...base, dueWithinDays: 7 }, simulatedNow - 10 * day)).toHaveLength(0);
    expect(filterListItems([item], { ...base, stage: 'intake' }, simulatedNow)).toHaveLength(0);
    expect(filterListItems([item], { ...base, overdue: true }, simulatedNow)).toHaveLength(0);
    const closed = listItemOf({ ...snapshot(), stage: 'closed' });
    expect(closed).toMatchObject({ status: 'COMPLETED', nextDeadline: null, overdue: false });
  });
});
