import { describe, expect, it } from 'vitest';
import { emptyIntake, intakeToRequest, type IntakeForm } from '../../console/ui/intake-form.js';

/** Opening an incident in the console: intake fields → the first facts document, errors by field. */
const NOW = '2026-11-22T12:00:00Z';
const form = (over: Partial<IntakeForm> = {}): IntakeForm => ({
  ...emptyIntake('America/Chicago'),
  ref: 'INC-2026-0042',
  orgName: 'Synthetic Valley Clinic',
  discoveredAt: '2026-11-20T09:30',
  affected: 'CA 700, NV 1,200\nunknown 3',
  identifiers: ['names', 'dates'],
  clinical: true,
  ...over,
});

describe('console intake form', () => {
  it('builds the facts: counts by State, unknown security (the presumption of breach) until the assessment', () => {
    const r = intakeToRequest(form(), NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body).toMatchObject({ ref: 'INC-2026-0042', role: 'covered_entity' });
    expect(r.body.facts).toMatchObject({
      organization: { name: 'Synthetic Valley Clinic', timeZone: 'America/Chicago' },
      affected: { byJurisdiction: { CA: 700, NV: 1200, unknown: 3 } },
      security: { encrypted: 'unknown' },
      phi: { involved: 'yes', identifiers: ['names', 'dates'], clinical: true },
    });
    expect(Date.parse((r.body.facts.dates as { discoveredAt: string }).discoveredAt)).not.toBeNaN();
  });

  it('every problem by field: a reference without a digit, unreadable counts, a future discovery, a bad zone', () => {
    const r = intakeToRequest(
      form({ ref: 'Jane-Doe', affected: 'about thirty', discoveredAt: '2030-01-01T00:00', timeZone: 'Mars/Base' }),
      NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = new Set(r.errors.map((e) => e.field));
    for (const f of ['ref', 'affected', 'discoveredAt', 'timeZone']) expect(fields, JSON.stringify(r.errors)).toContain(f);
    expect(JSON.stringify(r.errors)).not.toContain('Jane-Doe');
  });

  it('a business associate names the covered entity it notifies (164.410)', () => {
    const missing = intakeToRequest(form({ role: 'business_associate', entityType: 'business_associate' }), NOW);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => e.field)).toContain('coveredEntityName');
    const ok = intakeToRequest(
      form({ role: 'business_associate', entityType: 'business_associate', coveredEntityName: 'Lakeside Health (synthetic)' }),
      NOW,
    );
    expect(ok.ok && ok.body.facts.coveredEntities).toEqual([{ id: 'lakeside-health-synthetic', name: 'Lakeside Health (synthetic)' }]);
  });

  it("issue 12: asks whether we act as the covered entity's agent (164.404(a)(2)) and whether the Privacy Rule permitted the disclosure (164.402)", () => {
    const agent = intakeToRequest(
      form({
        role: 'business_associate',
        entityType: 'business_associate',
        coveredEntityName: 'Lakeside Health (synthetic)',
        actingAsAgent: 'yes',
      }),
      NOW,
    );
    expect(agent.ok && agent.body.facts.coveredEntities).toEqual([
      { id: 'lakeside-health-synthetic', name: 'Lakeside Health (synthetic)', actingAsAgent: 'yes' },
    ]);
    const permitted = intakeToRequest(
      form({ privacyRule: 'permitted', privacyRuleBasis: 'treatment disclosure to the referring physician, 164.506(c)' }),
      NOW,
    );
    expect(permitted.ok && permitted.body.facts.privacyRule).toEqual({
      finding: 'permitted',
      basis: 'treatment disclosure to the referring physician, 164.506(c)',
    });
    // Permitted without its basis: the error shows next to the basis field.
    const noBasis = intakeToRequest(form({ privacyRule: 'incidental' }), NOW);
    expect(noBasis.ok).toBe(false);
    if (!noBasis.ok) expect(noBasis.errors.map((e) => e.field)).toContain('privacyRuleBasis');
  });
});
