import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planObligations, validateFacts, JURISDICTIONS, type IncidentFactsInput } from '../../domain/rules.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

const NOW = '2031-01-01T00:00:00Z'; // after every generated discovery (+ up to 400 days)
const zones = ['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'America/Anchorage', 'UTC', 'America/Puerto_Rico'];
const counts = fc.dictionary(fc.constantFrom(...JURISDICTIONS), fc.integer({ min: 0, max: 5000 }), { maxKeys: 6 });
const discovery = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2029-06-01T00:00:00Z'), noInvalidDate: true });

function planFor(discoveredAt: Date, tz: string, byJurisdiction: Record<string, number>, insufficient = 0) {
  const total = Object.values(byJurisdiction).reduce((a, b) => a + b, 0);
  const input: IncidentFactsInput = coveredEntityBreach(discoveredAt.toISOString(), {
    organization: { name: 'Synthetic', timeZone: tz },
    dates: { discoveredAt: discoveredAt.toISOString() },
    affected: { byJurisdiction, insufficientContact: Math.min(insufficient, total) },
  });
  const r = validateFacts(input, { now: NOW });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return planObligations(r.facts, { reportable: true, decidedBy: 'p', decidedAt: NOW }, { now: NOW });
}

describe('planner invariants (property-based)', () => {
  it('no deadline or target falls before the discovery date', () => {
    fc.assert(
      fc.property(discovery, fc.constantFrom(...zones), counts, (d, tz, c) => {
        const p = planFor(d, tz, c);
        for (const o of p.obligations) {
          expect(o.deadline.date >= p.discoveryDate).toBe(true);
          expect(o.target.date >= p.discoveryDate).toBe(true);
          expect(o.target.date <= o.deadline.date).toBe(true);
          expect(Date.parse(o.deadline.instant)).toBeGreaterThan(d.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding affected people never removes an obligation', () => {
    fc.assert(
      fc.property(discovery, counts, fc.constantFrom(...JURISDICTIONS), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 50 }), (d, c, j, more, insufficient) => {
        const before = planFor(d, 'America/Chicago', c, insufficient).obligations.map((o) => o.id);
        const after = planFor(d, 'America/Chicago', { ...c, [j]: (c[j] ?? 0) + more }, insufficient).obligations.map((o) => o.id);
        for (const id of before) {
          // Growing past 500 replaces the annual log with the immediate HHS notice: HHS is still notified.
          if (id === 'hhs_annual_log' && !after.includes(id)) expect(after).toContain('hhs_notice');
          else expect(after).toContain(id);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('deadlines are monotone in the discovery date', () => {
    fc.assert(
      fc.property(discovery, fc.integer({ min: 0, max: 400 * 24 }), fc.constantFrom(...zones), counts, (d, laterHours, tz, c) => {
        const a = planFor(d, tz, c);
        const b = planFor(new Date(d.getTime() + laterHours * 3_600_000), tz, c);
        for (const o of a.obligations) {
          const same = b.obligations.find((x) => x.id === o.id);
          if (same) expect(same.deadline.date >= o.deadline.date).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
