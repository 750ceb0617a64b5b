import { describe, expect, it } from 'vitest';
import { formatIncident } from '../../reports/incident-format.js';
import { recordedEvents, stateLawMarkdown } from '../../reports/state-law-report.js';
import { stateLawView } from '../../service/regulator-drafts.js';
import { currentPack } from '../../domain/state-law/index.js';
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

/** The TX+IL incident as it recorded its state-law plan on an older pack: TX tracked (overdue), IL cancelled by a replan. */
function recordedSnapshot(): IncidentSnapshot {
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
  return s;
}

describe('counsel report: state law', () => {
  it('before the HHS notice is confirmed, NY and IL AG notices are pending; Georgia is named for review', () => {
    const md = stateLawMarkdown(snapshot(false), '2026-11-20T00:00:00Z').join('\n');
    // An incident without a recorded state-law plan (planned before State obligations): a preview, labelled as one.
    expect(md).toMatch(
      /^## State law \(preview: computed for this report — this incident planned before State obligations were recorded; not a record\)$/m,
    );
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
    const s = recordedSnapshot();
    const text = formatIncident(s, '2026-12-07T00:00:00Z');
    expect(text).toMatch(
      /^State law \(pack 2000\.01\.01-1; not legal advice — 1 item\(s\) not verified .*as recorded when the incident planned\):$/m,
    );
    expect(text).toMatch(/^ {2}state:TX:ag_notice\s+2026-12-05\s+UNVERIFIED\s+Tex\. Bus\. & Com\. Code § 521\.053\(i\) {2}\[overdue\]$/m);
    expect(text).toMatch(/^ {2}state:IL:ag_after_hhs\s+cancelled\s+SECONDARY\s+815 ILCS 530\/50 {2}\[cancelled\]$/m);
    // This build's pack is not the recorded one: one line says so, apart from the recorded items.
    expect(text).toMatch(
      new RegExp(
        `^ {2}current law would differ \\(not the plan\\): this build has pack ${currentPack().version.replace(/\./g, '\\.')} — \\d+ change\\(s\\); \`breach replan-law SYN-1\` shows them$`,
        'm',
      ),
    );
    expect(text).toMatch(/^ {2}! state law to review: Georgia \(7 resident\(s\)\)$/m);
  });

  it('issue 16: the report and GET /incidents/{ref}/state-law show the recorded plan, and apart from it how current law would differ', () => {
    const s = recordedSnapshot();
    // The individual notice confirmed by the engine for a State individual-notice item: met by the individual notice.
    s.stateLaw!.items.push({
      id: 'state:IL:individual_notice',
      jurisdiction: 'IL',
      rule: 'individual_notice',
      label: 'Notice to affected Illinois residents [IL]',
      recipientKind: 'individuals',
      recipient: 'each affected Illinois resident',
      count: 300,
      citation: '815 ILCS 530/10(a)',
      verification: 'secondary_sources',
      packVersion: '2000.01.01-1',
      status: 'tracked',
      deadline: { date: '2026-11-30', instant: '2026-12-01T05:59:59.999Z' },
      deadlineBasis: 'recorded on the old pack',
    });
    s.obligations.push({
      obligation: {
        id: 'state:IL:individual_notice',
        kind: 'state_notice',
        label: 'Notice to affected Illinois residents [IL]',
        recipient: 'each affected Illinois resident',
        citation: '815 ILCS 530/10(a)',
        deadline: { date: '2026-11-30', instant: '2026-12-01T05:59:59.999Z' },
        target: { date: '2026-11-30', instant: '2026-12-01T05:59:59.999Z' },
      },
      status: 'confirmed',
      confirmedBy: 'engine',
      escalationLevel: 0,
      remindersSent: 0,
      childWorkflowId: 'c-il',
    });
    (s.facts as { affected: { byJurisdiction: Record<string, number> } }).affected.byJurisdiction.TX = 300;
    const now = '2026-12-07T00:00:00Z';
    const md = stateLawMarkdown(s, now).join('\n');
    expect(md).not.toMatch(/^## State law \(preview/m);
    expect(md).toMatch(/^## State law \(as recorded: the incident's own plan\)$/m);
    expect(md).toContain('Planned on state-law pack 2000.01.01-1 (`fnv1a32:00000000`)');
    // The recorded items with their statuses — not this build's pack's result.
    expect(md).toMatch(
      /\| .*`state:TX:ag_notice`\) \| Texas Attorney General \| Tex\. Bus\. & Com\. Code § 521\.053\(i\) \| 2026-12-05 \| tracked \(overdue\) \| UNVERIFIED \|/,
    );
    expect(md).toMatch(/`state:IL:ag_after_hhs`\) .* \| - \| cancelled: replan with current law by legal-1 \| SECONDARY \|/);
    expect(md).toMatch(/`state:IL:individual_notice`\) .* \| 2026-11-30 \| met by the individual notice \| SECONDARY \|/);
    // The current pack would differ: a separate part, with the difference and the hint.
    const [record, differs] = md.split(/^### Current law would differ/m);
    expect(differs, 'a "current law would differ" part').toBeDefined();
    expect(record).not.toContain(currentPack().version);
    expect(differs).toContain(`this build's pack ${currentPack().version}`);
    expect(differs).toMatch(/planned on state-law pack 2000\.01\.01-1 \(fnv1a32:00000000\); this build has/);
    // Same Texas date under this build's pack, but its rule is verified now (recorded: unverified).
    expect(differs).toMatch(
      /- changed: state:TX:ag_notice \(Tex\. Bus\. & Com\. Code § 521\.053\(i\)\) from 2026-12-05 to 2026-12-05; verification unverified → verified/,
    );
    expect(differs).toMatch(/- removed: state:IL:individual_notice .* deemed satisfied by the HIPAA notices/);
    expect(differs).toMatch(/- added: state:NY:ag_after_hhs/);
    expect(differs).toMatch(/replan with current law/);

    // The route: the same record, the difference apart, never the current pack's plan as the plan.
    const v = stateLawView(s, now);
    expect(v.basis).toBe('recorded');
    expect(v.plan).toBeUndefined();
    expect(v.recorded).toMatchObject({ packVersion: '2000.01.01-1', packFingerprint: 'fnv1a32:00000000' });
    const state = (id: string) => v.recorded!.items.find((i) => i.id === id);
    expect(state('state:TX:ag_notice')).toMatchObject({ state: 'tracked', obligationStatus: 'overdue', deadline: { date: '2026-12-05' } });
    expect(state('state:IL:ag_after_hhs')).toMatchObject({ state: 'cancelled', cancelledReason: 'replan with current law by legal-1' });
    expect(state('state:IL:individual_notice')).toMatchObject({ state: 'met_by_individual_notice', confirmedBy: 'engine' });
    expect(v.recorded!.items.some((i) => i.id.startsWith('state:NY:'))).toBe(false);
    expect(v.currentLaw).toMatchObject({ packVersion: currentPack().version, packFingerprint: currentPack().fingerprint });
    expect(v.currentLaw!.diff!.changes.find((c) => c.id === 'state:TX:ag_notice')).toMatchObject({
      change: 'changed',
      verificationFrom: 'unverified',
    });
    expect(v.currentLaw!.hint).toMatch(/replan with current law/);
    // A cancelled item is offered no draft.
    expect(v.drafts.map((d) => d.obligationId)).toEqual(['state:TX:ag_notice']);

    // Recorded on this build's pack: the record alone, no difference part.
    s.stateLaw!.packVersion = currentPack().version;
    s.stateLaw!.packFingerprint = currentPack().fingerprint;
    expect(stateLawView(s, now).currentLaw).toBeUndefined();
    expect(stateLawMarkdown(s, now).join('\n')).toContain("This build's state-law pack is the one the incident planned on.");
  });

  it('GET /incidents/{ref}/state-law of an incident planned before State obligations: a preview, labelled as one', () => {
    const v = stateLawView(snapshot(false), '2026-11-20T00:00:00Z');
    expect(v.basis).toBe('preview');
    expect(v.recorded).toBeUndefined();
    expect(v.plan?.obligations.some((o) => o.id === 'state:NY:ag_after_hhs')).toBe(true);
  });
});
