import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JURISDICTIONS, validateFacts, type Decision, type IncidentFacts, type IncidentFactsInput } from '../../domain/index.js';
import {
  diffStateLaw,
  loadPack,
  planWithStateLaw,
  RAW_ENTRIES,
  type PlanWithStateLaw,
  type RecordedEvents,
  type StateLawEntryInput,
  type StateLawPack,
} from '../../domain/state-law/index.js';
import { coveredEntityBreach, businessAssociateBreach } from '../fixtures/synthetic-facts.js';

/** The HIPAA-to-state resolver (issue 16). Synthetic organizations only. */
const NOW = '2026-03-01T00:00:00Z';

function facts(input: IncidentFactsInput): IncidentFacts {
  const r = validateFacts(input, { now: '2031-01-01T00:00:00Z' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.facts;
}
const decided = (at: string): Decision => ({ reportable: true, decidedBy: 'privacy.officer@example.test', decidedAt: at });
function plan(
  byJurisdiction: Record<string, number>,
  o: {
    discoveredAt?: string;
    tz?: string;
    decision?: Decision | null;
    events?: RecordedEvents;
    stateLaw?: IncidentFactsInput['stateLaw'];
    pack?: StateLawPack;
    overrides?: Partial<IncidentFactsInput>;
    now?: string;
  } = {},
): PlanWithStateLaw {
  const discoveredAt = o.discoveredAt ?? '2026-02-02T09:00:00-05:00';
  const f = facts({
    ...coveredEntityBreach(discoveredAt, o.overrides),
    organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider', timeZone: o.tz ?? 'America/New_York' },
    affected: { byJurisdiction, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
    ...(o.stateLaw ? { stateLaw: o.stateLaw } : {}),
  });
  return planWithStateLaw(f, o.decision === undefined ? decided('2026-02-04T15:00:00-05:00') : o.decision, {
    now: o.now ?? NOW,
    ...(o.events ? { events: o.events } : {}),
    ...(o.pack ? { pack: o.pack } : {}),
  });
}
const ob = (p: PlanWithStateLaw, id: string) => p.stateLaw.obligations.find((x) => x.id === id);

describe('thresholds at n-1 / n / n+1 (the statute\'s own "at least" / "more than")', () => {
  it.each([
    ['TX', 'state:TX:ag_notice', 249, false],
    ['TX', 'state:TX:ag_notice', 250, true], // "at least 250" (521.053(i))
    ['TX', 'state:TX:ag_notice', 251, true],
    ['FL', 'state:FL:department_notice', 499, false],
    ['FL', 'state:FL:department_notice', 500, true], // "500 or more" (501.171(3))
    ['FL', 'state:FL:department_notice', 501, true],
    ['CA', 'state:CA:ag_sample_15', 500, false], // "more than 500" (1798.82(f))
    ['CA', 'state:CA:ag_sample_15', 501, true],
    ['AL', 'state:AL:ag_notice', 1000, false], // "exceeds 1,000" (8-38-6(a))
    ['AL', 'state:AL:ag_notice', 1001, true],
    ['WA', 'state:WA:ag_notice', 500, false],
    ['WA', 'state:WA:ag_notice', 501, true],
    ['CO', 'state:CO:ag_notice', 499, false],
    ['CO', 'state:CO:ag_notice', 500, true],
    ['OR', 'state:OR:ag_notice', 250, false],
    ['OR', 'state:OR:ag_notice', 251, true],
    ['TX', 'state:TX:cra_notice', 10_000, false],
    ['TX', 'state:TX:cra_notice', 10_001, true],
  ] as const)('%s %s with %i residents → planned: %s', (code, id, n, expected) => {
    const p = plan({ [code]: n });
    expect(!!ob(p, id)).toBe(expected);
    if (!expected)
      expect(p.stateLaw.notTriggered.find((x) => x.id === id)?.reason).toMatch(
        new RegExp(`${n} resident\\(s\\) of .*: the rule needs (at least|more than)`),
      );
  });
});

describe('clocks and anchors', () => {
  it('determination anchor: the recorded determination, else the decision, else (preview) discovery — TX AG 30 days', () => {
    expect(ob(plan({ TX: 300 }, { stateLaw: { determinedAt: '2026-02-10T12:00:00-06:00' } }), 'state:TX:ag_notice')?.deadline?.date).toBe(
      '2026-03-12',
    );
    const byDecision = plan({ TX: 300 });
    expect(byDecision.stateLaw.determinationBasis).toMatch(/the decision of 2026-02-04/);
    expect(ob(byDecision, 'state:TX:ag_notice')?.deadline?.date).toBe('2026-03-06');
    const preview = plan({ TX: 300 }, { decision: null });
    expect(preview.stateLaw.determinationDate).toBe('2026-02-02');
    expect(ob(preview, 'state:TX:ag_notice')?.deadline?.date).toBe('2026-03-04');
  });

  it('a determination recorded before discovery is flagged (and the recorded date is used, never silently replaced)', () => {
    const p = plan({ TX: 300 }, { stateLaw: { determinedAt: '2026-01-30T12:00:00-05:00' } });
    expect(p.stateLaw.warnings.join(' ')).toMatch(/facts\.stateLaw\.determinedAt \(2026-01-30\) is before discovery \(2026-02-02\)/);
    expect(ob(p, 'state:TX:ag_notice')?.deadline?.date).toBe('2026-03-01');
  });

  it('effective dates: TX AG notice is 60 days for a breach discovered before 2023-09-01, 30 days from then', () => {
    const before = plan(
      { TX: 300 },
      { discoveredAt: '2023-08-15T09:00:00-05:00', decision: decided('2023-08-16T09:00:00-05:00'), now: '2023-08-20T00:00:00Z' },
    );
    expect(ob(before, 'state:TX:ag_notice')).toBeUndefined();
    expect(ob(before, 'state:TX:ag_notice_2020')?.deadline?.date).toBe('2023-10-15');
    const after = plan(
      { TX: 300 },
      { discoveredAt: '2023-09-02T09:00:00-05:00', decision: decided('2023-09-02T10:00:00-05:00'), now: '2023-09-03T00:00:00Z' },
    );
    expect(ob(after, 'state:TX:ag_notice')?.deadline?.date).toBe('2023-10-02');
    expect(after.stateLaw.notTriggered.find((x) => x.id === 'state:TX:ag_notice_2020')?.reason).toMatch(/not in force/);
  });

  it('HHS-notice anchor: NY and IL AG notices are pending until the HHS notice is recorded, then dated (5 business days, State holidays)', () => {
    const pending = plan({ NY: 300, IL: 300 });
    for (const id of ['state:NY:ag_after_hhs', 'state:IL:ag_after_hhs']) {
      const o = ob(pending, id)!;
      expect(o.status).toBe('pending');
      expect(o.pendingOn).toBe('hhs_notice');
      expect(o.deadline).toBeUndefined();
      expect(o.latestIfAnchorOnTime).toBeDefined(); // from the federal HHS deadline (600 in total → 164.408(b), 60 days)
    }
    // HHS notified Wednesday 25 Nov 2026, the day before Thanksgiving.
    const dated = plan(
      { NY: 300, IL: 300 },
      {
        discoveredAt: '2026-11-02T09:00:00-05:00',
        decision: decided('2026-11-05T09:00:00-05:00'),
        now: '2026-11-20T00:00:00Z',
        events: { hhsNotifiedAt: '2026-11-25T16:00:00-05:00' },
      },
    );
    const ny = ob(dated, 'state:NY:ag_after_hhs')!;
    const il = ob(dated, 'state:IL:ag_after_hhs')!;
    expect(ny.status).toBe('planned');
    expect(ny.deadline?.date).toBe('2026-12-03'); // Thanksgiving skipped; NY has no day-after holiday
    expect(il.deadline?.date).toBe('2026-12-03'); // Thanksgiving skipped; the day after is not an Illinois legal holiday (205 ILCS 630/17)
    expect(il.weekdaysOnlyDate).toBe('2026-12-02'); // Mon–Fri only: 26, 27, 30, 1, 2
    expect(il.notes.join(' ')).toMatch(/Monday–Friday only .* gives 2026-12-02/);
  });

  it('business days across a weekend and two holidays: NY, HHS notified Friday 6 Feb 2026 → Lincoln (12th) and Washington (16th) skipped → 17 Feb', () => {
    const p = plan(
      { NY: 10 },
      {
        discoveredAt: '2026-01-20T09:00:00-05:00',
        decision: decided('2026-01-22T09:00:00-05:00'),
        now: '2026-01-25T00:00:00Z',
        events: { hhsNotifiedAt: '2026-02-06T11:00:00-05:00' },
      },
    );
    const o = ob(p, 'state:NY:ag_after_hhs')!;
    expect(o.deadline?.date).toBe('2026-02-17');
    expect(o.weekdaysOnlyDate).toBe('2026-02-13');
    expect(o.deadlineBasis).toMatch(/5 business day\(s\) after the notice to the Secretary of HHS — the HHS notice recorded on 2026-02-06/);
    // Fewer than 500 in total: the annual log is the HHS notice; the AG duty still follows it (899-aa(9)).
    expect(p.obligations.some((x) => x.id === 'hhs_annual_log')).toBe(true);
  });

  it('individual-notice anchor: pending with the latest possible date, then dated; CT AG no later than the notices', () => {
    const pending = plan({ CT: 20 });
    const o = ob(pending, 'state:CT:ag_notice')!;
    expect(o.status).toBe('pending');
    expect(o.latestIfAnchorOnTime).toBe(pending.obligations.find((x) => x.id === 'individual_notice')!.deadline.date);
    const dated = plan({ CT: 20 }, { events: { individualsNotifiedAt: '2026-02-20T10:00:00-05:00' } });
    expect(ob(dated, 'state:CT:ag_notice')?.deadline?.date).toBe('2026-02-20');
  });

  it('discovery anchor with business days: CA H&S 1280.15 for a licensed facility — 15 business days, Thanksgiving skipped (the day after is not a Gov. Code § 6700 holiday)', () => {
    const p = plan(
      { CA: 40 },
      {
        tz: 'America/Los_Angeles',
        discoveredAt: '2026-11-20T10:00:00-08:00',
        decision: decided('2026-11-21T10:00:00-08:00'),
        now: '2026-11-21T00:00:00Z',
        stateLaw: { licensedHealthFacilityIn: ['CA'] },
      },
    );
    const cdph = ob(p, 'state:CA:cdph_report')!;
    expect(cdph.deadline?.date).toBe('2026-12-14');
    expect(cdph.weekdaysOnlyDate).toBe('2026-12-11');
    expect(cdph.verification).toBe('verified');
    // Not a licensed facility → not planned, and the reason names the fact to record.
    const clinicOnly = plan(
      { CA: 40 },
      {
        tz: 'America/Los_Angeles',
        discoveredAt: '2026-11-20T10:00:00-08:00',
        decision: decided('2026-11-21T10:00:00-08:00'),
        now: '2026-11-21T00:00:00Z',
      },
    );
    expect(ob(clinicOnly, 'state:CA:cdph_report')).toBeUndefined();
    expect(clinicOnly.stateLaw.notTriggered.find((x) => x.id === 'state:CA:cdph_report')?.reason).toMatch(
      /facts\.stateLaw\.licensedHealthFacilityIn/,
    );
  });

  it('"most expedient time": no fixed date, and the HIPAA outer limit is named for the individual notice', () => {
    const p = plan({ MA: 5 });
    const o = ob(p, 'state:MA:individual_notice')!;
    expect(o.status).toBe('no_fixed_date');
    expect(o.deadline).toBeUndefined();
    expect(o.deadlineBasis).toMatch(/no number in the statute .* HIPAA outer limit still applies .* 2026-04-03/);
    expect(o.verification).toBe('unverified');
    expect(o.notes[0]).toMatch(/^UNVERIFIED/);
  });
});

describe('earliest controls, deemed compliance, review items', () => {
  it('two clocks on the same recipient: the earliest controls and the plan says which rule and why', () => {
    const p = plan(
      { CA: 40 },
      {
        tz: 'America/Los_Angeles',
        discoveredAt: '2026-11-20T10:00:00-08:00',
        decision: decided('2026-11-21T10:00:00-08:00'),
        now: '2026-11-21T00:00:00Z',
        stateLaw: { licensedHealthFacilityIn: ['CA'] },
      },
    );
    const rc = p.stateLaw.recipientClocks.find((r) => r.jurisdiction === 'CA' && r.recipientKind === 'individuals')!;
    expect(rc.controlling).toBe('state:CA:patient_notice_1280_15');
    expect(rc.candidates.map((c) => c.id).sort()).toEqual([
      'individual_notice',
      'state:CA:individual_notice_30',
      'state:CA:patient_notice_1280_15',
    ]);
    expect(rc.why).toMatch(/the earliest controls — Cal\. Health & Safety Code § 1280\.15\(b\)\(2\) \(2026-12-14\) is before/);
    expect(ob(p, 'state:CA:individual_notice_30')?.controlledBy).toEqual({
      id: 'state:CA:patient_notice_1280_15',
      citation: 'Cal. Health & Safety Code § 1280.15(b)(2)',
      date: '2026-12-14',
    });
  });

  it('HIPAA deemed compliance: NY and IL individual notices are shown as satisfied by the HIPAA notice, not planned', () => {
    const p = plan({ NY: 10, IL: 10 });
    expect(p.stateLaw.satisfiedByHipaa.map((s) => s.id).sort()).toEqual(['state:IL:individual_notice', 'state:NY:individual_notice']);
    expect(ob(p, 'state:NY:individual_notice')).toBeUndefined();
  });

  it('a jurisdiction with residents and no encoded law → explicit "state law to review: <State>"; unknown residents never silently cross a threshold', () => {
    const p = plan({ GA: 12, AS: 3, TX: 200, unknown: 60 });
    expect(p.stateLaw.toReview.map((r) => r.item)).toEqual(['state law to review: American Samoa', 'state law to review: Georgia']);
    expect(p.stateLaw.warnings.join(' ')).toMatch(/state:TX:ag_notice: 60 affected individual\(s\) have no known State/);
  });

  it('the review items of GA, AS and MP say why (what was read or searched), not only that nothing is encoded', () => {
    const p = plan({ GA: 12, AS: 3, MP: 4 });
    const why = (code: string) => p.stateLaw.toReview.find((r) => r.jurisdiction === code)!.reason;
    expect(why('GA')).toMatch(
      /^no rules encoded for Georgia in state-law pack \S+: the statute was read \(O\.C\.G\.A\. §§ 10-1-911, 10-1-912\)/,
    );
    expect(why('GA')).toMatch(/"information brokers" and government "data collectors".*counsel decides whether this entity is one/);
    for (const code of ['AS', 'MP']) {
      expect(why(code)).toMatch(/no breach-notification statute of .* was found \(searched 2026-12-03 in stored public pages: /);
      expect(why(code)).toMatch(/absence from these sources is not proof — counsel checks$/);
    }
    expect(why('MP')).toMatch(/cnmilaw/);
    expect(why('AS')).toMatch(/asbar\.org/);
  });

  it('not reportable under HIPAA, or a business associate: every affected State is still named for counsel', () => {
    const notReportable = plan(
      { TX: 300, NY: 2 },
      {
        decision: {
          reportable: false,
          decidedBy: 'privacy.officer@example.test',
          decidedAt: '2026-02-04T15:00:00-05:00',
          justification: 'synthetic: encrypted device',
        },
      },
    );
    expect(notReportable.stateLaw.obligations).toEqual([]);
    expect(notReportable.stateLaw.toReview.map((r) => r.jurisdiction)).toEqual(['NY', 'TX']);
    const f = facts(businessAssociateBreach('2026-02-02T09:00:00-05:00'));
    const ba = planWithStateLaw(f, decided('2026-02-04T15:00:00-05:00'), { now: NOW });
    expect(ba.stateLaw.toReview.map((r) => r.item)).toEqual(['state law to review: New York']);
  });

  it("recorded data elements outside a State's definition → not planned, with the reason; unrecorded → planned with a note", () => {
    const none = plan({ TX: 300 }, { stateLaw: { dataElements: ['online_credentials'] } });
    expect(ob(none, 'state:TX:ag_notice')).toBeUndefined();
    expect(none.stateLaw.notTriggered.find((x) => x.id === 'state:TX:ag_notice')?.reason).toMatch(/none of the recorded data elements/);
    expect(ob(plan({ TX: 300 }), 'state:TX:ag_notice')?.notes.join(' ')).toMatch(/data elements not recorded/);
  });
});

describe('properties over random incidents', () => {
  it('every affected jurisdiction is addressed (planned, deemed satisfied, or "to review"); every state obligation is cited and carries pack version and verification', () => {
    const states = JURISDICTIONS.filter((j) => j !== 'unknown');
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...states), fc.integer({ min: 0, max: 12_000 }), { maxKeys: 8 }),
        fc.boolean(),
        fc.boolean(),
        (counts, licensedCA, decidedYes) => {
          const p = plan(counts, {
            decision: decidedYes ? decided('2026-02-04T15:00:00-05:00') : null,
            ...(licensedCA ? { stateLaw: { licensedHealthFacilityIn: ['CA'] } } : {}),
          });
          for (const [code, n] of Object.entries(counts)) {
            if (n === 0) continue;
            const addressed =
              p.stateLaw.obligations.some((o) => o.jurisdiction === code) ||
              p.stateLaw.satisfiedByHipaa.some((s) => s.jurisdiction === code) ||
              p.stateLaw.toReview.some((r) => r.jurisdiction === code);
            expect(addressed, `${code} with ${n}`).toBe(true);
          }
          expect(p.stateLaw.packVersion).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
          for (const o of p.stateLaw.obligations) {
            expect(o.citation.length).toBeGreaterThan(3);
            expect(['verified', 'secondary_sources', 'unverified']).toContain(o.verification);
            expect(o.status === 'planned' ? !!o.deadline : !o.deadline).toBe(true);
            if (o.verification !== 'verified') expect(o.notes.some((n) => /UNVERIFIED|SECONDARY/.test(n))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('replan across a pack change', () => {
  it('shows obligations added, removed and moved, with the rule and the reason', () => {
    const edited: StateLawEntryInput[] = RAW_ENTRIES.map((e) => {
      if (e.jurisdiction === 'TX')
        return {
          ...e,
          obligations: e.obligations!.map((o) =>
            o.id === 'ag_notice' && o.clock.type === 'days' ? { ...o, clock: { ...o.clock, amount: 20 } } : o,
          ),
        };
      if (e.jurisdiction === 'CT') return { ...e, obligations: e.obligations!.filter((o) => o.id !== 'ag_notice') };
      if (e.jurisdiction === 'GA') return { ...pack2GA };
      return e;
    });
    const newer = loadPack(edited, '2027.01.01-1');
    expect(newer.fingerprint).not.toBe(loadPack().fingerprint);
    const before = plan({ TX: 300, CT: 5, GA: 700 });
    const after = plan({ TX: 300, CT: 5, GA: 700 }, { pack: newer });
    const d = diffStateLaw(before.stateLaw, after.stateLaw);
    expect(d.toPack).toMatch(/^2027\.01\.01-1/);
    const by = Object.fromEntries(d.changes.map((c) => [c.id, c]));
    expect(by['state:TX:ag_notice']).toMatchObject({ change: 'moved', from: '2026-03-06', to: '2026-02-24' });
    expect(by['state:CT:ag_notice']).toMatchObject({ change: 'removed' });
    expect(by['state:GA:ag_notice']).toMatchObject({ change: 'added', to: '2026-03-06' });
    expect(by['state:GA:ag_notice']?.rule).toBe('ag_notice');
    expect(by['state:TX:ag_notice']?.reason).toMatch(/\(was: 30 calendar day\(s\) after/);
    expect(d.reviewRemoved).toEqual(['state law to review: Georgia']);
    expect(d.samePack).toBe(false);
  });
});

/** A made-up Georgia rule used only to exercise the diff (not law). */
const pack2GA: StateLawEntryInput = {
  jurisdiction: 'GA',
  status: 'encoded',
  statute: 'TEST FIXTURE — not law',
  statuteVerification: 'unverified',
  reviewedOn: '2027-01-01',
  obligations: [
    {
      id: 'ag_notice',
      label: 'TEST FIXTURE rule',
      recipientKind: 'attorney_general',
      recipient: 'test recipient',
      trigger: { residents: { moreThan: 500 }, entity: 'any' },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'determination' },
      citation: 'TEST FIXTURE § 1',
      methods: ['test'],
      hipaa: { interplay: 'owed', note: 'test fixture' },
      effectiveFrom: '2020-01-01',
      verification: 'unverified',
      sources: [{ title: 'test fixture', kind: 'secondary', checked: '2027-01-01' }],
      notes: ['UNVERIFIED: test fixture'],
    },
  ],
};
