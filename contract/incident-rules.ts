/**
 * The incident workflow's view of the rule engine (domain/): validate facts, recommend, merge
 * law-enforcement statements. Pure and deterministic (safe in the workflow sandbox); "now" is the
 * workflow's clock. Everything zone-dependent that produces dates runs in activities instead.
 */
import { CURRENT_RULES_VERSION, determine, validateFacts, type IncidentFacts, type RulesVersion } from '../domain/rules.js';
import type { ValidationIssue } from '../domain/validation-issues.js';
import type { Recommendation } from './incident-types.js';

export type CheckedFacts =
  | { ok: true; facts: IncidentFacts; timeZone?: string; discoveredAt?: string }
  | { ok: false; problems: string[]; issues: ValidationIssue[] };

/** `rulesVersion`: the incident's rule edition (the workflow always passes its own). */
export function checkFacts(input: unknown, nowIso: string, rulesVersion: RulesVersion = CURRENT_RULES_VERSION): CheckedFacts {
  const r = validateFacts(input, { now: nowIso, rulesVersion });
  if (!r.ok) return { ok: false, problems: r.issues.map((i) => `${i.path}: ${i.message}`), issues: r.issues };
  return { ok: true, facts: r.facts, timeZone: r.facts.organization.timeZone, discoveredAt: r.facts.dates.discoveredAt };
}

export function recommend(facts: IncidentFacts, rulesVersion: RulesVersion = CURRENT_RULES_VERSION): Recommendation {
  const d = determine(facts, { rulesVersion });
  return { reportable: d.recommendation.reportable, outcome: d.outcome, rationale: d.rationale };
}

/** Adds the statements recorded through the workflow to the facts' own list (164.412). */
export function withLawEnforcementDelays(facts: unknown, statements: unknown[]): unknown {
  if (statements.length === 0 || typeof facts !== 'object' || facts === null) return facts;
  const f = facts as { lawEnforcementDelays?: unknown };
  // Facts whose own list is not a list are left as they are: the schema names that field's problem.
  if (f.lawEnforcementDelays !== undefined && !Array.isArray(f.lawEnforcementDelays)) return facts;
  return { ...f, lawEnforcementDelays: [...((f.lawEnforcementDelays as unknown[] | undefined) ?? []), ...statements] };
}

/**
 * The facts with `affected.insufficientContact` set (164.404(d)(2)): a mailing found people it could not
 * reach (no usable contact at import, or a permanent bounce), so the substitute notice must cover them.
 */
export function withInsufficientContact(facts: unknown, count: number): unknown {
  if (typeof facts !== 'object' || facts === null) return facts;
  const f = facts as { affected?: Record<string, unknown> };
  return { ...f, affected: { ...(f.affected ?? {}), insufficientContact: count } };
}

/** How many people the facts count, and how many of them lack usable contact information. */
export function affectedCounts(facts: IncidentFacts): { total: number; insufficientContact: number } {
  const total = Object.values(facts.affected.byJurisdiction).reduce<number>((a, n) => a + (n ?? 0), 0);
  return { total, insufficientContact: facts.affected.insufficientContact };
}
