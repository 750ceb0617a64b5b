import { describe, expect, it } from 'vitest';
import { determine, validateFacts, type IncidentFactsInput } from '../../domain/rules.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

const NOW = '2026-11-22T12:00:00Z';
const D = '2026-11-01T10:00:00-08:00';
const lowRisk: IncidentFactsInput['assessment'] = {
  natureAndExtent: { reidentificationLikelihood: 'low' },
  unauthorizedRecipient: { kind: 'hipaa_covered_entity_or_business_associate', obligatedToProtect: 'yes' },
  acquiredOrViewed: { finding: 'not_acquired_or_viewed', basis: 'audit log shows the file was never opened' },
  mitigation: { extent: 'returned_or_destroyed_with_attestation' },
};
const limitedPhi: IncidentFactsInput['phi'] = { involved: 'yes', identifiers: ['dates', 'geographic_subdivisions'], clinical: true, financial: false };

function run(overrides: Partial<IncidentFactsInput>) {
  const r = validateFacts(coveredEntityBreach(D, overrides), { now: NOW });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return determine(r.facts);
}

describe('determination (45 CFR 164.402)', () => {
  it('no PHI: not a HIPAA breach, documented', () => {
    const d = run({ phi: { involved: 'no' } });
    expect(d).toMatchObject({ outcome: 'no_phi', recommendation: { reportable: false } });
  });

  it('unknown whether PHI was involved: presumed involved', () => {
    expect(run({ phi: { involved: 'unknown' } }).recommendation.reportable).toBe(true);
  });

  it.each([
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'no', destroyed: 'no' }, 'secured'],
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'yes', destroyed: 'no' }, 'breach'],
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'unknown', destroyed: 'no' }, 'breach'],
    [{ encrypted: 'yes', encryptionMeetsHhsGuidance: 'unknown', keyCompromised: 'no', destroyed: 'no' }, 'breach'],
    [{ encrypted: 'no', destroyed: 'yes' }, 'secured'],
    [{ encrypted: 'unknown' }, 'breach'],
  ] as const)('safe harbor: %j → %s', (security, outcome) => {
    expect(run({ security }).outcome).toBe(outcome);
  });

  it.each([
    [{ kind: 'good_faith_workforce', unintentional: 'yes', goodFaith: 'yes', withinScopeOfAuthority: 'yes', noFurtherImpermissibleUseOrDisclosure: 'yes' }, 'own_workforce_member', 'exception'],
    [{ kind: 'good_faith_workforce', unintentional: 'yes', goodFaith: 'unknown', withinScopeOfAuthority: 'yes', noFurtherImpermissibleUseOrDisclosure: 'yes' }, 'own_workforce_member', 'breach'],
    [{ kind: 'inadvertent_internal', discloserAuthorized: 'yes', recipientAuthorizedAtSameEntityOrOhca: 'yes', noFurtherImpermissibleUseOrDisclosure: 'yes' }, 'own_workforce_member', 'exception'],
    [{ kind: 'inadvertent_internal', discloserAuthorized: 'yes', recipientAuthorizedAtSameEntityOrOhca: 'no', noFurtherImpermissibleUseOrDisclosure: 'yes' }, 'own_workforce_member', 'breach'],
    [{ kind: 'could_not_retain', goodFaithBeliefCouldNotRetain: 'yes' }, 'other_known_party', 'exception'],
  ] as const)('exception %j (recipient %s) → %s', (exception, kind, outcome) => {
    const d = run({
      exception,
      assessment: { ...coveredEntityBreach(D).assessment!, unauthorizedRecipient: { kind, obligatedToProtect: 'yes' }, acquiredOrViewed: { finding: 'viewed' } },
    });
    expect(d.outcome).toBe(outcome);
  });

  it('four factors all low: low probability of compromise, not reportable, and the rationale names each factor', () => {
    const d = run({ phi: limitedPhi, assessment: lowRisk });
    expect(d.outcome).toBe('low_probability_of_compromise');
    expect(d.recommendation).toEqual({ reportable: false, lowProbabilityOfCompromise: true });
    for (const f of ['(i)', '(ii)', '(iii)', '(iv)']) expect(d.rationale.join('\n')).toContain(`Factor ${f}`);
  });

  it.each([
    ['natureAndExtent', { reidentificationLikelihood: 'unknown' }],
    ['unauthorizedRecipient', { kind: 'unknown', obligatedToProtect: 'unknown' }],
    ['acquiredOrViewed', { finding: 'unknown' }],
    ['mitigation', { extent: 'unknown' }],
  ] as const)('one unknown factor (%s) keeps the presumption of breach', (factor, answer) => {
    const d = run({ phi: limitedPhi, assessment: { ...lowRisk, [factor]: answer } });
    expect(d.outcome).toBe('breach');
    expect(d.factors.find((f) => f.rating === 'unknown')).toBeDefined();
    expect(d.rationale.join('\n')).toContain('UNKNOWN (does not rebut the presumption)');
  });

  it('no assessment at all: every factor unknown, reportable', () => {
    const d = run({ phi: limitedPhi, assessment: undefined });
    expect(d.factors.every((f) => f.rating === 'unknown')).toBe(true);
    expect(d.recommendation.reportable).toBe(true);
  });

  it('SSNs make factor (i) not low even when re-identification is otherwise unlikely', () => {
    const d = run({ phi: { involved: 'yes', identifiers: ['social_security_numbers'] }, assessment: lowRisk });
    expect(d.factors[0]).toMatchObject({ factor: 'i', rating: 'not_low' });
    expect(d.outcome).toBe('breach');
  });
});

describe('facts validation: every problem named by field and rule', () => {
  const issues = (input: unknown) => {
    const r = validateFacts(input, { now: NOW });
    return r.ok ? [] : r.issues;
  };
  it.each([
    ['discovery in the future', { dates: { discoveredAt: '2026-12-01T00:00:00Z' } }, 'dates.discoveredAt', /in the future/],
    ['reported before discovery', { dates: { discoveredAt: D, reportedAt: '2026-10-01T00:00:00Z' } }, 'dates.reportedAt', /before dates\.discoveredAt/],
    ['negative count', { affected: { byJurisdiction: { CA: -1 } } }, 'affected.byJurisdiction.CA', /negative/],
    ['non-integer count', { affected: { byJurisdiction: { CA: 1.5 } } }, 'affected.byJurisdiction.CA', /whole number/],
    ['unknown state code', { affected: { byJurisdiction: { XX: 5 } } }, 'affected.byJurisdiction.XX', /unknown state or jurisdiction code "XX"/],
    ['BA without a covered entity', { role: 'business_associate', coveredEntities: [] }, 'coveredEntities', /at least one covered entity/],
    ['bad time zone', { organization: { name: 'X', timeZone: 'Mars/Olympus' } }, 'organization.timeZone', /IANA time zone/],
    ['more insufficient-contact people than affected', { affected: { byJurisdiction: { CA: 5 }, insufficientContact: 6 } }, 'affected.insufficientContact', /more than the 5/],
    [
      'exception that does not match the facts',
      { exception: { kind: 'could_not_retain', goodFaithBeliefCouldNotRetain: 'yes' }, assessment: { ...coveredEntityBreach(D).assessment!, acquiredOrViewed: { finding: 'acquired' } } },
      'exception.kind',
      /contradicts assessment\.acquiredOrViewed\.finding = acquired/,
    ],
    [
      'good-faith workforce exception for an outside recipient',
      { exception: { kind: 'good_faith_workforce', unintentional: 'yes', goodFaith: 'yes', withinScopeOfAuthority: 'yes', noFurtherImpermissibleUseOrDisclosure: 'yes' } },
      'exception.kind',
      /requires the person to be a workforce member/,
    ],
  ])('%s', (_name, overrides, path, message) => {
    const found = issues({ ...coveredEntityBreach(D), ...overrides });
    const hit = found.find((i) => i.path === path);
    expect(hit, JSON.stringify(found)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it('discovery before the occurrence is fine (a later-found earlier start)', () => {
    expect(issues({ ...coveredEntityBreach(D), dates: { discoveredAt: D, occurredAt: '2026-11-05T00:00:00Z' } })).toEqual([]);
  });

  it('lists every problem at once, not only the first', () => {
    expect(issues({ ...coveredEntityBreach(D), dates: { discoveredAt: '2026-12-01T00:00:00Z', reportedAt: '2026-11-30T00:00:00Z' }, affected: { byJurisdiction: { CA: 5 }, deceased: 9 } }).length).toBeGreaterThanOrEqual(3);
  });
});
