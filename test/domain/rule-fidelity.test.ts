import { describe, expect, it } from 'vitest';
import {
  determine,
  formatLegalDate,
  formatLegalDeadlineInstant,
  jurisdictionCitation,
  jurisdictionCodeProblem,
  planObligations,
  validateFacts,
  type IncidentFactsInput,
  type RulesVersion,
} from '../../domain/index.js';

/** Issue 12 items 3–8 (items 1–2: law-enforcement-delay.test.ts). Synthetic organizations only. */
const NOW = '2026-11-22T12:00:00Z';
const D = '2026-11-01T10:00:00-08:00';

function facts(over: Partial<IncidentFactsInput> = {}): IncidentFactsInput {
  return {
    organization: { name: 'Synthetic Valley Clinic', timeZone: 'America/Los_Angeles' },
    role: 'covered_entity',
    dates: { discoveredAt: D },
    phi: { involved: 'yes', identifiers: ['names'], clinical: true },
    security: { encrypted: 'no' },
    affected: { byJurisdiction: { CA: 12 } },
    ...over,
  };
}
function check(over: Partial<IncidentFactsInput>, rulesVersion?: RulesVersion) {
  return validateFacts(facts(over), { now: NOW, ...(rulesVersion ? { rulesVersion } : {}) });
}
function run(over: Partial<IncidentFactsInput>, rulesVersion?: RulesVersion) {
  const r = check(over, rulesVersion);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return determine(r.facts, rulesVersion ? { rulesVersion } : {});
}

describe('item 3 — the threshold question: a use or disclosure NOT permitted by the Privacy Rule (45 CFR 164.402)', () => {
  it('permitted, with its basis: not a breach, documented with the basis — before, it was presumed a breach', () => {
    const over = {
      privacyRule: { finding: 'permitted', basis: "disclosure for treatment to the patient's referring physician, 164.506(c)" },
    } as const;
    const d = run(over);
    expect(d.outcome).toBe('permitted_use');
    expect(d.recommendation.reportable).toBe(false);
    expect(d.steps[1]).toMatchObject({ step: 'privacy_rule', decisive: true });
    expect(d.rationale.join('\n')).toMatch(/permitted by the Privacy Rule — basis: disclosure for treatment.*164\.502\(a\)/);
    expect(run(over, 1).outcome).toBe('breach'); // edition 1: the question was never asked
  });

  it('incidental to a permitted use with minimum necessary and safeguards: not a breach, cited 164.502(a)(1)(iii)', () => {
    const d = run({ privacyRule: { finding: 'incidental', basis: "overheard at the nurses' station despite lowered voices" } });
    expect(d.outcome).toBe('permitted_use');
    expect(d.rationale.join('\n')).toMatch(/164\.502\(a\)\(1\)\(iii\), 164\.502\(b\), 164\.530\(c\)/);
  });

  it('unknown, or not answered: the presumption stands and the rationale says so', () => {
    for (const over of [{ privacyRule: { finding: 'unknown' } } as const, {}]) {
      const d = run(over);
      expect(d.outcome).toBe('breach');
      expect(d.steps.find((s) => s.step === 'privacy_rule')!.finding).toMatch(/not known: presumed not permitted/);
    }
  });

  it('permitted without a basis is refused, naming the field and the rule', () => {
    const r = check({ privacyRule: { finding: 'permitted' } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual({
        path: 'privacyRule.basis',
        message: expect.stringMatching(/is required when privacyRule.finding is "permitted".*164\.414\(b\)/) as unknown,
      });
  });

  it('a bad finding is a schema error that lists the choices', () => {
    const r = check({ privacyRule: { finding: 'maybe' } as never });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({
        path: 'privacyRule.finding',
        message: expect.stringMatching(/permitted, incidental, not_permitted, unknown/) as unknown,
      });
  });
});

describe('item 4 — the four factors are weighed together (45 CFR 164.402(2))', () => {
  const contained = {
    natureAndExtent: { reidentificationLikelihood: 'high', sensitiveInformation: 'no' },
    unauthorizedRecipient: { kind: 'hipaa_covered_entity_or_business_associate', obligatedToProtect: 'yes' },
    acquiredOrViewed: { finding: 'not_acquired_or_viewed', basis: "the recipient's attestation: the envelope was never opened" },
    mitigation: { extent: 'returned_or_destroyed_with_attestation' },
  } as const;

  it('names sent to another covered entity, never opened, returned with an attestation: low probability (was always reportable)', () => {
    const d = run({ assessment: contained });
    expect(d.outcome).toBe('low_probability_of_compromise');
    const finding = d.steps.at(-1)!.finding;
    expect(finding).toMatch(
      /weighing toward a low probability of compromise: factor \(ii\), factor \(iii\), factor \(iv\); weighing toward compromise: factor \(i\)/,
    );
    expect(finding).toMatch(/outweighs the nature and extent of the PHI/);
    expect(run({ assessment: contained }, 1).outcome).toBe('breach'); // edition 1: every factor had to be low
  });

  it('evidence short of a low probability keeps the presumption: viewed, unknown recipient duty, or no mitigation', () => {
    expect(run({ assessment: { ...contained, acquiredOrViewed: { finding: 'viewed' } } }).outcome).toBe('breach');
    expect(
      run({ assessment: { ...contained, unauthorizedRecipient: { kind: 'other_known_party', obligatedToProtect: 'no' } } }).outcome,
    ).toBe('breach');
    expect(run({ assessment: { ...contained, mitigation: { extent: 'partial' } } }).outcome).toBe('breach');
    const unknown = run({ assessment: { ...contained, mitigation: { extent: 'unknown' } } });
    expect(unknown.outcome).toBe('breach');
    expect(unknown.steps.at(-1)!.finding).toMatch(/unknown answers leave the evidence short of demonstrating a low probability/);
  });

  it("an organization's additional factor rated not low keeps the presumption", () => {
    expect(
      run({ assessment: { ...contained, additionalFactors: [{ name: 'prior misuse by the recipient', rating: 'not_low' }] } }).outcome,
    ).toBe('breach');
  });
});

describe("item 5 — a business associate acting as the covered entity's agent (45 CFR 164.404(a)(2))", () => {
  const ba = (actingAsAgent?: 'yes' | 'no' | 'unknown', rulesVersion?: RulesVersion) => {
    const r = validateFacts(
      facts({
        organization: { name: 'Synthetic Billing', entityType: 'business_associate', timeZone: 'America/New_York' },
        role: 'business_associate',
        dates: { discoveredAt: '2026-03-02T10:00:00-05:00' },
        coveredEntities: [{ id: 'ce-1', name: 'Synthetic Hospital', ...(actingAsAgent ? { actingAsAgent } : {}) }],
      }),
      { now: NOW },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return planObligations(
      r.facts,
      { reportable: true, decidedBy: 'po', decidedAt: '2026-03-03T09:00:00-05:00' },
      { now: NOW, ...(rulesVersion ? { rulesVersion } : {}) },
    );
  };

  it.each(['yes', 'unknown', undefined] as const)(
    "agent %s: the plan warns that the CE's own 60 days started the same day, and the CE notice targets 10 days",
    (agent) => {
      const p = ba(agent);
      const o = p.obligations[0]!;
      expect(o.deadline.date).toBe('2026-05-01');
      expect(o.target.date).toBe('2026-03-12');
      expect(p.warnings.join('\n')).toMatch(
        /Synthetic Hospital's agent.*our discovery on 2026-03-02 is Synthetic Hospital's discovery \(45 CFR 164\.404\(a\)\(2\).*end 2026-05-01/,
      );
      expect(p.coveredEntities).toEqual([{ id: 'ce-1', name: 'Synthetic Hospital', actingAsAgent: agent ?? 'unknown' }]);
    },
  );

  it('agent no: no warning, the usual 30-day target; edition 1 never asked', () => {
    for (const p of [ba('no'), ba(undefined, 1)]) {
      expect(p.obligations[0]!.target.date).toBe('2026-04-01');
      expect(p.warnings.join('\n')).not.toMatch(/agent/);
    }
  });
});

describe('item 6 — the inadvertent-disclosure exception needs the same CE, BA or OHCA (45 CFR 164.402(1)(ii))', () => {
  const internal = {
    kind: 'inadvertent_internal',
    inadvertent: 'yes',
    discloserAuthorized: 'yes',
    recipientAuthorizedAtSameEntityOrOhca: 'yes',
    noFurtherImpermissibleUseOrDisclosure: 'yes',
  } as const;
  const toAnotherCe = {
    exception: internal,
    assessment: { unauthorizedRecipient: { kind: 'hipaa_covered_entity_or_business_associate', obligatedToProtect: 'yes' } },
  } as const;

  it('a recipient at another covered entity is refused (was accepted), naming the field and the rule', () => {
    const r = check(toAnotherCe);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual({
        path: 'exception.sameOrganizedHealthCareArrangement',
        message: expect.stringMatching(/same covered entity, business associate or organized health care arrangement/) as unknown,
      });
    expect(check(toAnotherCe, 1).ok).toBe(true); // edition 1 (a running incident) as before
  });

  it('accepted when that entity is a participant of the same organized health care arrangement, or the recipient is our own', () => {
    expect(check({ ...toAnotherCe, exception: { ...internal, sameOrganizedHealthCareArrangement: 'yes' } }).ok).toBe(true);
    expect(
      check({ exception: internal, assessment: { unauthorizedRecipient: { kind: 'own_workforce_member', obligatedToProtect: 'yes' } } }).ok,
    ).toBe(true);
  });

  it('any other entity is refused', () => {
    const r = check({
      exception: internal,
      assessment: { unauthorizedRecipient: { kind: 'other_entity_obligated_by_law', obligatedToProtect: 'yes' } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('exception.kind');
  });
});

describe('item 7 — "State" of 45 CFR 160.103 and the jurisdictions counted beyond it', () => {
  it('DC, PR, VI and GU cite 160.103; AS and MP are cited as a 164.406(a) "jurisdiction", marked unverified', () => {
    for (const c of ['DC', 'PR', 'VI', 'GU', 'CA']) expect(jurisdictionCitation(c)).toBe('45 CFR 164.406(a); 160.103 "State"');
    for (const c of ['AS', 'MP'])
      expect(jurisdictionCitation(c)).toMatch(/164\.406\(a\) "jurisdiction".*not a 160\.103 "State"; our reading, unverified/);
    expect(jurisdictionCodeProblem('ZZ')).toMatch(
      /DC, PR, VI or GU \(45 CFR 160\.103 "State"\), AS or MP \(a "jurisdiction" of 45 CFR 164\.406\(a\)\)/,
    );
  });

  it('a media notice in American Samoa carries the corrected citation', () => {
    const r = validateFacts(
      facts({ phi: { involved: 'yes', identifiers: ['social_security_numbers'] }, affected: { byJurisdiction: { AS: 501 } } }),
      { now: NOW },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const p = planObligations(r.facts, { reportable: true, decidedBy: 'po', decidedAt: '2026-11-02T09:00:00-08:00' }, { now: NOW });
    expect(p.obligations.find((o) => o.id === 'media_notice:AS')!.notes[0]).toMatch(/not a 160\.103 "State"/);
  });
});

describe('item 8 — legal dates people read', () => {
  it('the local date in the organization\'s zone, zone named (not "12/1/2026, 7:59:59 AM" in UTC)', () => {
    expect(formatLegalDate('2026-11-30', 'America/Los_Angeles')).toBe('Mon 30 Nov 2026 (end of day, America/Los_Angeles)');
    expect(formatLegalDeadlineInstant('2026-12-01T07:59:59.999Z', 'America/Los_Angeles')).toBe(
      'Mon 30 Nov 2026 (end of day, America/Los_Angeles)',
    );
    expect(formatLegalDeadlineInstant('2026-03-02T09:59:59.999Z', 'Pacific/Honolulu')).toBe(
      'Sun 1 Mar 2026 (end of day, Pacific/Honolulu)',
    );
  });

  it('a target past the deadline is clipped, and the plan says so', () => {
    const r = validateFacts(facts({ phi: { involved: 'yes', identifiers: ['social_security_numbers'] } }), { now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const p = planObligations(
      r.facts,
      { reportable: true, decidedBy: 'po', decidedAt: '2026-11-02T09:00:00-08:00' },
      { now: NOW, targetDays: 90 },
    );
    const o = p.obligations.find((x) => x.id === 'individual_notice')!;
    expect(o.target.date).toBe(o.deadline.date);
    expect(o.notes.join(' ')).toMatch(
      /target: 90 days after discovery would be 2027-01-30, after the deadline 2026-12-31; the target is clipped to the deadline/,
    );
    expect(p.warnings.join('\n')).toMatch(
      /the target of 90 days after discovery falls after the deadline of individual_notice \(2026-12-31\).*clipped/,
    );
  });
});
