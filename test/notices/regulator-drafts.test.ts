import { describe, expect, it } from 'vitest';
import { regulatorDraftFor, stateLawView } from '../../service/regulator-drafts.js';
import { IncidentError } from '../../service/errors.js';
import { NoticeRenderer } from '../../notices/render.js';
import { currentPack } from '../../domain/state-law/index.js';
import type { RegulatorDraft } from '../../notices/regulator-drafts.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from './synthetic-notice.js';

/**
 * Regulator drafts (issue 16 item 5): every item of the pack's content list is a section of the draft,
 * filled from the record where the engine knows it; an item nothing fills is named with its citation.
 * A synthetic licensed clinic with Texans, Californians, Marylanders and Georgians affected.
 */
const NOW = '2026-11-06T00:00:00Z';
function snapshot(extra: Partial<IncidentSnapshot> = {}): IncidentSnapshot {
  const facts = {
    ...coveredEntityBreach('2026-11-02T09:00:00-06:00'),
    organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider', timeZone: 'America/Chicago' },
    affected: { byJurisdiction: { TX: 300, CA: 600, IL: 600, MD: 40, GA: 7 } },
    phi: {
      involved: 'yes',
      identifiers: ['names', 'dates', 'social_security_numbers'],
      clinical: true,
      financial: false,
      description: 'An outsider opened one staff mailbox holding visit summaries (synthetic).',
    },
    stateLaw: { licensedHealthFacilityIn: ['CA'] },
  };
  return {
    ref: 'SYN-REG-1',
    role: 'covered_entity',
    stage: 'notification',
    facts,
    factsVersion: 1,
    decision: { reportable: true, by: 'pat-privacy', at: '2026-11-05T09:00:00-06:00', recommendationWasReportable: true },
    obligations: [],
    lawEnforcementDelays: [],
    timeline: [],
    timeZone: 'America/Chicago',
    ...extra,
  } as unknown as IncidentSnapshot;
}
const renderer = new NoticeRenderer({ org: SYNTHETIC_ORG });
const content = { ...SYNTHETIC_INCIDENT } as Record<string, unknown>;
const draft = (regulator: string, body: Parameters<typeof regulatorDraftFor>[2] = {}, s = snapshot()) =>
  regulatorDraftFor(s, regulator, body, renderer, NOW);
const errorOf = (fn: () => unknown): IncidentError => {
  try {
    fn();
  } catch (e) {
    return e as IncidentError;
  }
  throw new Error('expected an error');
};
const packContent = (code: 'TX' | 'CA' | 'MD', rule: string) =>
  currentPack()
    .entries.get(code)!
    .obligations.find((o) => o.id === rule)!.content;
const itemsOf = (d: RegulatorDraft) => d.sections.map((x) => ({ item: x.item, citation: x.citation }));

describe('regulator drafts checked against the state-law pack', () => {
  it('Texas AG form (521.053(i)): each of the six items is a section, filled from facts, content and answers; complete', () => {
    const d = draft('TX-AG', { content, answers: { law_enforcement: 'No law-enforcement agency is investigating (synthetic).' } });
    expect(itemsOf(d)).toEqual(packContent('TX', 'ag_notice'));
    expect(d.sections).toHaveLength(6);
    expect(d).toMatchObject({
      template: 'tx_ag_form',
      obligationId: 'state:TX:ag_notice',
      verificationMark: 'verified',
      complete: true,
      missing: [],
    });
    expect(d.sections.map((x) => x.element)).toEqual([
      'description',
      'residents_affected',
      'residents_notified',
      'measures_taken',
      'measures_planned',
      'law_enforcement',
    ]);
    expect(d.sections.every((x) => x.status === 'filled' || x.status === 'check')).toBe(true);
    expect(d.sections[0]!.value).toContain('staff mailbox');
    expect(d.sections[1]!.value).toBe('300 Texas resident(s)');
    expect(d.sections[3]!.value).toContain('outside security firm');
    expect(d.sections[4]!.value).toContain('second sign-in step');
    expect(d.due).toBe('2026-12-05');
    expect(d.packVersion).toBe(currentPack().version);
    for (const c of packContent('TX', 'ag_notice')) expect(d.text).toContain(c.citation);
    expect(d.text).toContain(SYNTHETIC_ORG.name);
  });

  it('a missing item is named with its citation: no law-enforcement answer, no measures without the notice text', () => {
    const d = draft('TX-AG');
    expect(d.complete).toBe(false);
    expect(d.missing.map((m) => [m.element, m.citation])).toEqual([
      ['measures_taken', 'Tex. Bus. & Com. Code § 521.053(i)(4)'],
      ['measures_planned', 'Tex. Bus. & Com. Code § 521.053(i)(5)'],
      ['law_enforcement', 'Tex. Bus. & Com. Code § 521.053(i)(6)'],
    ]);
    expect(d.text).toMatch(/NOT READY: 3 required item\(s\) missing: measures_taken \(Tex\. Bus\. & Com\. Code § 521\.053\(i\)\(4\)\)/);
    // A recorded law-enforcement statement answers (i)(6) from the record.
    const held = draft(
      'TX-AG',
      { content },
      snapshot({
        lawEnforcementDelays: [
          { kind: 'oral', official: 'Det. Synthetic', agency: 'Synthetic PD', receivedAt: '2026-11-03T10:00:00Z', recordedBy: 'pat' },
        ],
      }),
    );
    expect(held.complete).toBe(true);
    expect(held.sections.find((x) => x.element === 'law_enforcement')!.value).toContain('Synthetic PD');
    // …to be confirmed: (i)(6) asks whether law enforcement IS engaged when filing, the statement says it was.
    const le = held.sections.find((x) => x.element === 'law_enforcement')!;
    expect(le.status).toBe('check');
    expect(le.problem).toMatch(/still investigating when the form is filed/);
  });

  it("Texas AG form checked against the AG's description of its form: the filer's authority, the deadline wording, open record; what was not checked is said", () => {
    const d = draft('TX-AG', { content, answers: { law_enforcement: 'No agency is investigating (synthetic).' } });
    expect(d.filer.find((x) => x.label === 'Authorized representative')!.check).toMatch(/ONLY by an authorized agent/);
    expect(d.formNotes.join('\n')).toMatch(/30 days from the day the person determines .* the AG's page says 30 days after discovery/);
    expect(d.formNotes.join('\n')).toMatch(/open record/);
    expect(d.formNotes.join('\n')).toMatch(/totals to date/);
    expect(d.formNotes.join('\n')).toMatch(/^Not checked: the web form's own fields/m);
    expect(d.text).toMatch(/^About the form \(read before filing\):$/m);
    expect(d.text).toMatch(/^ {3}-> the AG's page: the form is completed ONLY by an authorized agent/m);
    // Other drafts carry no Texas form notes.
    expect(draft('MD-AG', { content }).formNotes).toEqual([]);
  });

  it('California AG sample notice (1798.82(f)): the rendered individual notice; UNVERIFIED rule marked; pending date', () => {
    const d = draft('CA-AG', { content });
    expect(itemsOf(d)).toEqual(packContent('CA', 'ag_sample_15'));
    expect(d).toMatchObject({ template: 'ca_ag_sample', verification: 'unverified', verificationMark: 'UNVERIFIED', complete: true });
    expect(d.subject).toContain('[UNVERIFIED]');
    expect(d.text).toMatch(/UNVERIFIED: this rule was not verified against statute text/);
    expect(d.due).toMatch(/^pending: 15 calendar day\(s\) after the notice to individuals/);
    expect(d.sampleNotice?.text).toContain('staff email account');
    expect(d.text).toContain('Sample Addressee');
    const bare = draft('CA-AG');
    expect(bare.missing).toEqual([expect.objectContaining({ element: 'sample_notice', citation: 'Cal. Civ. Code § 1798.82(f)' })]);
  });

  it('CDPH report (H&S 1280.15(b), 22 CCR 79902): every item present; patients and the signature are attached by a person, never filled', () => {
    const d = draft('CA-CDPH', { content });
    expect(itemsOf(d)).toEqual(packContent('CA', 'cdph_report'));
    expect(d.template).toBe('cdph_report');
    // (A)-(H) of 22 CCR 79902(a)(1), (G) included (the people involved, attached by a person).
    expect(d.sections.map((x) => x.citation.replace('22 CCR § 79902(a)(1)', ''))).toEqual([
      '(A)',
      '(B)',
      '(C)',
      '(D)',
      '(E)',
      '(F)',
      '(G)',
      '(H)',
      '',
    ]);
    expect(d.sections.find((x) => x.citation === '22 CCR § 79902(a)(1)(A)')!.value).toBe(
      'Example Valley Health Clinic, 100 Example Parkway, Springfield, IL 62701',
    );
    expect(d.sections.find((x) => x.citation === '22 CCR § 79902(a)(1)(C)')!.value).toContain('2026-11-02');
    expect(d.toAttach.map((x) => x.element)).toEqual(['patients', 'people_involved', 'signature']);
    expect(d.sections.find((x) => x.element === 'patients')!.value).toBeUndefined();
    expect(d.complete).toBe(true);
    expect(d.due).toBe('2026-11-24');
  });

  it('a generic AG notice for a State whose content list is in the pack (MD), matched by wording', () => {
    const d = draft('MD-AG', { content });
    expect(itemsOf(d)).toEqual(packContent('MD', 'ag_notice'));
    expect(d.template).toBe('generic');
    expect(d.verificationMark).toBe('SECONDARY');
    expect(d.sections.map((x) => x.element)).toEqual(['residents_affected', 'description', 'measures_taken_or_planned', 'sample_notice']);
    expect(d.sections[0]!.value).toBe('40 Maryland resident(s)');
  });

  it('refusals name the field and the rule: no content list, not planned, not encoded, a bad id, an unknown answer', () => {
    const refusal = (regulator: string, body = {}, s = snapshot()) => {
      const e = errorOf(() => draft(regulator, body, s));
      return `${e.code}: ${e.message}`;
    };
    expect(refusal('IL-AG')).toMatch(/^refused: .*no content list for state:IL:ag_after_hhs/);
    expect(refusal('FL-AG')).toMatch(/^refused: .*no FL-AG notice is planned/);
    expect(refusal('GA-AG')).toMatch(/^refused: .*state law to review: Georgia/);
    expect(refusal('TX-XYZ')).toMatch(/^invalid_input: regulator: must be/);
    expect(refusal('ZZ-AG')).toMatch(/^invalid_input: regulator: ZZ is not a State or territory code/);
    expect(refusal('TX-AG', { answers: { nonsense: 'x' } })).toMatch(
      /^invalid_input: answers: nonsense is not an element of this draft \(elements: description, residents_affected/,
    );
    expect(refusal('TX-AG', {}, snapshot({ decision: undefined }))).toMatch(/^refused: /);
  });

  it('the state-law view offers exactly the drafts whose content list is in the pack', () => {
    const v = stateLawView(snapshot(), NOW);
    expect(v.drafts.map((d) => d.regulator).sort()).toEqual(['CA-AG', 'CA-CDPH', 'MD-AG', 'TX-AG']);
    expect(v.plan?.toReview.map((t) => t.item)).toEqual(['state law to review: Georgia']);
    const no = stateLawView(snapshot({ decision: { reportable: false } } as Partial<IncidentSnapshot>), NOW);
    expect(no.drafts).toEqual([]);
    expect(no.reason).toMatch(/not reportable/);
  });
});
