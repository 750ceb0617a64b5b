import { describe, expect, it } from 'vitest';
import {
  QUESTIONS,
  answersFromFacts,
  applyAnswers,
  countdown,
  justificationRequired,
  preview,
  unknownAnswers,
  urgency,
} from '../../console/ui/assessment-form.js';
import { canDo } from '../../console/ui/components.js';
import { permissionsOf } from '../../contract/incident-actions.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

const now = '2026-11-22T12:00:00.000Z';
const facts = coveredEntityBreach('2026-11-21T12:00:00.000Z', {
  phi: { involved: 'yes', identifiers: ['dates'], clinical: false, financial: false },
  affected: { byJurisdiction: { OR: 30 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
});
const lowRisk = {
  'security.encrypted': 'no',
  'security.encryptionMeetsHhsGuidance': 'no',
  'security.keyCompromised': 'no',
  'security.destroyed': 'no',
  'assessment.natureAndExtent.reidentificationLikelihood': 'low',
  'assessment.natureAndExtent.sensitiveInformation': 'no',
  'assessment.unauthorizedRecipient.kind': 'hipaa_covered_entity_or_business_associate',
  'assessment.unauthorizedRecipient.obligatedToProtect': 'yes',
  'assessment.acquiredOrViewed.finding': 'not_acquired_or_viewed',
  'assessment.mitigation.extent': 'returned_or_destroyed_with_attestation',
};

describe('console assessment form logic', () => {
  it('reads the answers from the facts and writes them back at their paths (a copy)', () => {
    const answers = answersFromFacts(facts);
    expect(answers['assessment.acquiredOrViewed.finding']).toBe('acquired');
    const changed = applyAnswers(facts, { ...answers, 'assessment.mitigation.extent': 'partial' });
    expect((changed.assessment as { mitigation: { extent: string } }).mitigation.extent).toBe('partial');
    expect(facts.assessment?.mitigation?.extent).toBe('none');
    expect(QUESTIONS.every((q) => q.help && q.options.length > 1)).toBe(true);
  });

  it('answers → facts → recommendation: four low factors rebut the presumption; the same facts with an unknown answer are reportable', () => {
    const low = preview(facts, lowRisk, now);
    expect(low.ok && low.determination.recommendation.reportable).toBe(false);
    expect(low.ok && low.determination.outcome).toBe('low_probability_of_compromise');
    const unknown = preview(facts, { ...lowRisk, 'assessment.acquiredOrViewed.finding': 'unknown' }, now);
    expect(unknown.ok && unknown.determination.recommendation.reportable).toBe(true);
    expect(unknown.ok && unknown.pushesToReportable.map((q) => q.path)).toEqual(['assessment.acquiredOrViewed.finding']);
    expect(unknownAnswers({ ...lowRisk, 'assessment.mitigation.extent': '' }).map((q) => q.path)).toEqual(['assessment.mitigation.extent']);
  });

  it('the encryption safe harbor comes first: encrypted to guidance with the key safe is not reportable whatever the factors', () => {
    const secured = preview(
      facts,
      {
        ...answersFromFacts(facts),
        'security.encrypted': 'yes',
        'security.encryptionMeetsHhsGuidance': 'yes',
        'security.keyCompromised': 'no',
      },
      now,
    );
    expect(secured.ok && secured.determination.outcome).toBe('secured');
  });

  it('invalid facts give issues by path instead of a recommendation', () => {
    const bad = preview(facts, { 'assessment.acquiredOrViewed.finding': 'maybe' }, now);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.path)).toContain('assessment.acquiredOrViewed.finding');
  });

  it('a justification is required only when the decision differs from the recommendation', () => {
    expect(justificationRequired(true, true)).toBe(false);
    expect(justificationRequired(true, false)).toBe(true);
    expect(justificationRequired(false, true)).toBe(true);
    expect(justificationRequired(undefined, true)).toBe(false);
  });

  it('countdown colours and role gates', () => {
    const t = Date.parse(now);
    expect(urgency(new Date(t - 1000).toISOString(), t)).toBe('overdue');
    expect(urgency(new Date(t + 2 * 86_400_000).toISOString(), t)).toBe('within-3-days');
    expect(urgency(new Date(t + 10 * 86_400_000).toISOString(), t)).toBe('within-14-days');
    expect(urgency(new Date(t + 40 * 86_400_000).toISOString(), t)).toBe('later');
    expect(urgency(null, t)).toBe('none');
    expect(countdown(new Date(t + 86_400_000 + 3_600_000).toISOString(), t)).toBe('in 1 d 1 h');
    // The gates read GET /me's actions (the server's table, contract/incident-actions.ts), no copy.
    expect(canDo({ actions: permissionsOf('legal') }, 'decide')).toBe(false);
    expect(canDo({ actions: permissionsOf('legal') }, 'confirmObligation')).toBe(false);
    expect(canDo({ actions: permissionsOf('privacy_officer') }, 'decide')).toBe(true);
    expect(canDo({ actions: permissionsOf('responder') }, 'decide')).toBe(false);
    expect(canDo({ actions: permissionsOf('responder') }, 'recordFacts')).toBe(true);
    expect(canDo({ actions: permissionsOf('responder') }, 'correctFacts')).toBe(false);
    expect(canDo(undefined, 'list')).toBe(false);
  });
});
