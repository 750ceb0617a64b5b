import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { DIRECT_IDENTIFIERS, HIGH_RISK_IDENTIFIERS, type HipaaIdentifier } from './phi-identifiers.js';
import { Answer, NonBlank } from './schema-primitives.js';

/**
 * The risk assessment of 45 CFR 164.402(2): an impermissible use or disclosure is presumed a breach
 * unless the entity demonstrates a low probability that the PHI has been compromised, based on at least
 * four factors. Each factor is a set of structured answers, and every question has an explicit
 * `unknown`; a question left out is treated as `unknown`. Unknown never rebuts the presumption.
 *
 * The engine rates a factor `low` only when its answers affirmatively show low risk, and recommends
 * "low probability of compromise" only when every factor (and every additional factor recorded) is
 * `low`. Weighing a factor that is not low against the others is a judgement the privacy officer may
 * make — recorded as a decision that differs from the recommendation, with a written justification.
 */

const notes = lazySchema(() => NonBlank(2000).optional());

/** Factor (i), 164.402(2)(i): the nature and extent of the PHI, incl. types of identifiers and likelihood of re-identification. */
export const NatureAndExtent = lazySchema(() =>
  z
    .object({
      /** Could the information be linked to the individuals (with the identifiers involved, or other available data)? */
      reidentificationLikelihood: z.enum(['low', 'high', 'unknown'], { error: 'must be "low", "high" or "unknown"' }),
      /** Sensitive clinical or financial detail (diagnoses, mental health, substance use, HIV, genetic, payment data)? */
      sensitiveInformation: Answer.optional(),
      notes,
    })
    .strict(),
);

export const RECIPIENT_KINDS = [
  'own_workforce_member',
  /** Another covered entity or business associate, itself obliged by HIPAA to protect the PHI. */
  'hipaa_covered_entity_or_business_associate',
  /** An entity obliged by other law to protect it, e.g. a federal agency under the Privacy Act / FISMA. */
  'other_entity_obligated_by_law',
  'other_known_party',
  'unknown_or_malicious',
  'unknown',
] as const;

/** Factor (ii), 164.402(2)(ii): the unauthorized person who used the PHI or to whom the disclosure was made. */
export const UnauthorizedRecipient = lazySchema(() =>
  z
    .object({
      kind: z.enum(RECIPIENT_KINDS, { error: `must be one of: ${RECIPIENT_KINDS.join(', ')}` }),
      /** Is that person obliged (by law) to protect the PHI's privacy and security? */
      obligatedToProtect: Answer,
      notes,
    })
    .strict(),
);

/** Factor (iii), 164.402(2)(iii): whether the PHI was actually acquired or viewed (or only exposed). */
export const AcquiredOrViewed = lazySchema(() =>
  z
    .object({
      finding: z.enum(['not_acquired_or_viewed', 'viewed', 'acquired', 'unknown'], {
        error: 'must be "not_acquired_or_viewed", "viewed", "acquired" or "unknown"',
      }),
      /** How it is known: forensic analysis, access logs, the recipient's attestation… */
      basis: notes,
    })
    .strict(),
);

/** Factor (iv), 164.402(2)(iv): the extent to which the risk to the PHI has been mitigated. */
export const Mitigation = lazySchema(() =>
  z
    .object({
      extent: z.enum(['returned_or_destroyed_with_attestation', 'satisfactory_assurances', 'partial', 'none', 'unknown'], {
        error: 'must be "returned_or_destroyed_with_attestation", "satisfactory_assurances", "partial", "none" or "unknown"',
      }),
      notes,
    })
    .strict(),
);

/** 164.402(2) says "at least" these four factors: an organization may weigh more. */
export const AdditionalFactor = lazySchema(() =>
  z
    .object({
      name: NonBlank(200),
      rating: z.enum(['low', 'not_low', 'unknown'], { error: 'must be "low", "not_low" or "unknown"' }),
      notes,
    })
    .strict(),
);

export const RiskAssessment = lazySchema(() =>
  z
    .object({
      natureAndExtent: NatureAndExtent.optional(),
      unauthorizedRecipient: UnauthorizedRecipient.optional(),
      acquiredOrViewed: AcquiredOrViewed.optional(),
      mitigation: Mitigation.optional(),
      additionalFactors: z.array(AdditionalFactor).default([]),
    })
    .strict(),
);
export type RiskAssessment = z.infer<typeof RiskAssessment>;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export type FactorRating = 'low' | 'not_low' | 'unknown';
export interface FactorFinding {
  /** 'i'…'iv' for the four factors of 164.402(2); 'additional-1'… for the organization's own. */
  factor: string;
  name: string;
  rating: FactorRating;
  reason: string;
  citation: string;
}

interface PhiForFactorOne {
  identifiers: readonly HipaaIdentifier[];
  financial: boolean;
  clinical: boolean;
}

/** Factor (i), 164.402(2)(i). */
export function rateNatureAndExtent(a: RiskAssessment['natureAndExtent'], phi: PhiForFactorOne): FactorFinding {
  const base = { factor: 'i', name: 'nature and extent of the PHI', citation: '45 CFR 164.402(2)(i)' };
  const highRisk = phi.identifiers.filter((i) => HIGH_RISK_IDENTIFIERS.has(i));
  const direct = phi.identifiers.filter((i) => DIRECT_IDENTIFIERS.has(i));
  // Facts that settle it whatever the answers: identifiers that enable fraud, or financial information.
  if (highRisk.length)
    return { ...base, rating: 'not_low', reason: `identifiers that enable fraud or identity theft were involved (${highRisk.join(', ')})` };
  if (phi.financial) return { ...base, rating: 'not_low', reason: 'financial information was involved' };
  if (direct.length)
    return {
      ...base,
      rating: 'not_low',
      reason: `direct identifiers were involved (${direct.join(', ')}), so re-identification is not in doubt`,
    };
  if (!a) return { ...base, rating: 'unknown', reason: 'not assessed' };
  if (a.reidentificationLikelihood === 'unknown')
    return { ...base, rating: 'unknown', reason: 'the likelihood of re-identification is not known' };
  if (a.reidentificationLikelihood === 'high') return { ...base, rating: 'not_low', reason: 're-identification is likely' };
  const sensitive = a.sensitiveInformation ?? 'unknown';
  if (sensitive === 'unknown')
    return { ...base, rating: 'unknown', reason: 'whether sensitive clinical or financial detail was involved is not known' };
  if (sensitive === 'yes') return { ...base, rating: 'not_low', reason: 'sensitive clinical or financial detail was involved' };
  return {
    ...base,
    rating: 'low',
    reason: `no direct or high-risk identifiers, re-identification unlikely, no sensitive detail${phi.clinical ? ' (clinical information without identifiers)' : ''}`,
  };
}

/** Factor (ii), 164.402(2)(ii). */
export function rateRecipient(r: RiskAssessment['unauthorizedRecipient']): FactorFinding {
  const base = { factor: 'ii', name: 'the unauthorized person', citation: '45 CFR 164.402(2)(ii)' };
  if (!r) return { ...base, rating: 'unknown', reason: 'not assessed' };
  if (r.kind === 'unknown') return { ...base, rating: 'unknown', reason: 'who used or received the PHI is not known' };
  if (r.kind === 'unknown_or_malicious') return { ...base, rating: 'not_low', reason: 'an unidentified or malicious party' };
  if (r.obligatedToProtect === 'unknown')
    return { ...base, rating: 'unknown', reason: `${label(r.kind)}, and whether they are obliged to protect the PHI is not known` };
  const bound =
    r.kind === 'own_workforce_member' ||
    r.kind === 'hipaa_covered_entity_or_business_associate' ||
    r.kind === 'other_entity_obligated_by_law';
  if (bound && r.obligatedToProtect === 'yes')
    return { ...base, rating: 'low', reason: `${label(r.kind)}, obliged by law to protect the PHI` };
  return {
    ...base,
    rating: 'not_low',
    reason: `${label(r.kind)}${r.obligatedToProtect === 'no' ? ', not obliged to protect the PHI' : ', not bound by law to protect it'}`,
  };
}

/** Factor (iii), 164.402(2)(iii). */
export function rateAcquiredOrViewed(a: RiskAssessment['acquiredOrViewed']): FactorFinding {
  const base = { factor: 'iii', name: 'whether the PHI was actually acquired or viewed', citation: '45 CFR 164.402(2)(iii)' };
  if (!a) return { ...base, rating: 'unknown', reason: 'not assessed' };
  if (a.finding === 'unknown') return { ...base, rating: 'unknown', reason: 'whether the PHI was acquired or viewed is not known' };
  if (a.finding === 'not_acquired_or_viewed')
    return { ...base, rating: 'low', reason: `not acquired or viewed${a.basis ? ` (basis: ${a.basis})` : ''}` };
  return { ...base, rating: 'not_low', reason: `the PHI was ${a.finding}` };
}

/** Factor (iv), 164.402(2)(iv). */
export function rateMitigation(m: RiskAssessment['mitigation']): FactorFinding {
  const base = { factor: 'iv', name: 'the extent of mitigation', citation: '45 CFR 164.402(2)(iv)' };
  if (!m) return { ...base, rating: 'unknown', reason: 'not assessed' };
  switch (m.extent) {
    case 'unknown':
      return { ...base, rating: 'unknown', reason: 'the extent of mitigation is not known' };
    case 'returned_or_destroyed_with_attestation':
      return { ...base, rating: 'low', reason: 'the PHI was returned or destroyed, with an attestation' };
    case 'satisfactory_assurances':
      return { ...base, rating: 'low', reason: 'satisfactory assurances obtained that it will not be further used or disclosed' };
    case 'partial':
      return { ...base, rating: 'not_low', reason: 'the risk was only partly mitigated' };
    case 'none':
      return { ...base, rating: 'not_low', reason: 'the risk was not mitigated' };
  }
}

/** All factors in order: (i)–(iv), then the organization's additional ones. */
export function rateFactors(a: RiskAssessment | undefined, phi: PhiForFactorOne): FactorFinding[] {
  return [
    rateNatureAndExtent(a?.natureAndExtent, phi),
    rateRecipient(a?.unauthorizedRecipient),
    rateAcquiredOrViewed(a?.acquiredOrViewed),
    rateMitigation(a?.mitigation),
    ...(a?.additionalFactors ?? []).map((x, i) => ({
      factor: `additional-${i + 1}`,
      name: x.name,
      rating: x.rating,
      reason: x.notes ?? `rated ${x.rating.replace('_', ' ')} by the assessor`,
      citation: '45 CFR 164.402(2) ("at least the following factors")',
    })),
  ];
}

function label(kind: RecipientKind): string {
  return {
    own_workforce_member: 'our own workforce member',
    hipaa_covered_entity_or_business_associate: 'another HIPAA covered entity or business associate',
    other_entity_obligated_by_law: 'an entity obliged by other law (e.g. the Privacy Act) to protect it',
    other_known_party: 'a known party outside HIPAA',
    unknown_or_malicious: 'an unidentified or malicious party',
    unknown: 'an unknown party',
  }[kind];
}
