import { describe, expect, it } from 'vitest';
import { formatIncident } from '../../reports/incident-format.js';
import { recordedEvents, stateLawMarkdown } from '../../reports/state-law-report.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

/** The counsel report's state-law section: recorded facts and decision; the HHS confirmation dates NY and IL. */
function snapshot(confirmHhs: boolean): IncidentSnapshot {
  const facts = {
    ...coveredEntityBreach('2026-11-02T09:00:00-05:00'),
    organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider', timeZone: 'America/New_York' },
    affected: { byJurisdiction: { NY: 300, IL: 300, GA: 7 } },
  };
  const hhs = {
    id: 'hhs_notice',
    kind: 'hhs_notice',
    label: 'Notice to the Secretary of HHS (500 or more)',
    recipient: 'Secretary of HHS (OCR breach portal)',
    citation: '45 CFR 164.408(b)',
    deadline: { date: '2027-01-01', instant: '2027-01-02T04:59:59.999Z' },
    target: { date: '2026-12-02', instant: '2026-12-03T04:59:59.999Z' },
  };
  return {
    ref: 'SYN-1',
    role: 'covered_entity',
    stage: 'notification',
    owner: 'pat-privacy',
    openedBy: 'sam-responder',
    openedAt: '2026-11-02T15:00:00Z',
    facts,
    factsVersion: 1,
    decision: { reportable: true, by: 'pat-privacy', at: '2026-11-05T09:00:00-05:00', recommendationWasReportable: true },
    obligations: [
      {
        obligation: hhs,
        status: confirmHhs ? 'confirmed' : 'planned',
        escalationLevel: 0,
        remindersSent: 0,
        childWorkflowId: 'c1',
        ...(confirmHhs ? { confirmedBy: 'pat-privacy' } : {}),
      },
    ],
    lawEnforcementDelays: [],
    timeline: confirmHhs
      ? [
          {
            at: '2026-11-26T10:00:00Z',
            by: 'pat-privacy',
            action: 'obligation_confirmed',
            detail: 'Notice to the Secretary of HHS (500 or more): hhs_portal ref OCR-1 sent 2026-11-25T16:00:00-05:00',
          },
        ]
      : [],
    answered: {},
    timeZone: 'America/New_York',
  } as unknown as IncidentSnapshot;
}

describe('counsel report: state law', () => {
  it('before the HHS notice is confirmed, NY and IL AG notices are pending; Georgia is named for review', () => {
    const md = stateLawMarkdown(snapshot(false), '2026-11-20T00:00:00Z').join('\n');
    expect(md).toMatch(/^## State law \(preview: computed for this report\)$/m);
    expect(md).toMatch(/State-law pack \d{4}\.\d{2}\.\d{2}-\d+ .*not legal advice/);
    expect(md).toMatch(
      /\| .*`state:NY:ag_after_hhs`\) \| New York State Attorney General \| N\.Y\. Gen\. Bus\. Law § 899-aa\(9\) \| after hhs notice \(latest \d{4}-\d{2}-\d{2}\) \| pending \| verified \|/,
    );
    expect(md).toMatch(/\*\*state law to review: Georgia\*\* \(7 resident\(s\)\)/);
  });

  it('the recorded HHS confirmation (its "sent" instant) dates them: NY and IL 3 Dec 2026', () => {
    expect(recordedEvents(snapshot(true))).toEqual({ hhsNotifiedAt: '2026-11-25T16:00:00-05:00' });
    const md = stateLawMarkdown(snapshot(true), '2026-11-27T00:00:00Z').join('\n');
    expect(md).toMatch(/`state:NY:ag_after_hhs`\) .*\| 2026-12-03 \| planned \| verified \|/);
    expect(md).toMatch(/`state:IL:ag_after_hhs`\) .*\| 2026-12-03 \| planned \| SECONDARY \|/);
  });

  it('without a decision the section says why it is not computed', () => {
    const s = { ...snapshot(false), decision: undefined } as unknown as IncidentSnapshot;
    expect(stateLawMarkdown(s, '2026-11-20T00:00:00Z').join('\n')).toMatch(/Not computed: no decision recorded yet\./);
  });

  it('breach incident status shows the same state items, with the pack version and verification', () => {
    const text = formatIncident(snapshot(true), '2026-11-27T00:00:00Z');
    expect(text).toMatch(
      /^State law \(pack \d{4}\.\d{2}\.\d{2}-\d+; not legal advice — \d+ of \d+ item\(s\) not verified against statute text\):$/m,
    );
    expect(text).toMatch(/^ {2}state:NY:ag_after_hhs\s+2026-12-03\s+verified\s+N\.Y\. Gen\. Bus\. Law § 899-aa\(9\)$/m);
    expect(text).toMatch(/^ {2}! state law to review: Georgia \(7 resident\(s\)\)$/m);
  });

  it("issue 16: an incident that tracks its State items shows its recorded pack and each item's status, not a recomputation", () => {
    const s = snapshot(true);
    s.stateLaw = {
      packVersion: '2000.01.01-1',
      packFingerprint: 'fnv1a32:00000000',
      disclaimer: 'not legal advice',
      plannedAt: '2026-11-05T14:00:00Z',
      items: [
        {
          id: 'state:TX:ag_notice',
          jurisdiction: 'TX',
          rule: 'ag_notice',
          label: 'Notice to the Texas Attorney General [TX]',
          recipientKind: 'attorney_general',
          recipient: 'Texas Attorney General',
          count: 300,
          citation: 'Tex. Bus. & Com. Code § 521.053(i)',
          verification: 'unverified',
          packVersion: '2000.01.01-1',
          status: 'tracked',
          deadline: { date: '2026-12-05', instant: '2026-12-06T04:59:59.999Z' },
          deadlineBasis: '30 calendar day(s) after determination',
        },
        {
          id: 'state:IL:ag_after_hhs',
          jurisdiction: 'IL',
          rule: 'ag_after_hhs',
          label: 'Illinois AG [IL]',
          recipientKind: 'attorney_general',
          recipient: 'Illinois Attorney General',
          count: 300,
          citation: '815 ILCS 530/50',
          verification: 'secondary_sources',
          packVersion: '2000.01.01-1',
          status: 'cancelled',
          deadlineBasis: 'pending',
          cancelledReason: 'replan with current law by legal-1',
        },
      ],
      toReview: [{ item: 'state law to review: Georgia', jurisdiction: 'GA', residents: 7, reason: 'not encoded' }],
      recipientClocks: [],
      events: {},
      replans: [],
    };
    s.obligations.push({
      obligation: {
        id: 'state:TX:ag_notice',
        kind: 'state_notice',
        label: 'Notice to the Texas Attorney General [TX]',
        recipient: 'Texas Attorney General',
        citation: 'Tex. Bus. & Com. Code § 521.053(i)',
        deadline: { date: '2026-12-05', instant: '2026-12-06T04:59:59.999Z' },
        target: { date: '2026-12-05', instant: '2026-12-06T04:59:59.999Z' },
      },
      status: 'overdue',
      escalationLevel: 2,
      remindersSent: 3,
      childWorkflowId: 'c-tx',
    });
    const text = formatIncident(s, '2026-12-07T00:00:00Z');
    expect(text).toMatch(
      /^State law \(pack 2000\.01\.01-1; not legal advice — 1 item\(s\) not verified .*as recorded when the incident planned\):$/m,
    );
    expect(text).toMatch(/^ {2}state:TX:ag_notice\s+2026-12-05\s+UNVERIFIED\s+Tex\. Bus\. & Com\. Code § 521\.053\(i\) {2}\[overdue\]$/m);
    expect(text).toMatch(/^ {2}state:IL:ag_after_hhs\s+cancelled\s+SECONDARY\s+815 ILCS 530\/50 {2}\[cancelled\]$/m);
    expect(text).toMatch(/^ {2}! state law to review: Georgia \(7 resident\(s\)\)$/m);
  });
});
