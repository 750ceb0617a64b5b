import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  JURISDICTIONS,
  localDateOf,
  planObligations,
  validateFacts,
  type IncidentFactsInput,
  type LawEnforcementStatement,
  type Plan,
} from '../../domain/index.js';

/**
 * Invariants of the planner, over random facts: discovery instants from 2015 to 2029 in several zones
 * (incl. Hawaii, Chatham's +12:45/+13:45 and Santiago's midnight DST), random counts in every
 * jurisdiction, insufficient contact, deceased, BAA terms and law-enforcement delays.
 */
const NOW = '2031-06-01T00:00:00Z'; // after every generated discovery, delay and decision
const zones = [
  'America/New_York',
  'America/Los_Angeles',
  'Pacific/Honolulu',
  'America/Anchorage',
  'UTC',
  'America/Puerto_Rico',
  'Pacific/Chatham',
  'America/Santiago',
  'Australia/Lord_Howe',
];

const countsArb = fc.dictionary(fc.constantFrom(...JURISDICTIONS), fc.integer({ min: 0, max: 2_000 }), { maxKeys: 6 });
const discoveryArb = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2029-06-01T00:00:00Z'), noInvalidDate: true });
/** Delays relative to discovery, in hours: may start before discovery, may be oral or written. */
const delaysArb = fc.array(
  fc.record({
    kind: fc.constantFrom('oral' as const, 'written' as const),
    startH: fc.integer({ min: -24 * 20, max: 24 * 120 }),
    lengthH: fc.integer({ min: 1, max: 24 * 90 }),
    media: fc.boolean(),
  }),
  { maxLength: 3 },
);
const baaArb = fc.option(
  fc.record({ amount: fc.integer({ min: 0, max: 70 }), unit: fc.constantFrom('calendar_days' as const, 'business_days' as const) }),
  { nil: undefined },
);

interface Scenario {
  discoveredAt: Date;
  tz: string;
  counts: Record<string, number>;
  insufficient: number;
  deceased: number;
  delays: { kind: 'oral' | 'written'; startH: number; lengthH: number; media: boolean }[];
  role: 'covered_entity' | 'business_associate';
  baa?: { amount: number; unit: 'calendar_days' | 'business_days' };
}

function statements(s: Scenario, shiftMs = 0): LawEnforcementStatement[] {
  // Delays are fixed in time (they do not move when discovery is moved), hence shiftMs = 0 by default.
  const base = s.discoveredAt.getTime() - shiftMs;
  return s.delays.map((d) => {
    const receivedAt = new Date(base + d.startH * 3_600_000).toISOString();
    const common = {
      official: 'Agent Example (synthetic)',
      agency: 'Synthetic Bureau',
      receivedAt,
      ...(d.media ? { appliesTo: ['media_notice' as const] } : {}),
    };
    return d.kind === 'oral'
      ? { kind: 'oral' as const, ...common }
      : { kind: 'written' as const, ...common, endsAt: new Date(base + (d.startH + d.lengthH) * 3_600_000).toISOString() };
  });
}

function planFor(s: Scenario, lawEnforcementDelays = statements(s)): Plan {
  const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
  const deceased = Math.min(s.deceased, total);
  const input: IncidentFactsInput = {
    organization: { name: 'Synthetic Health', timeZone: s.tz },
    role: s.role,
    ...(s.role === 'business_associate'
      ? {
          coveredEntities: [
            { id: 'ce-1', name: 'Synthetic Hospital', holidays: ['2026-12-25', '2027-01-01'], ...(s.baa ? { baaNoticeTerm: s.baa } : {}) },
          ],
        }
      : {}),
    dates: { discoveredAt: s.discoveredAt.toISOString() },
    phi: { involved: 'yes', identifiers: ['names'] },
    security: { encrypted: 'no' },
    affected: { byJurisdiction: s.counts, deceased, insufficientContact: Math.min(s.insufficient, total - deceased) },
    lawEnforcementDelays,
  };
  const r = validateFacts(input, { now: NOW });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return planObligations(r.facts, { reportable: true, decidedBy: 'privacy-officer', decidedAt: NOW }, { now: NOW });
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  discoveredAt: discoveryArb,
  tz: fc.constantFrom(...zones),
  counts: countsArb,
  insufficient: fc.integer({ min: 0, max: 40 }),
  deceased: fc.integer({ min: 0, max: 5 }),
  delays: delaysArb,
  role: fc.constantFrom('covered_entity' as const, 'covered_entity' as const, 'business_associate' as const),
  baa: baaArb,
});

describe('planner invariants (property-based)', () => {
  it('no deadline or target falls before the discovery date; target ≤ deadline; the deadline instant ends its local day after discovery', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const p = planFor(s);
        expect(p.obligations.length).toBeGreaterThan(0);
        for (const o of p.obligations) {
          expect(o.deadline.date >= p.discoveryDate).toBe(true);
          expect(o.target.date >= p.discoveryDate).toBe(true);
          expect(o.target.date <= o.deadline.date).toBe(true);
          expect(Date.parse(o.deadline.instant)).toBeGreaterThan(s.discoveredAt.getTime());
          expect(Date.parse(o.target.instant)).toBeLessThanOrEqual(Date.parse(o.deadline.instant));
          // A regulatory 60-day limit is never shortened by a delay.
          if (o.lawEnforcementHold.deadlineWithoutHold) expect(o.deadline.date >= o.lawEnforcementHold.deadlineWithoutHold).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding affected people never removes an obligation (the annual log is only ever replaced by the earlier HHS notice)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...JURISDICTIONS), fc.integer({ min: 1, max: 2_000 }), (s, j, more) => {
        const before = planFor(s);
        const after = planFor({ ...s, counts: { ...s.counts, [j]: (s.counts[j] ?? 0) + more } });
        for (const o of before.obligations) {
          const same = after.obligations.find((x) => x.id === o.id);
          if (same) continue;
          expect(o.id).toBe('hhs_annual_log');
          const hhs = after.obligations.find((x) => x.id === 'hhs_notice')!;
          expect(hhs).toBeDefined();
          expect(hhs.deadline.date <= o.deadline.date).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('deadlines are monotone in the discovery date: discovering later never makes a deadline earlier', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 400 * 24 }), (s, laterHours) => {
        const fixedDelays = statements(s);
        const a = planFor(s, fixedDelays);
        const b = planFor({ ...s, discoveredAt: new Date(s.discoveredAt.getTime() + laterHours * 3_600_000) }, fixedDelays);
        for (const o of a.obligations) {
          const same = b.obligations.find((x) => x.id === o.id);
          if (same) expect(same.deadline.date >= o.deadline.date, `${o.id}: ${o.deadline.date} then ${same.deadline.date}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a law-enforcement delay never makes a deadline earlier, and no notice is due before its delay ends unless the deadline had already passed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const without = planFor(s, []);
        const withDelays = planFor(s);
        for (const o of withDelays.obligations) {
          const base = without.obligations.find((x) => x.id === o.id)!;
          expect(o.deadline.date >= base.deadline.date).toBe(true);
          for (const h of o.lawEnforcementHold.periods) {
            // A delay that began on or before the deadline day ends no later than the deadline day.
            if (Date.parse(h.start) <= Date.parse(o.deadline.instant))
              expect(
                o.deadline.date >= localDateOf(h.end, withDelays.timeZone),
                `${o.id}: ${JSON.stringify(h)} vs ${o.deadline.date}`,
              ).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('plans are deterministic and plain JSON', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const p = planFor(s);
        expect(planFor(s)).toEqual(p);
        expect(JSON.parse(JSON.stringify(p))).toEqual(p);
      }),
      { numRuns: 100 },
    );
  });
});
