/**
 * The drill score's State items and covered-entity outer limit, on a hand-built incident record (pure:
 * no engine): a State item never planned because a fact was not recorded, a State item waiting on another
 * notice (listed, not scored), and a covered-entity notice never sent past its 60-day outer limit (164.410(b)).
 */
import { describe, expect, it } from 'vitest';
import { scoreDrill, afterActionMarkdown } from '../../drill/score.js';
import { Scenario } from '../../drill/scenario.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

const DAY0 = '2027-01-04T17:00:00.000Z'; // 09:00 in Los Angeles
const dated = (date: string) => ({ date, instant: `${date}T07:59:59.999Z` });
const scenario = Scenario.parse({
  id: 'unit',
  title: 'Unit',
  ocrBreachType: 'Hacking',
  description: 'synthetic',
  facts: {},
});

function snapshot(): IncidentSnapshot {
  return {
    ref: 'DRILL-unit',
    timeZone: 'America/Los_Angeles',
    facts: { dates: { discoveredAt: DAY0 } },
    decision: { at: '2027-01-05T17:00:00.000Z', by: 'po', reportable: true },
    timeline: [{ at: '2027-01-20T17:00:00.000Z', by: 'po', action: 'obligation_confirmed', detail: 'Texas individual notice: email' }],
    obligations: [
      {
        obligation: {
          id: 'state:TX:individual_notice',
          kind: 'state_notice',
          label: 'Texas individual notice',
          recipient: 'residents',
          jurisdiction: 'TX',
          citation: 'Tex. Bus. & Com. Code § 521.053(b)',
          deadline: dated('2027-03-05'),
          target: dated('2027-03-05'),
        },
        status: 'confirmed',
        remindersSent: 0,
        escalationLevel: 0,
      },
      {
        obligation: {
          id: 'ce_notice:acme',
          kind: 'ce_notice',
          label: 'Notice to covered entity Acme',
          recipient: 'Acme',
          citation: '45 CFR 164.410',
          deadline: dated('2027-03-05'),
          target: dated('2027-01-14'),
        },
        status: 'overdue',
        remindersSent: 2,
        escalationLevel: 1,
      },
    ],
    stateLaw: {
      items: [
        {
          id: 'state:TX:individual_notice',
          jurisdiction: 'TX',
          label: 'Texas individual notice',
          citation: 'Tex. Bus. & Com. Code § 521.053(b)',
          verification: 'verified',
          status: 'tracked',
        },
        {
          id: 'state:TX:ag_notice',
          jurisdiction: 'TX',
          label: 'Texas Attorney General',
          citation: 'Tex. Bus. & Com. Code § 521.053(i)',
          verification: 'unverified',
          status: 'pending',
          pendingOn: 'individual_notice',
        },
      ],
    },
  } as unknown as IncidentSnapshot;
}

describe('drill score: State items and the covered-entity outer limit', () => {
  it('scores a State item like a federal one, lists an undated one, counts one the full facts date but the incident never planned', () => {
    const score = scoreDrill({
      scenario,
      team: 't',
      ref: 'DRILL-unit',
      day0: DAY0,
      endedAt: '2027-03-15T17:00:00.000Z', // day 70
      snapshot: snapshot(),
      obligationLogs: {},
      required: {
        reportable: true,
        obligations: [],
        stateItems: [
          {
            id: 'state:CA:individual_notice_30',
            citation: 'Cal. Civ. Code § 1798.82(a)',
            verification: 'unverified',
            deadline: '2027-02-03',
          },
        ],
      },
      injectsRecorded: {},
      drillLog: [],
    });
    const byId = Object.fromEntries(score.obligations.map((o) => [o.id, o]));
    expect(byId['state:TX:individual_notice']).toMatchObject({
      law: 'state',
      jurisdiction: 'TX',
      verification: 'verified',
      confirmedDay: 16,
      deadlineDay: 60,
      outcome: 'on_target',
      points: 100,
    });
    expect(byId['state:CA:individual_notice_30']).toMatchObject({
      law: 'state',
      verification: 'unverified',
      planned: false,
      outcome: 'never_planned',
      deadlineDay: 30,
      points: 0,
    });
    // Never sent, and the drill ended past day 60: the outer limit of 164.410(b) is passed.
    expect(byId['ce_notice:acme']).toMatchObject({
      outcome: 'missed_deadline',
      outerLimit: { date: '2027-03-05', day: 60, citation: '45 CFR 164.410(b)', met: false },
    });
    expect(score.stateNotScored).toEqual([
      expect.objectContaining({
        id: 'state:TX:ag_notice',
        verification: 'unverified',
        status: 'pending',
        why: 'waits on individual_notice',
      }),
    ]);
    expect(score.missed).toEqual([
      'Notice to covered entity Acme (45 CFR 164.410): never confirmed, legal deadline day 60 (2027-03-05); past the 60-day outer limit of 45 CFR 164.410(b) (day 60, 2027-03-05)',
      'State item state:CA:individual_notice_30 (Cal. Civ. Code § 1798.82(a)) [CA law, UNVERIFIED]: required by the full facts but never planned, legal deadline day 30 (2027-02-03)',
    ]);
    const md = afterActionMarkdown(score, scenario);
    expect(md).toContain('### State items not scored');
    expect(md).toMatch(/\| Texas Attorney General \| Tex\. Bus\. & Com\. Code § 521\.053\(i\) \| \*\*UNVERIFIED\*\* \| pending \|/);
    expect(md).toMatch(/\| Texas individual notice \| Tex\. Bus\. & Com\. Code § 521\.053\(b\) \| TX \(verified\) \|/);
  });
});
