import { describe, expect, it } from 'vitest';
import { determine, validateDecision, validateFacts, type IncidentFactsInput } from '../../domain/index.js';

const NOW = '2026-11-22T12:00:00Z';
const D = '2026-11-01T10:00:00-08:00';
const input: IncidentFactsInput = {
  organization: { name: 'Synthetic Valley Clinic', timeZone: 'America/Los_Angeles' },
  role: 'covered_entity',
  dates: { discoveredAt: D },
  phi: { involved: 'yes', identifiers: ['names'] },
  security: { encrypted: 'no' },
  affected: { byJurisdiction: { CA: 3 } },
};
const checked = validateFacts(input, { now: NOW });
if (!checked.ok) throw new Error('fixture invalid');
const determination = determine(checked.facts); // reportable: no assessment, names involved
const ctx = { determination, discoveredAt: D, now: NOW };

describe("the decision is a person's; a departure from the recommendation needs a written justification (164.414(b))", () => {
  it('the recommendation here is reportable', () => {
    expect(determination.recommendation.reportable).toBe(true);
  });

  it('agreeing with the recommendation needs no justification', () => {
    expect(validateDecision({ reportable: true, decidedBy: 'privacy-officer', decidedAt: '2026-11-10T09:00:00-08:00' }, ctx)).toMatchObject(
      { ok: true },
    );
  });

  it('departing with a justification is accepted', () => {
    const r = validateDecision(
      {
        reportable: false,
        decidedBy: 'privacy-officer',
        decidedAt: '2026-11-10T09:00:00-08:00',
        justification: 'recipient is a covered entity that returned the records with an attestation the same day',
      },
      ctx,
    );
    expect(r).toMatchObject({ ok: true, decision: { reportable: false } });
  });

  it.each([
    [
      'departing without a justification',
      { reportable: false, decidedBy: 'po', decidedAt: '2026-11-10T09:00:00-08:00' },
      'decision.justification',
      /is required: the decision \(not reportable\) differs from the recommendation \(reportable: breach\)/,
    ],
    [
      'a blank justification',
      { reportable: false, decidedBy: 'po', decidedAt: '2026-11-10T09:00:00-08:00', justification: '   ' },
      'decision.justification',
      /must not be empty/,
    ],
    [
      'decided in the future',
      { reportable: true, decidedBy: 'po', decidedAt: '2026-12-01T00:00:00Z' },
      'decision.decidedAt',
      /in the future/,
    ],
    [
      'decided before discovery',
      { reportable: true, decidedBy: 'po', decidedAt: '2026-10-01T00:00:00Z' },
      'decision.decidedAt',
      /before dates\.discoveredAt/,
    ],
    ['no decider', { reportable: true, decidedAt: '2026-11-10T09:00:00-08:00' }, 'decision.decidedBy', /^is required/],
    [
      '"yes" instead of true',
      { reportable: 'yes', decidedBy: 'po', decidedAt: '2026-11-10T09:00:00-08:00' },
      'decision.reportable',
      /true .* or false/,
    ],
    [
      'an unknown field',
      { reportable: true, decidedBy: 'po', decidedAt: '2026-11-10T09:00:00-08:00', approvedBy: 'x' },
      'decision.approvedBy',
      /not a field/,
    ],
  ])('%s → %s', (_name, decision, path, message) => {
    const r = validateDecision(decision, ctx);
    expect(r.ok).toBe(false);
    const hit = !r.ok && r.issues.find((i) => i.path === path);
    expect(hit, JSON.stringify(r)).toBeTruthy();
    expect(hit && hit.message).toMatch(message);
  });

  it("the path prefix follows where the decision sits in the caller's document", () => {
    const r = validateDecision(
      { reportable: false, decidedBy: 'po', decidedAt: '2026-11-10T09:00:00-08:00' },
      { ...ctx, pathPrefix: 'incident.decision' },
    );
    expect(!r.ok && r.issues[0]!.path).toBe('incident.decision.justification');
  });
});
