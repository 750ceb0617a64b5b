import { describe, expect, it } from 'vitest';
import { validateFacts, type Decision, type IncidentFacts, type IncidentFactsInput } from '../../domain/index.js';
import { currentPack, planWithStateLaw, type PlanWithStateLaw, type RecordedEvents } from '../../domain/state-law/index.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

/**
 * The jurisdictions encoded in packs 2026.12.03-2 and -3, each clock against a worked example read from its statute
 * (or, where marked SECONDARY in the pack, from the sources it cites). Synthetic organization only.
 * Default example: discovered Monday 2 Feb 2026, decided (= determined) Wednesday 4 Feb 2026, New York time;
 * the HIPAA individual notice is due 3 Apr 2026 (60 days after discovery).
 */
const NOW = '2026-02-05T00:00:00Z';

function facts(input: IncidentFactsInput): IncidentFacts {
  const r = validateFacts(input, { now: '2031-01-01T00:00:00Z' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.facts;
}
const decided = (at: string): Decision => ({ reportable: true, decidedBy: 'privacy.officer@example.test', decidedAt: at });
function plan(
  byJurisdiction: Record<string, number>,
  o: { discoveredAt?: string; events?: RecordedEvents; stateLaw?: IncidentFactsInput['stateLaw'] } = {},
): PlanWithStateLaw {
  const discoveredAt = o.discoveredAt ?? '2026-02-02T09:00:00-05:00';
  const f = facts({
    ...coveredEntityBreach(discoveredAt),
    organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider', timeZone: 'America/New_York' },
    affected: { byJurisdiction, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
    ...(o.stateLaw ? { stateLaw: o.stateLaw } : {}),
  });
  return planWithStateLaw(f, decided(o.discoveredAt ? discoveredAt : '2026-02-04T15:00:00-05:00'), {
    now: NOW,
    ...(o.events ? { events: o.events } : {}),
  });
}
const ob = (p: PlanWithStateLaw, id: string) => p.stateLaw.obligations.find((x) => x.id === id);
const due = (p: PlanWithStateLaw, id: string) => ob(p, id)?.deadline?.date;

describe('newly encoded jurisdictions: each is encoded, cited and sourced', () => {
  const NEW = [
    'AR',
    'AZ',
    'DC',
    'DE',
    'HI',
    'IA',
    'IN',
    'LA',
    'ME',
    'MO',
    'MT',
    'NC',
    'ND',
    'NE',
    'NH',
    'NM',
    'OH',
    'OK',
    'PR',
    'RI',
    'SC',
    'SD',
    'TN',
    'UT',
    'VA',
    'VT',
    'WI',
  ] as const;
  it.each(NEW)('%s is encoded, and a plan with its residents has no "state law to review" item for it', (code) => {
    const e = currentPack().entries.get(code)!;
    expect(e.status).toBe('encoded');
    expect(e.obligations.every((o) => o.citation && o.sources.length > 0)).toBe(true);
    const p = plan({ [code]: 2000 });
    expect(p.stateLaw.toReview.map((r) => r.jurisdiction)).not.toContain(code);
    expect(p.stateLaw.obligations.some((o) => o.jurisdiction === code)).toBe(true);
  });

  it('53 jurisdictions are encoded; the rest (GA, AS, MP) still say "state law to review"', () => {
    const encoded = [...currentPack().entries.values()].filter((e) => e.status === 'encoded').map((e) => e.jurisdiction);
    expect(encoded).toHaveLength(53);
    const notEncoded = [...currentPack().entries.values()].filter((e) => e.status === 'not_encoded').map((e) => e.jurisdiction);
    expect(notEncoded.sort()).toEqual(['AS', 'GA', 'MP']);
    // Georgia: the statute was read, but whom it reaches (§ 10-1-911) was not settled — still for counsel, with the notes.
    expect(plan({ GA: 10 }).stateLaw.toReview).toEqual([
      expect.objectContaining({ jurisdiction: 'GA', item: 'state law to review: Georgia' }),
    ]);
    expect(currentPack().entries.get('GA')!.notes.join(' ')).toMatch(/O\.C\.G\.A\. § 10-1-912\(a\).*information broker or data collector/);
    // § 10-1-911 now read: the reason it stays for counsel is who the statute reaches (government "data collectors", brokers).
    expect(currentPack().entries.get('GA')!.notes.join(' ')).toMatch(/§ 10-1-911\(2\).*"data collector" is "any state or local agency/);
    // No statute found for American Samoa or the Northern Mariana Islands: said so, and still for counsel.
    const p = plan({ AS: 4, MP: 4 });
    expect(p.stateLaw.toReview.map((r) => r.jurisdiction).sort()).toEqual(['AS', 'MP']);
    for (const code of ['AS', 'MP'] as const)
      expect(currentPack().entries.get(code)!.notes.join(' ')).toMatch(/no breach-notification statute .* was found/);
  });
});

/**
 * Pack 2026.12.03-3: AK, ID, KS, KY, MI, MN, MS, NV, WV, WY, GU and VI. All but Minnesota's consumer-reporting-agency
 * notice run "in the most expedient time" / "without unreasonable delay" — no number, so no date is invented.
 */
describe('pack 2026.12.03-3: the remaining jurisdictions', () => {
  const ADDED = ['AK', 'ID', 'KS', 'KY', 'MI', 'MN', 'MS', 'NV', 'WV', 'WY', 'GU', 'VI'] as const;

  it.each(ADDED)('%s: encoded, every rule cited and sourced; residents get its notice, never "state law to review"', (code) => {
    const e = currentPack().entries.get(code)!;
    expect(e.status).toBe('encoded');
    expect(e.statute).toBeTruthy();
    for (const o of e.obligations) {
      expect(o.citation).toMatch(/§/);
      expect(o.sources.length).toBeGreaterThan(0);
      // A rule not read in statute text says so first.
      if (o.verification !== 'verified') expect(o.notes[0]).toMatch(/^(SECONDARY SOURCES ONLY|UNVERIFIED)/);
    }
    const p = plan({ [code]: 20 });
    expect(p.stateLaw.toReview.map((r) => r.jurisdiction)).not.toContain(code);
    expect(ob(p, `state:${code}:individual_notice`)).toMatchObject({ status: 'no_fixed_date', citation: e.obligations[0]!.citation });
    expect(ob(p, `state:${code}:individual_notice`)?.deadlineBasis).toMatch(/HIPAA outer limit still applies .* 2026-04-03/);
  });

  it("what was read in statute text is marked verified; the rest keeps the secondary sources' status", () => {
    const v = (code: string, id: string) =>
      currentPack()
        .entries.get(code as 'AK')!
        .obligations.find((o) => o.id === id)?.verification;
    for (const [code, id] of [
      ['AK', 'individual_notice'],
      ['AK', 'cra_notice'],
      ['KS', 'individual_notice'],
      ['KY', 'individual_notice'],
      ['NV', 'individual_notice'],
      ['WV', 'individual_notice'],
      ['WY', 'individual_notice'],
    ] as const)
      expect(v(code, id), `${code}:${id}`).toBe('verified');
    for (const [code, id] of [
      ['ID', 'individual_notice'],
      ['KS', 'cra_notice'],
      ['KY', 'cra_notice'],
      ['MI', 'individual_notice'],
      ['MI', 'cra_notice'],
      ['MN', 'individual_notice'],
      ['MN', 'cra_notice'],
      ['MS', 'individual_notice'],
      ['WV', 'cra_notice'],
      ['GU', 'individual_notice'],
      ['VI', 'individual_notice'],
    ] as const)
      expect(v(code, id), `${code}:${id}`).toBe('secondary_sources');
    expect(v('NV', 'cra_notice')).toBe('unverified');
  });

  it.each([
    // "more than 1,000 state residents" — AS 45.48.040(a) (statute text); the others as the charts put it.
    ['AK', 'state:AK:cra_notice', 999, false],
    ['AK', 'state:AK:cra_notice', 1000, false],
    ['AK', 'state:AK:cra_notice', 1001, true],
    ['KS', 'state:KS:cra_notice', 999, false],
    ['KS', 'state:KS:cra_notice', 1000, false],
    ['KS', 'state:KS:cra_notice', 1001, true],
    ['KY', 'state:KY:cra_notice', 999, false],
    ['KY', 'state:KY:cra_notice', 1000, false],
    ['KY', 'state:KY:cra_notice', 1001, true],
    ['MI', 'state:MI:cra_notice', 999, false],
    ['MI', 'state:MI:cra_notice', 1000, false],
    ['MI', 'state:MI:cra_notice', 1001, true],
    ['NV', 'state:NV:cra_notice', 999, false],
    ['NV', 'state:NV:cra_notice', 1000, false],
    ['NV', 'state:NV:cra_notice', 1001, true],
    ['WV', 'state:WV:cra_notice', 999, false],
    ['WV', 'state:WV:cra_notice', 1000, false],
    ['WV', 'state:WV:cra_notice', 1001, true],
    // "more than 500" — Minn. Stat. § 325E.61, subd. 2 (secondary).
    ['MN', 'state:MN:cra_notice', 499, false],
    ['MN', 'state:MN:cra_notice', 500, false],
    ['MN', 'state:MN:cra_notice', 501, true],
  ] as const)('%s %s with %i residents → planned: %s', (code, id, n, expected) => {
    const p = plan({ [code]: n });
    expect(!!ob(p, id)).toBe(expected);
    if (!expected) expect(p.stateLaw.notTriggered.find((x) => x.id === id)?.reason).toMatch(/the rule needs more than/);
  });

  it('States without a regulator or CRA notice in the sources read plan the individual notice only (ID, MS, WY, GU, VI)', () => {
    for (const code of ['ID', 'MS', 'WY', 'GU', 'VI'] as const) {
      const ids = plan({ [code]: 50_000 })
        .stateLaw.obligations.filter((o) => o.jurisdiction === code)
        .map((o) => o.id);
      expect(ids, code).toEqual([`state:${code}:individual_notice`]);
    }
  });

  it('Minnesota: the agencies "within 48 hours" — two calendar days from discovery, weekends counted (no business days in this statute)', () => {
    expect(due(plan({ MN: 600 }), 'state:MN:cra_notice')).toBe('2026-02-04'); // discovered Mon 2 Feb
    expect(due(plan({ MN: 600 }, { discoveredAt: '2026-02-06T16:00:00-06:00' }), 'state:MN:cra_notice')).toBe('2026-02-08'); // Fri → Sun
    expect(ob(plan({ MN: 600 }), 'state:MN:cra_notice')?.notes.join(' ')).toMatch(/"within 48 hours" is encoded as 2 calendar days/);
  });

  it('the other consumer-reporting-agency notices have no number: planned without a date, never dropped', () => {
    for (const code of ['AK', 'KS', 'KY', 'MI', 'NV', 'WV'] as const)
      expect(ob(plan({ [code]: 1500 }), `state:${code}:cra_notice`), code).toMatchObject({ status: 'no_fixed_date' });
  });

  it('HIPAA exemptions known only from summaries or headings are planned as owed and say why (KY, KS, ID, MS, WV, WY, GU, VI)', () => {
    const codes = ['KY', 'KS', 'ID', 'MS', 'WV', 'WY', 'GU', 'VI'] as const;
    const p = plan(Object.fromEntries(codes.map((c) => [c, 30])));
    expect(p.stateLaw.satisfiedByHipaa.filter((x) => (codes as readonly string[]).includes(x.jurisdiction))).toEqual([]);
    for (const code of codes) {
      const o = ob(p, `state:${code}:individual_notice`)!;
      expect(o.hipaa.interplay, code).toBe('counsel_review');
      expect(o.hipaa.note, code).toMatch(/not read in statute text, so the rule is planned as owed/);
    }
    expect(ob(p, 'state:KY:individual_notice')?.hipaa.note).toMatch(/does not apply to a person subject to HIPAA/);
  });

  it("data elements: Wyoming's and Nevada's definitions include medical information; the classic States' do not", () => {
    const p = plan({ WY: 10, NV: 10, KS: 10, AK: 10 }, { stateLaw: { dataElements: ['medical'] } });
    expect(ob(p, 'state:WY:individual_notice')).toBeDefined();
    expect(ob(p, 'state:NV:individual_notice')).toBeDefined();
    for (const id of ['state:KS:individual_notice', 'state:AK:individual_notice']) {
      expect(ob(p, id)).toBeUndefined();
      expect(p.stateLaw.notTriggered.find((x) => x.id === id)?.reason).toMatch(/none of the recorded data elements/);
    }
  });

  it('Alaska: the attorney-general notice of a no-harm determination is not planned, and the individual notice says why', () => {
    const o = ob(plan({ AK: 5 }), 'state:AK:individual_notice')!;
    expect(o.notes.join(' ')).toMatch(/§ 45\.48\.010\(c\).*the engine does not plan it/);
    expect(
      plan({ AK: 5 })
        .stateLaw.obligations.filter((x) => x.jurisdiction === 'AK')
        .map((x) => x.recipientKind),
    ).toEqual(['individuals']);
  });
});

describe('day clocks: worked examples from each statute', () => {
  it.each([
    // "not more than forty-five (45) days after the discovery of the breach" — Ind. Code § 24-4.9-3-3(a): 2 Feb + 45 = 19 Mar.
    ['IN', 'state:IN:individual_notice', '2026-03-19'],
    ['IN', 'state:IN:ag_notice', '2026-03-19'],
    // "not later than forty-five calendar days following discovery" — N.M. Stat. § 57-12C-10 (more than 1,000).
    ['NM', 'state:NM:ag_notice', '2026-03-19'],
    ['NM', 'state:NM:individual_notice', '2026-03-19'],
    // "forty-five (45) calendar days after confirmation of the breach" — R.I. Gen. Laws § 11-49.3-4(a)(2)(ii): from the determination, 4 Feb + 45 = 21 Mar.
    ['RI', 'state:RI:individual_notice', '2026-03-21'],
    // "not later than 60 days after determination of the breach" — 6 Del. C. § 12B-102(c): 4 Feb + 60 = 5 Apr.
    ['DE', 'state:DE:individual_notice', '2026-04-05'],
    // "not later than sixty days from the discovery" — S.D. Codified Laws § 22-40-20: 2 Feb + 60 = 3 Apr.
    ['SD', 'state:SD:individual_notice', '2026-04-03'],
    ['LA', 'state:LA:individual_notice', '2026-04-03'],
    // "not later than 45 days after the discovery" — 9 V.S.A. § 2435(b)(1).
    ['VT', 'state:VT:individual_notice', '2026-03-19'],
    // 45 days after the determination (A.R.S. § 18-552(B), secondary).
    ['AZ', 'state:AZ:individual_notice', '2026-03-21'],
    ['AZ', 'state:AZ:ag_notice', '2026-03-21'],
    // 45 days after discovery (Tenn. Code § 47-18-2107(b); Ohio Rev. Code § 1349.19; Wis. Stat. § 134.98(3)(a) — secondary).
    ['TN', 'state:TN:individual_notice', '2026-03-19'],
    ['OH', 'state:OH:individual_notice', '2026-03-19'],
    ['WI', 'state:WI:individual_notice', '2026-03-19'],
    // 30 days after becoming aware (10 M.R.S. § 1348(1), secondary): 2 Feb + 30 = 4 Mar.
    ['ME', 'state:ME:individual_notice', '2026-03-04'],
    // "Within a non-extendable term of ten (10) days after the violation ... has been detected" — P.R. Laws tit. 10, § 4052: 2 Feb + 10 = 12 Feb.
    ['PR', 'state:PR:ag_notice', '2026-02-12'],
    // "within forty-five (45) days after the person ... determines that there is a reasonable likelihood of harm" — Ark. Code § 4-110-105(b)(2): 4 Feb + 45 = 21 Mar.
    ['AR', 'state:AR:ag_notice_45_days', '2026-03-21'],
  ] as const)('%s %s → %s', (code, id, date) => {
    expect(due(plan({ [code]: 2000 }), id)).toBe(date);
  });

  it('Delaware: "unless a shorter time is required under federal law" — the HIPAA date (3 Apr) is earlier than Delaware\'s (5 Apr) and controls', () => {
    const p = plan({ DE: 600 });
    expect(ob(p, 'state:DE:individual_notice')?.controlledBy).toEqual({
      id: 'individual_notice',
      citation: '45 CFR 164.404(b)',
      date: '2026-04-03',
    });
  });

  it('Arkansas: the attorney general "at the same time ... or within forty-five (45) days ..., whichever occurs first" — the resident notice on 1 Mar controls', () => {
    const p = plan({ AR: 1500 }, { events: { individualsNotifiedAt: '2026-03-01T10:00:00-05:00' } });
    expect(due(p, 'state:AR:ag_notice')).toBe('2026-03-01');
    expect(p.stateLaw.recipientClocks.find((r) => r.jurisdiction === 'AR' && r.recipientKind === 'attorney_general')?.controlling).toBe(
      'state:AR:ag_notice',
    );
    expect(ob(p, 'state:AR:ag_notice_45_days')?.controlledBy).toMatchObject({ id: 'state:AR:ag_notice', date: '2026-03-01' });
  });

  it('Oklahoma (S.B. 626): the attorney general within 60 days after the resident notices, for breaches from 2026-01-01 only', () => {
    expect(due(plan({ OK: 800 }, { events: { individualsNotifiedAt: '2026-03-10T10:00:00-05:00' } }), 'state:OK:ag_notice')).toBe(
      '2026-05-09',
    );
    const before = plan({ OK: 800 }, { discoveredAt: '2025-12-15T10:00:00-05:00' });
    expect(ob(before, 'state:OK:ag_notice')).toBeUndefined();
    expect(before.stateLaw.notTriggered.find((x) => x.id === 'state:OK:ag_notice')?.reason).toMatch(
      /not in force for a breach discovered on 2025-12-15 \(in force 2026-01-01 onward\)/,
    );
  });

  it.each([
    // "not later than the time when notice is provided to the Nebraska resident" — Neb. Rev. Stat. § 87-803(2).
    ['NE', 'state:NE:ag_notice'],
    // "simultaneously" with the resident notices (Mont. Code § 30-14-1704, Montana DOJ).
    ['MT', 'state:MT:ag_notice'],
    // no later than the resident notices (D.C. Code § 28-3852(b-1), secondary).
    ['DC', 'state:DC:ag_notice'],
  ] as const)('%s %s: pending on the resident notices, then due the same day', (code, id) => {
    expect(ob(plan({ [code]: 60 }), id)).toMatchObject({
      status: 'pending',
      pendingOn: 'individual_notice',
      latestIfAnchorOnTime: '2026-04-03',
    });
    expect(due(plan({ [code]: 60 }, { events: { individualsNotifiedAt: '2026-02-27T10:00:00-05:00' } }), id)).toBe('2026-02-27');
  });

  it('Louisiana: the attorney general must receive the notice within 10 days of the resident notices (La. Admin. Code tit. 16, § 701(B)) — pending, then dated', () => {
    expect(ob(plan({ LA: 5 }), 'state:LA:ag_notice')).toMatchObject({
      status: 'pending',
      pendingOn: 'individual_notice',
      latestIfAnchorOnTime: '2026-04-13',
      verification: 'verified',
    });
    expect(due(plan({ LA: 5 }, { events: { individualsNotifiedAt: '2026-03-20T11:00:00-04:00' } }), 'state:LA:ag_notice')).toBe(
      '2026-03-30',
    );
  });
});

describe("business-day clocks with the State's own holidays", () => {
  it('Vermont: 14 business days after discovery, Town Meeting Day (first Tuesday in March, 1 V.S.A. § 371) skipped — discovered Fri 20 Feb 2026 → Fri 13 Mar', () => {
    const p = plan({ VT: 30 }, { discoveredAt: '2026-02-20T10:00:00-05:00' });
    const o = ob(p, 'state:VT:ag_preliminary')!;
    expect(o.deadline?.date).toBe('2026-03-13');
    expect(o.weekdaysOnlyDate).toBe('2026-03-12');
    expect(o.deadlineBasis).toMatch(
      /14 business day\(s\) after discovery .*Vermont holidays skipped, 1 V\.S\.A\. § 371 .* holiday list verified/,
    );
    // The "whichever is sooner" half waits on the consumer notice; the earlier of the two controls.
    expect(ob(p, 'state:VT:ag_preliminary_at_consumer_notice')).toMatchObject({ status: 'pending', pendingOn: 'individual_notice' });
    const rc = p.stateLaw.recipientClocks.find((r) => r.jurisdiction === 'VT' && r.recipientKind === 'attorney_general')!;
    expect(rc.controlling).toBe('state:VT:ag_preliminary');
  });

  it("Iowa: 5 business days after the consumer notices, Lincoln's and Washington's Birthdays skipped (Iowa Code § 1C.1) — notified Tue 10 Feb 2026 → Thu 19 Feb", () => {
    const p = plan({ IA: 600 }, { events: { individualsNotifiedAt: '2026-02-10T15:00:00-05:00' } });
    const o = ob(p, 'state:IA:ag_notice')!;
    expect(o.deadline?.date).toBe('2026-02-19');
    expect(o.weekdaysOnlyDate).toBe('2026-02-17');
    expect(ob(plan({ IA: 600 }), 'state:IA:ag_notice')).toMatchObject({ status: 'pending', pendingOn: 'individual_notice' });
  });
});

describe("thresholds at n-1 / n / n+1, in each statute's own words", () => {
  it.each([
    ['IA', 'state:IA:ag_notice', 499, false],
    ['IA', 'state:IA:ag_notice', 500, true], // the AG page's "at least 500" (wider than "more than 500")
    ['IN', 'state:IN:cra_notice', 1000, false],
    ['IN', 'state:IN:cra_notice', 1001, true], // "more than one thousand (1,000)"
    ['NM', 'state:NM:ag_notice', 1000, false],
    ['NM', 'state:NM:ag_notice', 1001, true], // "more than one thousand"
    ['RI', 'state:RI:ag_notice', 500, false],
    ['RI', 'state:RI:ag_notice', 501, true], // "more than five hundred (500)"
    ['DE', 'state:DE:ag_notice', 500, false],
    ['DE', 'state:DE:ag_notice', 501, true],
    ['SD', 'state:SD:ag_notice', 250, false],
    ['SD', 'state:SD:ag_notice', 251, true], // "exceeds two hundred fifty residents"
    ['AZ', 'state:AZ:ag_notice', 1000, false],
    ['AZ', 'state:AZ:ag_notice', 1001, true],
    ['DC', 'state:DC:ag_notice', 49, false],
    ['DC', 'state:DC:ag_notice', 50, true], // "50 or more"
    ['SC', 'state:SC:ag_notice', 999, false],
    ['SC', 'state:SC:ag_notice', 1000, true], // the Department's "1,000 or more"
    ['AR', 'state:AR:ag_notice', 1000, false],
    ['AR', 'state:AR:ag_notice', 1001, true], // "more than one thousand (1,000)"
    ['OK', 'state:OK:ag_notice', 499, false],
    ['OK', 'state:OK:ag_notice', 500, true],
    ['UT', 'state:UT:ag_notice', 499, false],
    ['UT', 'state:UT:ag_notice', 500, true], // "500 or more"
    ['UT', 'state:UT:cra_notice', 999, false],
    ['UT', 'state:UT:cra_notice', 1000, true],
    ['ND', 'state:ND:ag_notice', 250, false],
    ['ND', 'state:ND:ag_notice', 251, true], // "exceeds two hundred fifty individuals"
    ['HI', 'state:HI:ag_notice', 999, false],
    ['HI', 'state:HI:ag_notice', 1000, true], // the wider of the two readings ("1,000 or more")
    ['MO', 'state:MO:ag_notice', 1000, false],
    ['MO', 'state:MO:ag_notice', 1001, true], // "more than 1,000 consumers at one time"
    ['VT', 'state:VT:cra_notice', 1000, false],
    ['VT', 'state:VT:cra_notice', 1001, true],
  ] as const)('%s %s with %i residents → planned: %s', (code, id, n, expected) => {
    const p = plan({ [code]: n });
    expect(!!ob(p, id)).toBe(expected);
    if (!expected)
      expect(p.stateLaw.notTriggered.find((x) => x.id === id)?.reason).toMatch(/resident\(s\) of .*: the rule needs (at least|more than)/);
  });
});

describe('no number in the statute, and HIPAA clauses not read', () => {
  it.each([
    ['NC', 'state:NC:ag_notice'],
    ['VA', 'state:VA:ag_notice'],
    ['SD', 'state:SD:ag_notice'],
    ['ME', 'state:ME:ag_notice'],
    ['SC', 'state:SC:ag_notice'],
    ['ND', 'state:ND:ag_notice'],
    ['UT', 'state:UT:ag_notice'],
    ['NH', 'state:NH:ag_notice'],
  ] as const)('%s %s: planned with no fixed date, never dropped', (code, id) => {
    expect(ob(plan({ [code]: 2000 }), id)).toMatchObject({ status: 'no_fixed_date' });
  });

  it('a HIPAA exemption known only from secondary sources (TN, AZ, WI) is planned as owed and says why — never silently "satisfied"', () => {
    const p = plan({ TN: 20, AZ: 20, WI: 20 });
    expect(p.stateLaw.satisfiedByHipaa.filter((s) => ['TN', 'AZ', 'WI'].includes(s.jurisdiction))).toEqual([]);
    for (const id of ['state:TN:individual_notice', 'state:AZ:individual_notice', 'state:WI:individual_notice']) {
      expect(ob(p, id)?.hipaa.interplay).toBe('counsel_review');
      expect(ob(p, id)?.hipaa.note).toMatch(/not read in statute text, so the rule is planned as owed/);
      expect(ob(p, id)?.notes[0]).toMatch(/^SECONDARY SOURCES ONLY/);
    }
  });
});
