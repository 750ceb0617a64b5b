import { rateFactors, type FactorFinding } from './assessment.js';
import { evaluateException, type ExceptionFinding } from './exceptions.js';
import type { IncidentFacts } from './facts.js';
import { CURRENT_RULES_VERSION, type RulesVersion } from './rules-version.js';
import { safeHarbor } from './safe-harbor.js';

/**
 * Is it a breach that must be notified? 45 CFR 164.402, in the order the rule reads:
 *   1. PHI involved?            no → not a HIPAA breach (still documented, 164.414(b), 164.530(j))
 *   1a. not permitted by the Privacy Rule? (rules version 2) — the first question about the use or
 *      disclosure itself: permitted, or incidental to a permitted use with minimum necessary and
 *      safeguards (164.502(a)(1)(iii), 164.502(b), 164.530(c)) → not a breach, documented with its basis;
 *      not permitted or unknown → on (unknown keeps the presumption) (164.402 "breach")
 *   2. unsecured?               secured per the HHS guidance → no notification (164.402, 164.404(a))
 *   3. a statutory exception?   established → not a breach (164.402(1)(i)–(iii))
 *   4. four-factor assessment   low probability of compromise shown → not a breach; else presumed one (164.402(2))
 *      Rules version 2 weighs the factors TOGETHER, as OCR describes (78 FR 5566, 5641–5643 (2013)):
 *      a low probability is demonstrated when no factor is unknown, the organization's additional
 *      factors are low, and either every factor is low, or the exposure was contained — the recipient
 *      was obliged to protect the PHI (ii), it was not acquired or viewed (iii), and it was returned or
 *      destroyed with an attestation or satisfactory assurances were obtained (iv) — which outweighs the
 *      nature of the PHI (i) (e.g. names sent to another covered entity, unopened, returned with an
 *      attestation). Otherwise the presumption stands. Version 1 required every factor to be low.
 * The result is the engine's Recommendation with a written rationale that names each step and each
 * factor; the Decision is a person's (decision.ts). Unknown answers never rebut the presumption.
 */
export type DeterminationOutcome = 'no_phi' | 'permitted_use' | 'secured' | 'exception' | 'low_probability_of_compromise' | 'breach';

export interface DeterminationStep {
  step: 'phi_involved' | 'privacy_rule' | 'unsecured' | 'exception' | 'risk_assessment';
  /** Did this step settle the question? */
  decisive: boolean;
  finding: string;
  citation: string;
}

export interface Recommendation {
  /** True when notification is required in the engine's view. */
  reportable: boolean;
  /** True when the four factors demonstrate a low probability of compromise (164.402(2)). */
  lowProbabilityOfCompromise: boolean;
  /** One sentence, for tables and timelines. */
  summary: string;
}

export interface Determination {
  outcome: DeterminationOutcome;
  recommendation: Recommendation;
  /** The reasoning, one line per step taken and per factor, each with its citation: for the record (164.414(b)). */
  rationale: string[];
  steps: DeterminationStep[];
  /** Every factor, rated, even when an earlier step settled the question (the record shows what was known). */
  factors: FactorFinding[];
  exception?: ExceptionFinding;
}

const RATING_WORDS = { low: 'low risk', not_low: 'risk NOT low', unknown: 'UNKNOWN (does not rebut the presumption)' } as const;

export interface DetermineOptions {
  /** Rule edition (rules-version.ts); default the current one. */
  rulesVersion?: RulesVersion;
}

export function determine(f: IncidentFacts, opts: DetermineOptions = {}): Determination {
  const version = opts.rulesVersion ?? CURRENT_RULES_VERSION;
  const rationale: string[] = [];
  const steps: DeterminationStep[] = [];
  const factors = rateFactors(f.assessment, f.phi);
  const record = (s: DeterminationStep) => {
    steps.push(s);
    rationale.push(`${s.finding} (${s.citation})`);
  };
  const done = (outcome: DeterminationOutcome, reportable: boolean, summary: string, extra: Partial<Determination> = {}): Determination => {
    if (f.role === 'business_associate') {
      rationale.push(
        'As a business associate: the covered entity makes the final notices; the BAA may also require reporting this incident regardless of this determination (45 CFR 164.410, 164.314(a)(2)(i)(C)).',
      );
    }
    return {
      outcome,
      recommendation: { reportable, lowProbabilityOfCompromise: outcome === 'low_probability_of_compromise', summary },
      rationale,
      steps,
      factors,
      ...extra,
    };
  };

  // Step 1 — 164.402: a breach is of protected health information.
  if (f.phi.involved === 'no') {
    record({
      step: 'phi_involved',
      decisive: true,
      finding: 'No protected health information was involved: not a HIPAA breach; the finding is documented',
      citation: '45 CFR 164.402; 164.414(b)',
    });
    return done('no_phi', false, 'Not reportable: no PHI was involved.');
  }
  record({
    step: 'phi_involved',
    decisive: false,
    finding: f.phi.involved === 'yes' ? 'PHI was involved' : 'Whether PHI was involved is not known: presumed involved',
    citation: '45 CFR 164.402',
  });

  // Step 1a (rules version 2) — 164.402 "breach": a use or disclosure NOT permitted by subpart E.
  if (version >= 2) {
    const pr = f.privacyRule ?? { finding: 'unknown' as const };
    if ((pr.finding === 'permitted' || pr.finding === 'incidental') && pr.basis) {
      const incidental = pr.finding === 'incidental';
      record({
        step: 'privacy_rule',
        decisive: true,
        finding: incidental
          ? `The use or disclosure was incidental to a permitted one, with the minimum-necessary standard and reasonable safeguards complied with — basis: ${pr.basis}: permitted by the Privacy Rule, not a breach; the finding and its basis are documented`
          : `The use or disclosure was permitted by the Privacy Rule — basis: ${pr.basis}: not a breach; the finding and its basis are documented`,
        citation: incidental
          ? '45 CFR 164.402 ("breach"); 164.502(a)(1)(iii), 164.502(b), 164.530(c); 164.414(b)'
          : '45 CFR 164.402 ("breach"); 164.502(a); 164.414(b)',
      });
      return done(
        'permitted_use',
        false,
        `Not reportable: ${incidental ? 'an incidental use or disclosure' : 'a use or disclosure'} permitted by the Privacy Rule (basis recorded).`,
      );
    }
    record({
      step: 'privacy_rule',
      decisive: false,
      finding:
        pr.finding === 'not_permitted'
          ? 'The use or disclosure was not permitted by the Privacy Rule'
          : pr.finding === 'unknown'
            ? 'Whether the Privacy Rule permitted the use or disclosure is not known: presumed not permitted'
            : `The use or disclosure is said to be ${pr.finding} but no basis is recorded: presumed not permitted`,
      citation: '45 CFR 164.402 ("breach"); 164.414(b)',
    });
  }

  // Step 2 — only unsecured PHI triggers notification.
  const harbor = safeHarbor(f.security);
  if (harbor.secured) {
    record({
      step: 'unsecured',
      decisive: true,
      finding: `The PHI was secured — ${harbor.reason}: not unsecured PHI, no notification required`,
      citation: `${harbor.citation}; 45 CFR 164.404(a)(1)`,
    });
    return done('secured', false, 'Not reportable: the PHI was secured (HHS guidance safe harbor).');
  }
  record({ step: 'unsecured', decisive: false, finding: `The PHI was unsecured — ${harbor.reason}`, citation: harbor.citation });

  // Step 3 — the three statutory exceptions.
  let exception: ExceptionFinding | undefined;
  if (f.exception) {
    exception = evaluateException(f.exception);
    if (exception.applies) {
      record({
        step: 'exception',
        decisive: true,
        finding: `Exception applies — ${exception.reason}: not a breach`,
        citation: exception.citation,
      });
      return done('exception', false, `Not reportable: statutory exception ${exception.citation}.`, { exception });
    }
    record({
      step: 'exception',
      decisive: false,
      finding: `Exception claimed but not established — ${exception.reason}`,
      citation: exception.citation,
    });
  }

  // Step 4 — presumption of breach unless the factors show a low probability of compromise.
  for (const x of factors) {
    const label = /^(i|ii|iii|iv)$/.test(x.factor) ? `Factor (${x.factor})` : `Additional factor ${x.factor.replace('additional-', '')}`;
    rationale.push(`${label} ${x.name}: ${RATING_WORDS[x.rating]} — ${x.reason} (${x.citation})`);
  }
  const unknown = factors.filter((x) => x.rating === 'unknown');
  const notLow = factors.filter((x) => x.rating === 'not_low');
  if (version >= 2) {
    const four = factors.filter((x) => /^(i|ii|iii|iv)$/.test(x.factor));
    const extra = factors.filter((x) => !four.includes(x));
    const rating = (k: string) => four.find((x) => x.factor === k)!.rating;
    const toward = (r: FactorFinding['rating']) => factors.filter((x) => x.rating === r).map((x) => name(x));
    const weighing = [
      ...(toward('low').length ? [`weighing toward a low probability of compromise: ${toward('low').join(', ')}`] : []),
      ...(toward('not_low').length ? [`weighing toward compromise: ${toward('not_low').join(', ')}`] : []),
      ...(toward('unknown').length ? [`not known (cannot rebut the presumption): ${toward('unknown').join(', ')}`] : []),
    ].join('; ');
    const allLow = unknown.length === 0 && notLow.length === 0;
    const contained =
      unknown.length === 0 &&
      extra.every((x) => x.rating === 'low') &&
      rating('ii') === 'low' &&
      rating('iii') === 'low' &&
      rating('iv') === 'low';
    if (allLow || contained) {
      const finding = allLow
        ? `The factors, weighed together, demonstrate a low probability that the PHI has been compromised (${weighing}), rebutting the presumption of breach`
        : `The factors, weighed together, demonstrate a low probability that the PHI has been compromised (${weighing}): the recipient was obliged to protect the PHI, it was not acquired or viewed, and it was returned, destroyed or assured — the exposure was contained, which outweighs the nature and extent of the PHI; the presumption of breach is rebutted`;
      record({ step: 'risk_assessment', decisive: true, finding, citation: '45 CFR 164.402(2); 78 FR 5566, 5641–5643 (2013)' });
      return done(
        'low_probability_of_compromise',
        false,
        'Not reportable: the risk assessment, weighed as a whole, demonstrates a low probability of compromise.',
        exception ? { exception } : {},
      );
    }
    const why = unknown.length ? `${weighing}; unknown answers leave the evidence short of demonstrating a low probability` : weighing;
    record({
      step: 'risk_assessment',
      decisive: true,
      finding: `Weighed together, the factors do not demonstrate a low probability of compromise (${why}): presumed a breach of unsecured PHI; notification required`,
      citation: '45 CFR 164.402(2); 164.404(a)',
    });
    return done('breach', true, `Reportable: presumed breach of unsecured PHI (${weighing}).`, exception ? { exception } : {});
  }
  if (unknown.length === 0 && notLow.length === 0) {
    record({
      step: 'risk_assessment',
      decisive: true,
      finding:
        'Every factor shows low risk: a low probability that the PHI has been compromised is demonstrated, rebutting the presumption of breach',
      citation: '45 CFR 164.402(2)',
    });
    return done(
      'low_probability_of_compromise',
      false,
      'Not reportable: the risk assessment demonstrates a low probability of compromise.',
      exception ? { exception } : {},
    );
  }
  const why = [
    ...(notLow.length ? [`risk not low on ${notLow.map((x) => name(x)).join(', ')}`] : []),
    ...(unknown.length ? [`unknown on ${unknown.map((x) => name(x)).join(', ')}`] : []),
  ].join('; ');
  record({
    step: 'risk_assessment',
    decisive: true,
    finding: `A low probability of compromise is not demonstrated (${why}): presumed a breach of unsecured PHI; notification required`,
    citation: '45 CFR 164.402(2); 164.404(a)',
  });
  return done('breach', true, `Reportable: presumed breach of unsecured PHI (${why}).`, exception ? { exception } : {});
}

const name = (x: FactorFinding) => (/^(i|ii|iii|iv)$/.test(x.factor) ? `factor (${x.factor})` : `"${x.name}"`);
