import { describe, expect, it } from 'vitest';
import { determine, planObligations, validateFacts, type IncidentFactsInput } from '../../domain/index.js';
import { loadOcrBreaches, ocrFacts, type OcrBreach } from '../fixtures/ocr-breaches.js';

/**
 * Every breach of the public OCR list (5,356 real breaches of 500+ people, 2009–2023) through the rule
 * engine, with facts that vary by row: what each row's columns say (breach type, location of the
 * information, entity type, State, count) decides the security and four-factor answers, and the row
 * number varies what the list does not say (was the stolen laptop encrypted? who received the
 * misdirected records?). The expected outcome and plan are computed HERE, from the regulation's text,
 * without the engine's helpers (no determine / isState / localDateOf / addCalendarDays):
 *
 * - 164.402 "unsecured PHI" and the HHS guidance: encrypted to the guidance with the key not compromised
 *   is secured → no notification.
 * - 164.402(2): a breach is presumed unless every one of the four factors shows a low probability of
 *   compromise; an "unknown" never rebuts it.
 * - Reportable: individuals (164.404); 500 or more → HHS with them (164.408(b)); more than 500 residents
 *   of one State or jurisdiction → media there (164.406); a business associate notifies the covered
 *   entity only (164.410). Every deadline within 60 calendar days of discovery (164.404(b)).
 */
const breaches = loadOcrBreaches();
const NOW = '2026-11-22T12:00:00Z';

// 45 CFR 160.103 "State": the 50 States, DC, Puerto Rico, the Virgin Islands, Guam, American Samoa, the Northern Mariana Islands.
const STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP'.split(
    ' ',
  ),
);

type Variant =
  | 'secured_device'
  | 'encrypted_key_unknown'
  | 'unencrypted_device'
  | 'paper'
  | 'hacking'
  | 'internal_low_risk'
  | 'internal_viewed'
  | 'recipient_unknown'
  | 'other';

/** Which story a row tells, from its columns and (for what the list does not record) its line number. */
function variantOf(b: OcrBreach): Variant {
  const theftOrLoss = /Theft|Loss/.test(b.breachType);
  const device = /Laptop|Desktop Computer|Portable Electronic Device/.test(b.location);
  if (/Hacking/.test(b.breachType)) return 'hacking';
  if (theftOrLoss && device)
    return (['secured_device', 'encrypted_key_unknown', 'unencrypted_device', 'unencrypted_device'] as const)[b.line % 4]!;
  if (/Paper\/Films/.test(b.location) && (theftOrLoss || /Improper Disposal/.test(b.breachType))) return 'paper';
  if (/Unauthorized Access\/Disclosure/.test(b.breachType))
    return (['internal_low_risk', 'internal_viewed', 'recipient_unknown'] as const)[b.line % 3]!;
  return 'other';
}

function variedFacts(b: OcrBreach, v: Variant): IncidentFactsInput {
  const base = ocrFacts(b);
  const unencrypted = { encrypted: 'no' } as const;
  const byVariant: Record<Variant, Pick<IncidentFactsInput, 'security' | 'assessment' | 'phi'>> = {
    secured_device: {
      phi: base.phi,
      security: { encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'no' },
      assessment: { acquiredOrViewed: { finding: 'unknown' } },
    },
    encrypted_key_unknown: {
      phi: base.phi,
      security: { encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'unknown' },
      assessment: { acquiredOrViewed: { finding: 'unknown' } },
    },
    unencrypted_device: {
      phi: base.phi,
      security: unencrypted,
      assessment: {
        unauthorizedRecipient: { kind: 'unknown_or_malicious', obligatedToProtect: 'no' },
        acquiredOrViewed: { finding: 'unknown' },
        mitigation: { extent: 'none' },
      },
    },
    paper: {
      phi: { involved: 'yes', identifiers: ['names', 'medical_record_numbers'], clinical: true },
      security: { encrypted: 'no', destroyed: 'no' },
      assessment: { acquiredOrViewed: { finding: 'unknown' } },
    },
    hacking: {
      phi: { involved: 'yes', identifiers: ['names', 'social_security_numbers'], financial: true },
      security: unencrypted,
      assessment: {
        unauthorizedRecipient: { kind: 'unknown_or_malicious', obligatedToProtect: 'no' },
        acquiredOrViewed: { finding: 'acquired' },
        mitigation: { extent: 'partial' },
      },
    },
    // A misdirected batch of clinical notes without identifiers, to another covered entity, unread and destroyed.
    internal_low_risk: {
      phi: { involved: 'yes', identifiers: [], clinical: true },
      security: unencrypted,
      assessment: {
        natureAndExtent: { reidentificationLikelihood: 'low', sensitiveInformation: 'no' },
        unauthorizedRecipient: { kind: 'hipaa_covered_entity_or_business_associate', obligatedToProtect: 'yes' },
        acquiredOrViewed: { finding: 'not_acquired_or_viewed', basis: 'returned sealed' },
        mitigation: { extent: 'returned_or_destroyed_with_attestation' },
      },
    },
    internal_viewed: {
      phi: { involved: 'yes', identifiers: [], clinical: true },
      security: unencrypted,
      assessment: {
        natureAndExtent: { reidentificationLikelihood: 'low', sensitiveInformation: 'no' },
        unauthorizedRecipient: { kind: 'own_workforce_member', obligatedToProtect: 'yes' },
        acquiredOrViewed: { finding: 'viewed' },
        mitigation: { extent: 'satisfactory_assurances' },
      },
    },
    recipient_unknown: {
      phi: base.phi,
      security: unencrypted,
      assessment: {
        unauthorizedRecipient: { kind: 'unknown', obligatedToProtect: 'unknown' },
        acquiredOrViewed: { finding: 'acquired' },
        mitigation: { extent: 'unknown' },
      },
    },
    other: { phi: { involved: 'unknown', identifiers: [] }, security: { encrypted: 'unknown' }, assessment: {} },
  };
  return { ...base, ...byVariant[v] };
}

/** The outcome the regulation gives this story (not the engine's helpers). */
function expectedReportable(v: Variant): boolean {
  // Secured by the guidance → not unsecured PHI; every factor low → presumption rebutted; anything else presumed a breach.
  return v !== 'secured_device' && v !== 'internal_low_risk';
}

/** The calendar date (YYYY-MM-DD) of discovery plus 60 days; discovery is 17:00 UTC, the same date in New York. */
function day60(discoveredAt: string): string {
  const d = new Date(`${discoveredAt.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 60);
  return d.toISOString().slice(0, 10);
}

describe('the OCR breach list through the rule engine', () => {
  it('has the rows and quirks its README describes', () => {
    expect(breaches).toHaveLength(5356);
    expect(breaches.filter((b) => b.individuals === 500)).toHaveLength(87);
    expect(Math.max(...breaches.map((b) => b.individuals).filter(Number.isFinite))).toBe(78_800_000);
    // One row has no count at all (a quirk the README does not list).
    expect(breaches.filter((b) => !Number.isFinite(b.individuals)).map((b) => b.line)).toEqual([4557]);
    expect(breaches.some((b) => b.state === '')).toBe(true);
  });

  it('every breach, with facts from its own columns: the outcome and the plan the rule prescribes', () => {
    const problems: string[] = [];
    const seen: Record<string, number> = {};
    const media = { required: 0, notRequired: 0 };
    for (const b of breaches) {
      const v = variantOf(b);
      const facts = variedFacts(b, v);
      const checked = validateFacts(facts, { now: NOW });
      if (!Number.isFinite(b.individuals)) {
        // No count: the engine asks for one (an estimate is fine, 164.408), naming the field.
        if (checked.ok || !checked.issues.some((i) => i.path.startsWith('affected.byJurisdiction')))
          problems.push(`line ${b.line}: a missing count must be refused by field`);
        continue;
      }
      const where = `line ${b.line} (${v}; ${b.breachType}; ${b.location}; ${b.entityType}, ${b.state || 'no State'}, ${b.individuals})`;
      if (!checked.ok) {
        problems.push(`${where}: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
        continue;
      }
      const reportable = expectedReportable(v);
      seen[`${v}:${reportable}`] = (seen[`${v}:${reportable}`] ?? 0) + 1;
      if (determine(checked.facts).recommendation.reportable !== reportable)
        problems.push(`${where}: recommendation should be ${reportable ? 'reportable' : 'not reportable'}`);
      const plan = planObligations(checked.facts, null, { now: NOW });
      const ids = plan.obligations.map((o) => o.id).sort();
      if (!reportable) {
        if (ids.length > 0) problems.push(`${where}: not reportable, yet planned ${ids.join()}`);
        continue;
      }
      const lastDay = day60(checked.facts.dates.discoveredAt);
      for (const o of plan.obligations)
        if (o.deadline.date > lastDay) problems.push(`${where}: ${o.id} due ${o.deadline.date}, after day 60 (${lastDay})`);
      if (b.entityType === 'Business Associate') {
        if (ids.join() !== 'ce_notice:listed-ce')
          problems.push(`${where}: a business associate notifies the covered entity only, got ${ids.join()}`);
        continue;
      }
      const inState = STATES.has(b.state);
      const expectMedia = inState && b.individuals > 500;
      if (expectMedia) media.required++;
      else media.notRequired++;
      const expected = ['hhs_notice', 'individual_notice', ...(expectMedia ? [`media_notice:${b.state}`] : [])].sort();
      if (ids.join() !== expected.join()) problems.push(`${where}: expected ${expected.join()}, got ${ids.join()}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // Every story occurs often enough to matter, both outcomes included.
    for (const k of [
      'secured_device:false',
      'encrypted_key_unknown:true',
      'unencrypted_device:true',
      'paper:true',
      'hacking:true',
      'internal_low_risk:false',
      'internal_viewed:true',
      'recipient_unknown:true',
      'other:true',
    ]) {
      expect(seen[k] ?? 0, k).toBeGreaterThan(20);
    }
    expect(media.notRequired).toBeGreaterThanOrEqual(50);
    expect(media.required).toBeGreaterThan(3000);
  });
});
