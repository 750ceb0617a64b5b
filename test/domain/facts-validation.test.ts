import { describe, expect, it } from 'vitest';
import { validateFacts, type FactsIssue, type IncidentFactsInput } from '../../domain/index.js';

const NOW = '2026-11-22T12:00:00Z';
const D = '2026-11-01T10:00:00-08:00';

/** Synthetic facts that validate; each case below breaks one thing. */
function valid(): IncidentFactsInput {
  return {
    organization: { name: 'Synthetic Valley Clinic', entityType: 'health_care_provider', timeZone: 'America/Los_Angeles' },
    role: 'covered_entity',
    dates: { occurredAt: '2026-10-29T10:00:00-07:00', discoveredAt: D },
    phi: { involved: 'yes', identifiers: ['names', 'dates'], clinical: true, financial: false },
    security: { encrypted: 'no', encryptionMeetsHhsGuidance: 'no', keyCompromised: 'unknown', destroyed: 'no' },
    assessment: {
      natureAndExtent: { reidentificationLikelihood: 'high', sensitiveInformation: 'yes' },
      unauthorizedRecipient: { kind: 'unknown_or_malicious', obligatedToProtect: 'no' },
      acquiredOrViewed: { finding: 'acquired', basis: 'exfiltration in firewall logs' },
      mitigation: { extent: 'none' },
    },
    affected: { byJurisdiction: { CA: 40, NV: 10 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  };
}
const ba = (coveredEntities: unknown): unknown => ({
  ...valid(),
  organization: { name: 'Synthetic Billing', entityType: 'business_associate', timeZone: 'America/New_York' },
  role: 'business_associate',
  coveredEntities,
});
const ceParty = { id: 'ce-1', name: 'Synthetic Hospital', baaNoticeTerm: { amount: 5, unit: 'business_days' }, holidays: ['2026-12-25'] };
const written = {
  kind: 'written',
  official: 'Agent Example (synthetic)',
  agency: 'Synthetic Bureau',
  receivedAt: '2026-11-05T09:00:00-08:00',
  endsAt: '2026-12-05T09:00:00-08:00',
};

function issuesOf(input: unknown): FactsIssue[] {
  const r = validateFacts(input, { now: NOW });
  return r.ok ? [] : r.issues;
}

describe('valid facts pass, with defaults filled in', () => {
  it('the synthetic example validates', () => {
    const r = validateFacts(valid(), { now: NOW });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.facts.lawEnforcementDelays).toEqual([]);
  });
  it('discovery before the occurrence is allowed (a later-found, earlier-believed start)', () => {
    expect(issuesOf({ ...valid(), dates: { discoveredAt: D, occurredAt: '2026-11-05T00:00:00Z' } })).toEqual([]);
  });
  it('a business associate with a covered entity validates', () => {
    expect(issuesOf(ba([ceParty]))).toEqual([]);
  });
});

describe('bad input: a clear error naming the exact field and the rule; nothing is guessed', () => {
  it.each<[string, (f: IncidentFactsInput) => unknown, string, RegExp]>([
    // dates
    [
      'discovery in the future',
      (f) => ({ ...f, dates: { discoveredAt: '2026-12-01T00:00:00Z' } }),
      'dates.discoveredAt',
      /is in the future \(now is 2026-11-22T12:00:00Z\).*164\.404\(a\)\(2\)/,
    ],
    [
      'discovery later today is still the future',
      (f) => ({ ...f, dates: { discoveredAt: '2026-11-22T12:00:01Z' } }),
      'dates.discoveredAt',
      /in the future/,
    ],
    [
      'discovery in year 0000 (a typing slip the CLI once crashed on in the calendar arithmetic)',
      (f) => ({ ...f, dates: { discoveredAt: '0000-01-01T00:00:00Z' } }),
      'dates.discoveredAt',
      /between the years 1900 and 2999/,
    ],
    [
      'occurrence in year 1899',
      (f) => ({ ...f, dates: { discoveredAt: D, occurredAt: '1899-12-31T23:00:00-05:00' } }),
      'dates.occurredAt',
      /between the years 1900 and 2999/,
    ],
    ['discovery as a bare date', (f) => ({ ...f, dates: { discoveredAt: '2026-11-01' } }), 'dates.discoveredAt', /UTC offset/],
    [
      'discovery as a local time without offset',
      (f) => ({ ...f, dates: { discoveredAt: '2026-11-01T10:00:00' } }),
      'dates.discoveredAt',
      /UTC offset/,
    ],
    ['discovery missing', (f) => ({ ...f, dates: {} }), 'dates.discoveredAt', /^is required/],
    [
      'reported before discovery',
      (f) => ({ ...f, dates: { discoveredAt: D, reportedAt: '2026-10-31T00:00:00Z' } }),
      'dates.reportedAt',
      /before dates\.discoveredAt/,
    ],
    [
      'occurrence end before its start',
      (f) => ({ ...f, dates: { discoveredAt: D, occurredAt: '2026-10-20T00:00:00Z', occurredEndAt: '2026-10-19T00:00:00Z' } }),
      'dates.occurredEndAt',
      /before dates\.occurredAt/,
    ],
    [
      'occurrence in the future',
      (f) => ({ ...f, dates: { discoveredAt: D, occurredAt: '2027-01-01T00:00:00Z' } }),
      'dates.occurredAt',
      /in the future/,
    ],
    // counts
    ['negative count', (f) => ({ ...f, affected: { byJurisdiction: { CA: -1 } } }), 'affected.byJurisdiction.CA', /cannot be negative/],
    ['non-integer count', (f) => ({ ...f, affected: { byJurisdiction: { CA: 1.5 } } }), 'affected.byJurisdiction.CA', /whole number/],
    ['count as text', (f) => ({ ...f, affected: { byJurisdiction: { CA: '12' } } }), 'affected.byJurisdiction.CA', /whole number/],
    [
      'negative insufficient-contact count',
      (f) => ({ ...f, affected: { byJurisdiction: { CA: 5 }, insufficientContact: -2 } }),
      'affected.insufficientContact',
      /cannot be negative/,
    ],
    [
      'non-integer deceased count',
      (f) => ({ ...f, affected: { byJurisdiction: { CA: 5 }, deceased: 0.5 } }),
      'affected.deceased',
      /whole number/,
    ],
    [
      'unknown State code',
      (f) => ({ ...f, affected: { byJurisdiction: { XX: 5 } } }),
      'affected.byJurisdiction.XX',
      /"XX" is not a State or jurisdiction code.*160\.103/,
    ],
    [
      'lower-case State code',
      (f) => ({ ...f, affected: { byJurisdiction: { ca: 5 } } }),
      'affected.byJurisdiction.ca',
      /did you mean "CA"/,
    ],
    [
      'upper-case UNKNOWN',
      (f) => ({ ...f, affected: { byJurisdiction: { UNKNOWN: 5 } } }),
      'affected.byJurisdiction.UNKNOWN',
      /lower case/,
    ],
    [
      'more insufficient-contact people than living affected',
      (f) => ({ ...f, affected: { byJurisdiction: { CA: 10 }, deceased: 2, insufficientContact: 9 } }),
      'affected.insufficientContact',
      /more than the 8 living affected individuals \(10 counted − 2 deceased\)/,
    ],
    [
      'more deceased than affected',
      (f) => ({ ...f, affected: { byJurisdiction: { CA: 5 }, deceased: 6 } }),
      'affected.deceased',
      /6 deceased is more than the 5/,
    ],
    [
      'more minors than affected',
      (f) => ({ ...f, affected: { byJurisdiction: { CA: 5 }, minors: 6 } }),
      'affected.minors',
      /more than the 5/,
    ],
    [
      'more next-of-kin addresses than deceased',
      (f) => ({ ...f, affected: { byJurisdiction: { CA: 5 }, deceased: 1, deceasedWithNextOfKinAddress: 2 } }),
      'affected.deceasedWithNextOfKinAddress',
      /more than affected\.deceased \(1\)/,
    ],
    // who we are
    ['business associate with no covered entity', () => ba([]), 'coveredEntities', /at least one covered entity.*164\.410\(a\)\(1\)/],
    [
      'business associate that omits coveredEntities',
      (f) => ({ ...f, role: 'business_associate' }),
      'coveredEntities',
      /at least one covered entity/,
    ],
    [
      'covered entity listing covered entities',
      (f) => ({ ...f, coveredEntities: [ceParty] }),
      'coveredEntities',
      /only a business associate/,
    ],
    [
      'covered-entity role for a business-associate organization',
      (f) => ({ ...f, organization: { ...f.organization, entityType: 'business_associate' } }),
      'role',
      /never the covered entity/,
    ],
    [
      'duplicate covered-entity ids',
      () => ba([ceParty, { ...ceParty, name: 'Other' }]),
      'coveredEntities.1.id',
      /duplicates coveredEntities\.0\.id "ce-1"/,
    ],
    ['impossible holiday date', () => ba([{ ...ceParty, holidays: ['2026-02-30'] }]), 'coveredEntities.0.holidays.0', /real calendar date/],
    [
      'negative BAA term',
      () => ba([{ ...ceParty, baaNoticeTerm: { amount: -1, unit: 'calendar_days' } }]),
      'coveredEntities.0.baaNoticeTerm.amount',
      /cannot be negative/,
    ],
    [
      'BAA term in weeks',
      () => ba([{ ...ceParty, baaNoticeTerm: { amount: 1, unit: 'weeks' } }]),
      'coveredEntities.0.baaNoticeTerm.unit',
      /"calendar_days" or "business_days"/,
    ],
    ['covered-entity id with spaces', () => ba([{ ...ceParty, id: 'a b' }]), 'coveredEntities.0.id', /opaque id/],
    ['bad role', (f) => ({ ...f, role: 'vendor' }), 'role', /"covered_entity" or "business_associate"/],
    ['bad time zone', (f) => ({ ...f, organization: { name: 'X', timeZone: 'Mars/Olympus' } }), 'organization.timeZone', /IANA time zone/],
    ['missing time zone', (f) => ({ ...f, organization: { name: 'X' } }), 'organization.timeZone', /^is required/],
    ['unknown field', (f) => ({ ...f, affectedPeople: 3 }), 'affectedPeople', /not a field of this schema/],
    [
      'unknown nested field',
      (f) => ({ ...f, dates: { discoveredAt: D, discovered: D } }),
      'dates.discovered',
      /not a field of this schema/,
    ],
    // PHI and security
    [
      '"no PHI" with PHI kinds recorded',
      (f) => ({ ...f, phi: { involved: 'no', identifiers: ['names'] } }),
      'phi.involved',
      /"no" but PHI kinds are recorded/,
    ],
    [
      'an identifier listed twice',
      (f) => ({ ...f, phi: { involved: 'yes', identifiers: ['names', 'names'] } }),
      'phi.identifiers.1',
      /listed twice/,
    ],
    [
      'not one of the 18 identifiers',
      (f) => ({ ...f, phi: { involved: 'yes', identifiers: ['shoe_size'] } }),
      'phi.identifiers.0',
      /18 identifiers of 45 CFR 164\.514\(b\)\(2\)/,
    ],
    [
      'a key compromised without encryption',
      (f) => ({ ...f, security: { encrypted: 'no', keyCompromised: 'yes' } }),
      'security.keyCompromised',
      /no decryption key/,
    ],
    [
      'a yes/no/unknown answer given as a boolean',
      (f) => ({ ...f, security: { encrypted: true } }),
      'security.encrypted',
      /"yes", "no" or "unknown"/,
    ],
    // exceptions that do not match the facts (164.402(1))
    [
      'could-not-retain but the PHI was acquired',
      (f) => ({ ...f, exception: { kind: 'could_not_retain', goodFaithBeliefCouldNotRetain: 'yes' } }),
      'exception.kind',
      /could_not_retain \(45 CFR 164\.402\(1\)\(iii\)\).*acquiredOrViewed\.finding is "acquired"/,
    ],
    [
      'good-faith workforce use by an outside, malicious party',
      (f) => ({
        ...f,
        exception: {
          kind: 'good_faith_workforce',
          unintentional: 'yes',
          byWorkforceOrUnderAuthority: 'yes',
          goodFaith: 'yes',
          withinScopeOfAuthority: 'yes',
          noFurtherImpermissibleUseOrDisclosure: 'yes',
        },
      }),
      'exception.kind',
      /good_faith_workforce \(45 CFR 164\.402\(1\)\(i\)\).*"unknown_or_malicious"/,
    ],
    [
      'inadvertent internal disclosure to a party outside HIPAA',
      (f) => ({
        ...f,
        exception: {
          kind: 'inadvertent_internal',
          inadvertent: 'yes',
          discloserAuthorized: 'yes',
          recipientAuthorizedAtSameEntityOrOhca: 'yes',
          noFurtherImpermissibleUseOrDisclosure: 'yes',
        },
        assessment: { ...f.assessment, unauthorizedRecipient: { kind: 'other_known_party', obligatedToProtect: 'no' } },
      }),
      'exception.kind',
      /inadvertent_internal \(45 CFR 164\.402\(1\)\(ii\)\).*"other_known_party"/,
    ],
    [
      'an exception with no PHI',
      (f) => ({
        ...f,
        phi: { involved: 'no' },
        assessment: undefined,
        exception: { kind: 'could_not_retain', goodFaithBeliefCouldNotRetain: 'yes' },
      }),
      'exception',
      /no PHI/,
    ],
    [
      'an exception that is not one of the three',
      (f) => ({ ...f, exception: { kind: 'too_small_to_matter' } }),
      'exception.kind',
      /good_faith_workforce, inadvertent_internal, could_not_retain/,
    ],
    [
      'an exception condition left out',
      (f) => ({
        ...f,
        exception: {
          kind: 'good_faith_workforce',
          unintentional: 'yes',
          byWorkforceOrUnderAuthority: 'yes',
          withinScopeOfAuthority: 'yes',
          noFurtherImpermissibleUseOrDisclosure: 'yes',
        },
      }),
      'exception.goodFaith',
      /^is required/,
    ],
    [
      'an assessment answer outside the options',
      (f) => ({ ...f, assessment: { ...f.assessment, unauthorizedRecipient: { kind: 'hacker', obligatedToProtect: 'no' } } }),
      'assessment.unauthorizedRecipient.kind',
      /must be one of: own_workforce_member/,
    ],
    // law-enforcement statements (164.412)
    [
      'written delay ending before it was received',
      (f) => ({ ...f, lawEnforcementDelays: [{ ...written, endsAt: '2026-11-04T00:00:00Z' }] }),
      'lawEnforcementDelays.0.endsAt',
      /after receivedAt.*164\.412\(a\)/,
    ],
    [
      'written delay with no end',
      (f) => ({ ...f, lawEnforcementDelays: [{ ...written, endsAt: undefined }] }),
      'lawEnforcementDelays.0.endsAt',
      /^is required/,
    ],
    [
      "oral delay without the official's identity",
      (f) => ({ ...f, lawEnforcementDelays: [{ kind: 'oral', agency: 'Synthetic PD', receivedAt: '2026-11-05T09:00:00-08:00' }] }),
      'lawEnforcementDelays.0.official',
      /^is required/,
    ],
    [
      'oral delay with a blank official',
      (f) => ({
        ...f,
        lawEnforcementDelays: [{ kind: 'oral', official: '  ', agency: 'Synthetic PD', receivedAt: '2026-11-05T09:00:00-08:00' }],
      }),
      'lawEnforcementDelays.0.official',
      /must not be empty/,
    ],
    [
      'statement received in the future',
      (f) => ({ ...f, lawEnforcementDelays: [{ ...written, receivedAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z' }] }),
      'lawEnforcementDelays.0.receivedAt',
      /in the future/,
    ],
    [
      'delay lifted before it was received',
      (f) => ({ ...f, lawEnforcementDelays: [{ ...written, endedAt: '2026-11-04T00:00:00Z' }] }),
      'lawEnforcementDelays.0.endedAt',
      /before receivedAt/,
    ],
    [
      'delay that applies to no notice',
      (f) => ({ ...f, lawEnforcementDelays: [{ ...written, appliesTo: [] }] }),
      'lawEnforcementDelays.0.appliesTo',
      /at least one notice kind/,
    ],
    [
      'statement kind by email',
      (f) => ({ ...f, lawEnforcementDelays: [{ ...written, kind: 'email' }] }),
      'lawEnforcementDelays.0.kind',
      /"written".*"oral"/,
    ],
  ])('%s', (_name, mutate, path, message) => {
    const found = issuesOf(mutate(valid()));
    const hit = found.find((i) => i.path === path);
    expect(hit, `no issue at ${path}; got ${JSON.stringify(found)}`).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it.each([
    [undefined, 'is required'],
    ['facts', 'must be an object'],
    [[], 'must be an object'],
  ])('input %j → (root): %s', (input, message) => {
    expect(issuesOf(input)).toEqual([{ path: '(root)', message }]);
  });

  it('lists every problem at once — schema and cross-field alike', () => {
    const found = issuesOf({
      ...valid(),
      organization: { name: 'X', timeZone: 'Nowhere/Town' },
      dates: { discoveredAt: '2026-12-01T00:00:00Z', reportedAt: '2026-11-30T00:00:00Z' },
      affected: { byJurisdiction: { CA: 5, ZZ: 1, NV: -4 }, deceased: 1, deceasedWithNextOfKinAddress: 3 },
      role: 'business_associate',
    });
    // reportedAt breaks two rules: before discovery, and in the future.
    expect(found.map((i) => i.path).sort()).toEqual(
      [
        'affected.byJurisdiction.NV',
        'affected.byJurisdiction.ZZ',
        'affected.deceasedWithNextOfKinAddress',
        'coveredEntities',
        'dates.discoveredAt',
        'dates.reportedAt',
        'dates.reportedAt',
        'organization.timeZone',
      ].sort(),
    );
  });

  it('a problem is reported once', () => {
    const found = issuesOf({ ...valid(), affected: { byJurisdiction: { CA: 5 }, deceased: 9, minors: 9 } });
    expect(found.map((i) => i.path)).toEqual(['affected.deceased', 'affected.minors']);
  });

  it('rejects a "now" that is not an instant (a programming error, not bad input)', () => {
    expect(() => validateFacts(valid(), { now: 'yesterday' })).toThrow(/now must be an ISO instant/);
  });
});
