import { DIRECT_IDENTIFIERS, HIGH_RISK_IDENTIFIERS } from './phi-identifiers.js';
import type { IncidentFacts } from './incident-facts.js';

/**
 * Is it a breach that must be notified? 45 CFR 164.402, in the order the rule reads:
 *   PHI involved? → unsecured (no safe harbor)? → a statutory exception? → four-factor risk assessment.
 * The recommendation is the engine's; the decision is a person's (decision.ts). Unknown answers never
 * rebut the presumption of breach (164.402(2)).
 */
export type DeterminationOutcome = 'no_phi' | 'secured' | 'exception' | 'low_probability_of_compromise' | 'breach';
export type FactorRating = 'low' | 'not_low' | 'unknown';

export interface FactorFinding {
  factor: 'i' | 'ii' | 'iii' | 'iv';
  name: string;
  rating: FactorRating;
  reason: string;
}

export interface Determination {
  outcome: DeterminationOutcome;
  recommendation: { reportable: boolean; lowProbabilityOfCompromise: boolean };
  /** Which step settled it, and why, one line per step taken: for the record (164.414(b)). */
  rationale: string[];
  factors: FactorFinding[];
}

const yes = (v: string | undefined) => v === 'yes';

/** Factor (i) 164.402(2)(i): nature and extent, incl. identifiers and likelihood of re-identification. */
function natureAndExtent(f: IncidentFacts): FactorFinding {
  const a = f.assessment?.natureAndExtent;
  const ids = f.phi.identifiers;
  const highRisk = ids.filter((i) => HIGH_RISK_IDENTIFIERS.has(i));
  const direct = ids.filter((i) => DIRECT_IDENTIFIERS.has(i));
  const base = { factor: 'i' as const, name: 'nature and extent of the PHI' };
  if (!a || a.reidentificationLikelihood === 'unknown') return { ...base, rating: 'unknown', reason: 'the likelihood of re-identification is not known' };
  if (highRisk.length) return { ...base, rating: 'not_low', reason: `high-risk identifiers involved (${highRisk.join(', ')})` };
  if (f.phi.financial) return { ...base, rating: 'not_low', reason: 'financial information involved' };
  if (a.reidentificationLikelihood === 'high' || direct.length) {
    return { ...base, rating: 'not_low', reason: direct.length ? `direct identifiers involved (${direct.join(', ')})` : 're-identification is likely' };
  }
  return { ...base, rating: 'low', reason: `no direct or high-risk identifiers; re-identification unlikely${f.phi.clinical ? ' (clinical information without identifiers)' : ''}` };
}

/** Factor (ii) 164.402(2)(ii): the unauthorized person who used the PHI or to whom it was disclosed. */
function recipient(f: IncidentFacts): FactorFinding {
  const r = f.assessment?.unauthorizedRecipient;
  const base = { factor: 'ii' as const, name: 'the unauthorized person' };
  if (!r || r.kind === 'unknown' || r.obligatedToProtect === 'unknown') return { ...base, rating: 'unknown', reason: 'who received the PHI, or whether they must protect it, is not known' };
  if (r.kind === 'unknown_or_malicious') return { ...base, rating: 'not_low', reason: 'an unknown or malicious party' };
  if ((r.kind === 'hipaa_covered_entity_or_business_associate' || r.kind === 'own_workforce_member') && yes(r.obligatedToProtect)) {
    return { ...base, rating: 'low', reason: r.kind === 'own_workforce_member' ? 'our own workforce, bound to protect the PHI' : 'another HIPAA-bound entity, obligated to protect the PHI' };
  }
  return { ...base, rating: 'not_low', reason: `${r.kind.replace(/_/g, ' ')}${r.obligatedToProtect === 'no' ? ' not obligated to protect the PHI' : ''}` };
}

/** Factor (iii) 164.402(2)(iii): whether the PHI was actually acquired or viewed. */
function acquired(f: IncidentFacts): FactorFinding {
  const a = f.assessment?.acquiredOrViewed;
  const base = { factor: 'iii' as const, name: 'actually acquired or viewed' };
  if (!a || a.finding === 'unknown') return { ...base, rating: 'unknown', reason: 'whether the PHI was acquired or viewed is not known' };
  if (a.finding === 'not_acquired_or_viewed') return { ...base, rating: 'low', reason: `not acquired or viewed${a.basis ? ` (${a.basis})` : ''}` };
  return { ...base, rating: 'not_low', reason: `the PHI was ${a.finding}` };
}

/** Factor (iv) 164.402(2)(iv): the extent to which the risk to the PHI has been mitigated. */
function mitigation(f: IncidentFacts): FactorFinding {
  const m = f.assessment?.mitigation;
  const base = { factor: 'iv' as const, name: 'extent of mitigation' };
  if (!m || m.extent === 'unknown') return { ...base, rating: 'unknown', reason: 'the extent of mitigation is not known' };
  if (m.extent === 'returned_or_destroyed_with_attestation' || m.extent === 'satisfactory_assurances') {
    return { ...base, rating: 'low', reason: m.extent === 'satisfactory_assurances' ? 'satisfactory assurances obtained' : 'returned or destroyed, with attestation' };
  }
  return { ...base, rating: 'not_low', reason: `mitigation ${m.extent}` };
}

/** Safe harbor (164.402 "unsecured PHI"; HHS guidance): encrypted per guidance with the key safe, or destroyed. */
export function isSecured(f: IncidentFacts): { secured: boolean; reason: string } {
  const s = f.security;
  if (yes(s.destroyed)) return { secured: true, reason: 'destroyed per NIST SP 800-88 (shredded/purged: cannot be read or reconstructed)' };
  if (yes(s.encrypted) && yes(s.encryptionMeetsHhsGuidance) && s.keyCompromised === 'no') {
    return { secured: true, reason: 'encrypted consistent with HHS guidance, and the key was not compromised' };
  }
  if (yes(s.encrypted) && s.keyCompromised !== 'no') {
    return { secured: false, reason: s.keyCompromised === 'yes' ? 'encrypted, but the decryption key was compromised' : 'encrypted, but it is not known whether the key was compromised' };
  }
  if (yes(s.encrypted)) return { secured: false, reason: 'encrypted, but not shown to meet HHS guidance' };
  return { secured: false, reason: s.encrypted === 'unknown' ? 'whether the PHI was encrypted is not known' : 'not encrypted and not destroyed' };
}

/** 164.402(1)(i)–(iii): an exception holds only if every condition is affirmatively met. */
export function exceptionApplies(f: IncidentFacts): { applies: boolean; reason: string } | undefined {
  const e = f.exception;
  if (!e) return undefined;
  switch (e.kind) {
    case 'good_faith_workforce': {
      const ok = yes(e.unintentional) && yes(e.goodFaith) && yes(e.withinScopeOfAuthority) && yes(e.noFurtherImpermissibleUseOrDisclosure);
      return { applies: ok, reason: `164.402(1)(i) good-faith workforce use: ${ok ? 'all conditions met' : 'not every condition is affirmatively met'}` };
    }
    case 'inadvertent_internal': {
      const ok = yes(e.discloserAuthorized) && yes(e.recipientAuthorizedAtSameEntityOrOhca) && yes(e.noFurtherImpermissibleUseOrDisclosure);
      return { applies: ok, reason: `164.402(1)(ii) inadvertent disclosure between authorized persons: ${ok ? 'all conditions met' : 'not every condition is affirmatively met'}` };
    }
    case 'could_not_retain': {
      const ok = yes(e.goodFaithBeliefCouldNotRetain) && f.assessment?.acquiredOrViewed.finding !== 'acquired';
      return { applies: ok, reason: `164.402(1)(iii) recipient could not reasonably have retained the PHI: ${ok ? 'good-faith belief documented' : 'not established'}` };
    }
  }
}

export function determine(f: IncidentFacts): Determination {
  const rationale: string[] = [];
  const factors = [natureAndExtent(f), recipient(f), acquired(f), mitigation(f)];
  const result = (outcome: DeterminationOutcome, reportable: boolean, low = false): Determination => ({
    outcome,
    recommendation: { reportable, lowProbabilityOfCompromise: low },
    rationale,
    factors,
  });

  // Step 1: no PHI, no HIPAA breach (still documented).
  if (f.phi.involved === 'no') {
    rationale.push('No protected health information was involved: not a HIPAA breach (documented, 164.414(b)).');
    return result('no_phi', false);
  }
  rationale.push(f.phi.involved === 'yes' ? 'PHI was involved.' : 'Whether PHI was involved is not known: presumed involved.');

  // Step 2: only unsecured PHI triggers notification.
  const sec = isSecured(f);
  if (sec.secured) {
    rationale.push(`The PHI was secured (${sec.reason}): not unsecured PHI, no notification required (164.402, 164.404(a)).`);
    return result('secured', false);
  }
  rationale.push(`The PHI was unsecured: ${sec.reason}.`);

  // Step 3: statutory exceptions.
  const ex = exceptionApplies(f);
  if (ex?.applies) {
    rationale.push(`Exception applies: ${ex.reason}. Not a breach.`);
    return result('exception', false);
  }
  if (ex) rationale.push(`Exception claimed but not established: ${ex.reason}.`);

  // Step 4: presumption of breach unless the four factors show a low probability of compromise.
  for (const x of factors) rationale.push(`Factor (${x.factor}) ${x.name}: ${x.rating === 'low' ? 'low risk' : x.rating === 'unknown' ? 'UNKNOWN (does not rebut the presumption)' : 'risk not low'} — ${x.reason}.`);
  if (factors.every((x) => x.rating === 'low')) {
    rationale.push('All four factors show a low probability that the PHI has been compromised: the presumption of breach is rebutted (164.402(2)).');
    return result('low_probability_of_compromise', false, true);
  }
  rationale.push('A low probability of compromise is not demonstrated: presumed a breach of unsecured PHI, notification required (164.402(2), 164.404).');
  return result('breach', true);
}
