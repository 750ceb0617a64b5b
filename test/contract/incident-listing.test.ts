import { describe, expect, it } from 'vitest';
import { incidentDeadlineStanding } from '../../contract/incident-listing.js';
import type { IncidentObligationView, IncidentSnapshot } from '../../contract/incident-types.js';

/**
 * The one derivation of "next deadline / overdue" from an incident's state: what the incident workflow publishes
 * as BreachNextDeadline / BreachOverdue (workflows/incident/closing.ts) and what a drill's board lists
 * (drill/drill-list.ts). Each rule pinned: the workflow's search attributes must not change with this function.
 */
type Standing = Pick<IncidentSnapshot, 'stage' | 'obligations' | 'decisionDue' | 'decision'>;

const HHS_DEADLINE = '2027-04-21T03:59:59.999Z';
const INDIVIDUAL_DEADLINE = '2027-04-02T03:59:59.999Z';
const DECISION_DUE = '2027-03-12T04:59:59.999Z';

function obligation(id: string, deadline: string, status: IncidentObligationView['status']): IncidentObligationView {
  return {
    obligation: {
      id,
      kind: 'hhs_notice',
      label: id,
      recipient: 'synthetic',
      citation: '45 CFR 164.408',
      deadline: { date: deadline.slice(0, 10), instant: deadline },
      target: { date: deadline.slice(0, 10), instant: deadline },
    },
    status,
    escalationLevel: 0,
    remindersSent: 0,
    childWorkflowId: `wf-${id}`,
  };
}

const decisionDue = (overdueSince?: string): NonNullable<IncidentSnapshot['decisionDue']> => ({
  dates: { deadline: { date: '2027-03-11', instant: DECISION_DUE } },
  schedule: [],
  handled: {},
  level: 0,
  issued: 0,
  ...(overdueSince ? { overdueSince } : {}),
});

const decided = { by: 'synthetic-po', at: '2027-03-03T10:00:00.000Z', reportable: true, recommendationWasReportable: true };

function standing(s: Partial<Standing>): Standing {
  return { stage: 'notification', obligations: [], ...s };
}

describe('incidentDeadlineStanding (contract/incident-listing.ts)', () => {
  it('next deadline: the earliest legal deadline of the obligations still open; confirmed and withdrawn ones do not count', () => {
    const s = standing({
      decision: decided,
      obligations: [
        obligation('hhs_notice', HHS_DEADLINE, 'open'),
        obligation('individual_notice', INDIVIDUAL_DEADLINE, 'confirmed'),
        obligation('media_notice:CA', '2027-03-20T06:59:59.999Z', 'withdrawn'),
      ],
    });
    expect(incidentDeadlineStanding(s)).toEqual({ nextDeadlineMs: Date.parse(HHS_DEADLINE), overdue: false });
    const both = standing({
      decision: decided,
      obligations: [obligation('hhs_notice', HHS_DEADLINE, 'open'), obligation('individual_notice', INDIVIDUAL_DEADLINE, 'planned')],
    });
    expect(incidentDeadlineStanding(both).nextDeadlineMs).toBe(Date.parse(INDIVIDUAL_DEADLINE));
    expect(incidentDeadlineStanding(standing({ decision: decided }))).toEqual({ nextDeadlineMs: null, overdue: false });
  });

  it("the decision's due date counts before the notification stage (and not in it)", () => {
    expect(incidentDeadlineStanding(standing({ stage: 'assessment', decisionDue: decisionDue() }))).toEqual({
      nextDeadlineMs: Date.parse(DECISION_DUE),
      overdue: false,
    });
    const notifying = standing({ stage: 'notification', decision: decided, decisionDue: decisionDue() });
    expect(incidentDeadlineStanding(notifying).nextDeadlineMs).toBeNull();
    const withObligation = standing({
      stage: 'intake',
      decisionDue: decisionDue(),
      obligations: [obligation('hhs_notice', HHS_DEADLINE, 'open')],
    });
    expect(incidentDeadlineStanding(withObligation).nextDeadlineMs).toBe(Date.parse(DECISION_DUE));
  });

  it('overdue: an open obligation overdue, or the decision past due and not made', () => {
    const late = standing({ decision: decided, obligations: [obligation('hhs_notice', HHS_DEADLINE, 'overdue')] });
    expect(incidentDeadlineStanding(late)).toEqual({ nextDeadlineMs: Date.parse(HHS_DEADLINE), overdue: true });
    const undecided = standing({ stage: 'assessment', decisionDue: decisionDue('2027-03-12T05:00:00.000Z') });
    expect(incidentDeadlineStanding(undecided).overdue).toBe(true);
    // Decided (late): the decision's overdue mark no longer makes the incident overdue.
    expect(incidentDeadlineStanding({ ...undecided, decision: decided }).overdue).toBe(false);
  });

  it('closing or closed: no next deadline and never overdue, whatever the obligations say', () => {
    for (const stage of ['closing', 'closed'] as const) {
      const s = standing({
        stage,
        decisionDue: decisionDue('2027-03-12T05:00:00.000Z'),
        obligations: [obligation('hhs_notice', HHS_DEADLINE, 'overdue')],
      });
      expect(incidentDeadlineStanding(s)).toEqual({ nextDeadlineMs: null, overdue: false });
    }
  });
});
