import { describe, expect, it } from 'vitest';
import { determine, validateFacts, type IncidentFactsInput } from '../../domain/index.js';

const NOW = '2026-11-22T12:00:00Z';
const D = '2026-11-01T10:00:00-08:00';

type Assessment = NonNullable<IncidentFactsInput['assessment']>;
/** Every factor affirmatively low. */
const lowRisk: Assessment = {
  natureAndExtent: { reidentificationLikelihood: 'low', sensitiveInformation: 'no' },
  unauthorizedRecipient: { kind: 'hipaa_covered_entity_or_business_associate', obligatedToProtect: 'yes' },
  acquiredOrViewed: { finding: 'not_acquired_or_viewed', basis: 'audit log: the file was never opened' },
  mitigation: { extent: 'returned_or_destroyed_with_attestation' },
};
/** Limited PHI: no direct or high-risk identifiers. */
const limitedPhi: IncidentFactsInput['phi'] = { involved: 'yes', identifiers: ['dates', 'geographic_subdivisions'], clinical: true };
const unsecured: IncidentFactsInput['security'] = { encrypted: 'no' };

function facts(over: Partial<IncidentFactsInput>): IncidentFactsInput {
  return {
    organization: { name: 'Synthetic Valley Clinic', timeZone: 'America/Los_Angeles' },
    role: 'covered_entity',
    dates: { discoveredAt: D },
    phi: limitedPhi,
    security: unsecured,
    assessment: lowRisk,
    affected: { byJurisdiction: { CA: 12 } },
    ...over,
  };
}
function run(over: Partial<IncidentFactsInput>) {
  const r = validateFacts(facts(over), { now: NOW });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return determine(r.facts);
}
const breachy: Assessment = {
  natureAndExtent: { reidentificationLikelihood: 'high', sensitiveInformation: 'yes' },
  unauthorizedRecipient: { kind: 'own_workforce_member', obligatedToProtect: 'yes' },
  acquiredOrViewed: { finding: 'viewed' },
  mitigation: { extent: 'none' },
};

describe('step 1 — PHI involved? (45 CFR 164.402)', () => {
  it('no PHI: not a HIPAA breach, and the finding is documented', () => {
    const d = run({ phi: { involved: 'no' }, assessment: undefined });
    expect(d.outcome).toBe('no_phi');
    expect(d.recommendation.reportable).toBe(false);
    expect(d.steps).toEqual([expect.objectContaining({ step: 'phi_involved', decisive: true })]);
    expect(d.rationale[0]).toMatch(/No protected health information.*164\.414\(b\)/);
  });
  it('unknown whether PHI was involved: presumed involved, the analysis goes on', () => {
    const d = run({ phi: { involved: 'unknown' }, assessment: undefined });
    expect(d.rationale[0]).toMatch(/not known: presumed involved/);
    expect(d.outcome).toBe('breach');
  });
});

describe('step 2 — unsecured? secured vs key compromised (HHS guidance, 164.402)', () => {
  it.each([
    [
      { encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'no' },
      'secured',
      /encrypted consistent with the HHS guidance/,
    ],
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'yes' }, 'breach', /key or process was compromised/],
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'unknown' }, 'breach', /not known whether the decryption key/],
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes' }, 'breach', /not known whether the decryption key/], // key status left out = unknown
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'no', keyCompromised: 'no' }, 'breach', /not by a method that meets the HHS guidance/],
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'unknown', keyCompromised: 'no' }, 'breach', /not shown to meet the HHS guidance/],
    [{ encrypted: 'no', destroyed: 'yes' }, 'secured', /destroyed per the HHS guidance/],
    [{ encrypted: 'unknown' }, 'breach', /whether the PHI was encrypted is not known/],
    [{ encrypted: 'no' }, 'breach', /neither encrypted nor destroyed/],
  ] as const)('%j → %s', (security, outcome, why) => {
    const d = run({ security, assessment: breachy });
    expect(d.outcome).toBe(outcome);
    expect(d.steps.find((s) => s.step === 'unsecured')!.finding).toMatch(why);
  });
});

describe('step 3 — each statutory exception (45 CFR 164.402(1))', () => {
  const gfw = {
    kind: 'good_faith_workforce',
    unintentional: 'yes',
    byWorkforceOrUnderAuthority: 'yes',
    goodFaith: 'yes',
    withinScopeOfAuthority: 'yes',
    noFurtherImpermissibleUseOrDisclosure: 'yes',
  } as const;
  const internal = {
    kind: 'inadvertent_internal',
    inadvertent: 'yes',
    discloserAuthorized: 'yes',
    recipientAuthorizedAtSameEntityOrOhca: 'yes',
    noFurtherImpermissibleUseOrDisclosure: 'yes',
  } as const;
  const retain = {
    kind: 'could_not_retain',
    goodFaithBeliefCouldNotRetain: 'yes',
    basis: 'misdirected envelope returned unopened by the carrier',
  } as const;
  it.each([
    ['(i) all conditions met', gfw, 'own_workforce_member', 'exception', '45 CFR 164.402(1)(i)'],
    ['(i) good faith unknown', { ...gfw, goodFaith: 'unknown' }, 'own_workforce_member', 'breach', '45 CFR 164.402(1)(i)'],
    ['(i) intentional', { ...gfw, unintentional: 'no' }, 'own_workforce_member', 'breach', '45 CFR 164.402(1)(i)'],
    [
      '(i) further impermissible disclosure',
      { ...gfw, noFurtherImpermissibleUseOrDisclosure: 'no' },
      'own_workforce_member',
      'breach',
      '45 CFR 164.402(1)(i)',
    ],
    ['(ii) all conditions met', internal, 'own_workforce_member', 'exception', '45 CFR 164.402(1)(ii)'],
    [
      '(ii) to a member of the same OHCA',
      { ...internal, sameOrganizedHealthCareArrangement: 'yes' },
      'hipaa_covered_entity_or_business_associate',
      'exception',
      '45 CFR 164.402(1)(ii)',
    ],
    [
      '(ii) recipient not authorized',
      { ...internal, recipientAuthorizedAtSameEntityOrOhca: 'no' },
      'own_workforce_member',
      'breach',
      '45 CFR 164.402(1)(ii)',
    ],
    ['(ii) inadvertence unknown', { ...internal, inadvertent: 'unknown' }, 'own_workforce_member', 'breach', '45 CFR 164.402(1)(ii)'],
    ['(iii) good-faith belief recorded', retain, 'other_known_party', 'exception', '45 CFR 164.402(1)(iii)'],
    [
      '(iii) belief not established',
      { ...retain, goodFaithBeliefCouldNotRetain: 'unknown' },
      'other_known_party',
      'breach',
      '45 CFR 164.402(1)(iii)',
    ],
  ] as const)('%s → %s', (_name, exception, recipient, outcome, citation) => {
    const d = run({ exception, assessment: { ...breachy, unauthorizedRecipient: { kind: recipient, obligatedToProtect: 'no' } } });
    expect(d.outcome).toBe(outcome);
    expect(d.exception).toMatchObject({ kind: exception.kind, applies: outcome === 'exception', citation });
    expect(d.rationale.join('\n')).toContain(citation);
    if (outcome === 'breach') expect(d.rationale.join('\n')).toMatch(/Exception claimed but not established/);
  });

  it('an exception not established still lets the four factors rebut the presumption', () => {
    const d = run({
      exception: { ...gfw, goodFaith: 'no' },
      assessment: { ...lowRisk, unauthorizedRecipient: { kind: 'own_workforce_member', obligatedToProtect: 'yes' } },
    });
    expect(d.outcome).toBe('low_probability_of_compromise');
  });
});

describe('step 4 — the four-factor risk assessment (45 CFR 164.402(2))', () => {
  it('all four low: low probability of compromise, not reportable; the rationale names every factor in order', () => {
    const d = run({});
    expect(d.outcome).toBe('low_probability_of_compromise');
    expect(d.recommendation).toMatchObject({ reportable: false, lowProbabilityOfCompromise: true });
    const text = d.rationale.join('\n');
    expect(text).toMatch(
      /Factor \(i\) nature and extent.*\n.*Factor \(ii\) the unauthorized person.*\n.*Factor \(iii\).*acquired or viewed.*\n.*Factor \(iv\).*mitigation/,
    );
    for (const c of ['164.402(2)(i)', '164.402(2)(ii)', '164.402(2)(iii)', '164.402(2)(iv)']) expect(text).toContain(c);
  });

  it.each([
    ['natureAndExtent', { reidentificationLikelihood: 'unknown', sensitiveInformation: 'no' }, 'i'],
    ['natureAndExtent', { reidentificationLikelihood: 'low', sensitiveInformation: 'unknown' }, 'i'],
    ['natureAndExtent', { reidentificationLikelihood: 'low' }, 'i'], // sensitivity not answered = unknown
    ['unauthorizedRecipient', { kind: 'unknown', obligatedToProtect: 'unknown' }, 'ii'],
    ['unauthorizedRecipient', { kind: 'hipaa_covered_entity_or_business_associate', obligatedToProtect: 'unknown' }, 'ii'],
    ['acquiredOrViewed', { finding: 'unknown' }, 'iii'],
    ['mitigation', { extent: 'unknown' }, 'iv'],
    ['mitigation', undefined, 'iv'], // a factor left out = unknown
  ] as const)('one unknown answer (%s = %j) keeps the presumption of breach', (key, answer, factor) => {
    const d = run({ assessment: { ...lowRisk, [key]: answer } });
    expect(d.outcome).toBe('breach');
    expect(d.recommendation.reportable).toBe(true);
    expect(d.factors.find((f) => f.factor === factor)!.rating).toBe('unknown');
    expect(d.factors.filter((f) => f.rating !== 'low').map((f) => f.factor)).toEqual([factor]);
    expect(d.rationale.join('\n')).toContain('UNKNOWN (does not rebut the presumption)');
    expect(d.recommendation.summary).toMatch(new RegExp(`not known \\(cannot rebut the presumption\\): factor \\(${factor}\\)`));
  });

  it('no assessment at all: every factor unknown, reportable', () => {
    const d = run({ assessment: undefined });
    expect(d.factors.map((f) => f.rating)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(d.outcome).toBe('breach');
  });

  it.each<[string, IncidentFactsInput['phi'], RegExp]>([
    ['SSNs', { involved: 'yes', identifiers: ['social_security_numbers'] }, /fraud or identity theft/],
    ['names (a direct identifier)', { involved: 'yes', identifiers: ['names'], clinical: true }, /direct identifiers/],
    ['financial information', { involved: 'yes', identifiers: [], financial: true }, /financial information/],
  ])('%s make factor (i) not low even when the answers say re-identification is unlikely', (_n, phi, why) => {
    const d = run({ phi, assessment: lowRisk });
    expect(d.factors[0]).toMatchObject({ factor: 'i', rating: 'not_low' });
    expect(d.factors[0]!.reason).toMatch(why);
    // Weighed together (rules version 2): a contained exposure outweighs factor (i) (issue 12 item 4) …
    expect(d.outcome).toBe('low_probability_of_compromise');
    expect(d.steps.at(-1)!.finding).toMatch(/weighing toward compromise: factor \(i\)/);
    // … with factor (iii) not shown low, the presumption stands.
    expect(run({ phi, assessment: { ...lowRisk, acquiredOrViewed: { finding: 'viewed' } } }).outcome).toBe('breach');
  });

  it.each([
    ['own_workforce_member', 'yes', 'low'],
    ['hipaa_covered_entity_or_business_associate', 'yes', 'low'],
    ['other_entity_obligated_by_law', 'yes', 'low'],
    ['other_known_party', 'yes', 'not_low'],
    ['other_known_party', 'no', 'not_low'],
    ['unknown_or_malicious', 'no', 'not_low'],
    ['unknown', 'yes', 'unknown'],
  ] as const)('factor (ii): recipient %s, obliged to protect %s → %s', (kind, obligated, rating) => {
    expect(run({ assessment: { ...lowRisk, unauthorizedRecipient: { kind, obligatedToProtect: obligated } } }).factors[1]!.rating).toBe(
      rating,
    );
  });

  it('additional factors ("at least" four): one not low keeps the presumption', () => {
    const d = run({ assessment: { ...lowRisk, additionalFactors: [{ name: 'media attention to the incident', rating: 'not_low' }] } });
    expect(d.outcome).toBe('breach');
    expect(d.rationale.join('\n')).toMatch(/Additional factor 1 media attention to the incident: risk NOT low/);
    expect(run({ assessment: { ...lowRisk, additionalFactors: [{ name: 'prior relationship', rating: 'low' }] } }).outcome).toBe(
      'low_probability_of_compromise',
    );
  });

  it('a business associate is reminded that the covered entity makes the final notices', () => {
    const d = run({
      role: 'business_associate',
      organization: { name: 'Synthetic Billing', timeZone: 'America/New_York' },
      coveredEntities: [{ id: 'ce', name: 'Synthetic Hospital' }],
    });
    expect(d.rationale.at(-1)).toMatch(/business associate.*164\.410/);
  });

  it('every factor is rated even when an earlier step settles the question (the record shows what was known)', () => {
    const d = run({ security: { encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'no' }, assessment: breachy });
    expect(d.outcome).toBe('secured');
    expect(d.factors).toHaveLength(4);
  });
});
