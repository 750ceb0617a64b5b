import { describe, expect, it } from 'vitest';
import { addCalendarDays, determine, isState, localDateOf, planObligations, validateFacts, type Decision } from '../../domain/index.js';
import { loadOcrBreaches, ocrFacts } from '../fixtures/ocr-breaches.js';

/**
 * Every breach of the public OCR list (5,356 real breaches of 500+ people, 2009–2023) through the rule
 * engine: the facts validate, the recommendation is "reportable", and the plan is the one the rule
 * prescribes for 500 or more (HHS with the individual notices, 164.408(b); media only where more than
 * 500 residents of one State, 164.406; never the annual log; every deadline within 60 days, 164.404(b)).
 */
const breaches = loadOcrBreaches();
const decision: Decision = { reportable: true, decidedBy: 'privacy-officer', decidedAt: '2026-11-20T09:00:00Z' };

describe('the OCR breach list through the rule engine', () => {
  it('has the rows and quirks its README describes', () => {
    expect(breaches).toHaveLength(5356);
    expect(breaches.filter((b) => b.individuals === 500)).toHaveLength(87);
    expect(Math.max(...breaches.map((b) => b.individuals).filter(Number.isFinite))).toBe(78_800_000);
    // One row has no count at all (a quirk the README does not list).
    expect(breaches.filter((b) => !Number.isFinite(b.individuals)).map((b) => b.line)).toEqual([4557]);
    expect(breaches.some((b) => b.state === '')).toBe(true);
  });

  it('every breach: valid facts, reportable, and the 500+ plan of the rule', () => {
    const problems: string[] = [];
    const media = { required: 0, notRequired: 0 };
    for (const b of breaches) {
      const v = validateFacts(ocrFacts(b), { now: '2026-11-22T12:00:00Z' });
      if (!Number.isFinite(b.individuals)) {
        // No count: the engine asks for one (an estimate is fine, 164.408), naming the field.
        if (v.ok || !v.issues.some((i) => i.path === `affected.byJurisdiction.${b.state}`)) problems.push(`line ${b.line}: a missing count must be refused by field`);
        continue;
      }
      if (!v.ok) {
        problems.push(`line ${b.line}: ${v.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
        continue;
      }
      const where = `line ${b.line} (${b.entityType}, ${b.state || 'no State'}, ${b.individuals})`;
      if (!determine(v.facts).recommendation.reportable) problems.push(`${where}: not recommended reportable`);
      const plan = planObligations(v.facts, decision, { now: '2026-11-22T12:00:00Z' });
      const ids = plan.obligations.map((o) => o.id);
      const lastDay = addCalendarDays(localDateOf(v.facts.dates.discoveredAt, 'America/New_York'), 60);
      for (const o of plan.obligations) if (o.deadline.date > lastDay) problems.push(`${where}: ${o.id} due ${o.deadline.date}, after day 60 (${lastDay})`);
      if (b.entityType === 'Business Associate') {
        // 164.410: a business associate notifies the covered entity, which makes the other notices.
        if (ids.join() !== 'ce_notice:listed-ce') problems.push(`${where}: ${ids.join()}`);
        continue;
      }
      if (!ids.includes('individual_notice')) problems.push(`${where}: no individual notice`);
      if (!ids.includes('hhs_notice') || ids.includes('hhs_annual_log')) problems.push(`${where}: 500+ must go to HHS with the individual notices, got ${ids.join()}`);
      const mediaIds = ids.filter((id) => id.startsWith('media_notice:'));
      const expectMedia = isState(b.state) && b.individuals > 500;
      if (expectMedia) media.required++;
      else media.notRequired++;
      if (expectMedia ? mediaIds.join() !== `media_notice:${b.state}` : mediaIds.length > 0) problems.push(`${where}: media ${mediaIds.join() || 'none'}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // Exactly 500 residents, or an unknown State, means no media notice (164.406 says more than 500).
    expect(media.notRequired).toBeGreaterThanOrEqual(87);
    expect(media.required).toBeGreaterThan(4000);
  });
});
