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
});
