import { describe, expect, it } from 'vitest';
import { draftNotice } from '../../service/notice-drafts.js';
import { IncidentError } from '../../service/incident-service.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from './synthetic-notice.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

/** Drafts pre-filled from the recorded facts and the organization, refused while the rule is not met. */
const facts = coveredEntityBreach('2026-03-02T17:00:00.000Z', {
  affected: { byJurisdiction: { CA: 700, NV: 500 }, insufficientContact: 12, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
});
const state = {
  ref: 'INC-2026-0042',
  facts,
  obligations: [
    { obligation: { id: 'media_notice:CA', kind: 'media_notice' }, status: 'open' },
    { obligation: { id: 'substitute_notice', kind: 'substitute_notice' }, status: 'open' },
  ],
  mailings: [{ startedAt: '2026-03-20T15:00:00.000Z' }],
} as unknown as IncidentSnapshot;
const content = { ...SYNTHETIC_INCIDENT } as Record<string, unknown>;
const errorOf = (fn: () => unknown): IncidentError => {
  try {
    fn();
  } catch (e) {
    return e as IncidentError;
  }
  throw new Error('expected an error');
};

describe('notice drafts', () => {
  it('HHS portal (164.408): counts, dates, organization and plan flags come from the record; the person adds the rest', () => {
    const d = draftNotice(
      state,
      {
        kind: 'hhs_portal',
        content: {
          ...content,
          hhs: {
            breachTypes: ['hacking_it_incident'],
            locations: ['email'],
            safeguardsInPlace: ['firewalls', 'staff training'],
            attestation: { name: 'Pat Example', title: 'Privacy Officer', date: '2026-03-25' },
          },
        },
      },
      SYNTHETIC_ORG,
    );
    const fields = (d.json as { fields: Record<string, unknown> }).fields;
    expect(fields).toMatchObject({
      approximateIndividualsAffected: 1200,
      discoveryStartDate: '2026-03-02',
      breachStartDate: '2026-02-27',
      coveredEntity: { name: SYNTHETIC_ORG.name, type: 'health_care_provider', contact: { email: SYNTHETIC_ORG.privacyOfficer.email } },
      mediaNoticeRequired: true,
      substituteNoticeRequired: true,
      individualNoticeStartDate: '2026-03-20',
      phiCategories: ['clinical', 'demographic'],
    });
    expect(d.citation).toBe('45 CFR 164.408(b)');
    expect(d.text).toContain('1,200');
  });

  it('HHS portal without the fields only a person knows: refused, naming each with its citation', () => {
    const e = errorOf(() => draftNotice(state, { kind: 'hhs_portal', content }, SYNTHETIC_ORG));
    expect(e).toBeInstanceOf(IncidentError);
    expect(e.code).toBe('invalid_input');
    for (const element of ['breach_type', 'location', 'safeguards_in_place', 'attestation'])
      expect(e.message).toContain(`${element} (45 CFR 164.408(b))`);
  });

  it('media (164.406): California with 700 residents; Nevada with exactly 500 is refused', () => {
    const d = draftNotice(state, { kind: 'media', state: 'CA', content }, SYNTHETIC_ORG);
    expect(d.text).toMatch(/California/);
    expect(d.prefilled).toContain('residentsAffected 700 (facts)');
    expect(errorOf(() => draftNotice(state, { kind: 'media', state: 'NV', content }, SYNTHETIC_ORG)).message).toMatch(
      /more than 500 residents/,
    );
    expect(errorOf(() => draftNotice(state, { kind: 'media', content }, SYNTHETIC_ORG)).message).toMatch(/^state:/);
  });

  it('substitute (164.404(d)(2)): 12 without contact → web posting and toll-free script, 90 days each', () => {
    const d = draftNotice(
      state,
      {
        kind: 'substitute',
        content: {
          ...content,
          substitute: {
            postingStartDate: '2026-04-01',
            callerVerification: 'Callers confirm their date of birth and ZIP code before we say whether they are affected.',
          },
        },
      },
      SYNTHETIC_ORG,
    );
    expect(d.text).toContain(SYNTHETIC_ORG.contact.tollFreeNumber!);
    expect(d.secondText?.text).toMatch(/date of birth and ZIP code/);
    expect(d.prefilled.join(' ')).toMatch(/posting 2026-06-30 \/ toll-free 2026-06-30 end dates/);
  });

  it('the recorded dates win over dates typed into the text (a letter never contradicts the record)', () => {
    const d = draftNotice(
      state,
      {
        kind: 'individual',
        content: { ...content, discoveryDate: '1999-01-01', breachStartDate: '1998-12-01', breachEndDate: '1998-12-02' },
      },
      SYNTHETIC_ORG,
    );
    expect(d.text).toContain('March 2, 2026');
    expect(d.text).toContain('February 27, 2026');
    expect(d.text).not.toMatch(/1998|1999/);
  });

  it('individual (164.404(c)): as a sample addressee reads it; no facts recorded → refused', () => {
    expect(draftNotice(state, { kind: 'individual', content }, SYNTHETIC_ORG).text).toContain('Sample Addressee');
    expect(errorOf(() => draftNotice({ ...state, facts: undefined }, { kind: 'individual', content }, SYNTHETIC_ORG)).code).toBe('refused');
  });
});
