import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import type { Determination } from './determination.js';
import { IsoInstant, NonBlank } from './schema-primitives.js';
import { fromZodIssues, type ValidationIssue } from './validation-issues.js';

/**
 * The Decision: the privacy officer's, not the engine's. The engine recommends (determination.ts); a
 * person decides whether the incident is a reportable breach, and the record keeps who decided, when,
 * and — whenever the decision departs from the recommendation — why. The entity carries the burden of
 * proving that notice was made or that there was no breach (45 CFR 164.414(b)), and keeps the record
 * six years (164.530(j)).
 */
export const DecisionSchema = lazySchema(() =>
  z
    .object({
      reportable: z.boolean({ error: 'must be true (a reportable breach) or false' }),
      /** Who decided (an opaque user id or a role holder's name; never a patient). */
      decidedBy: NonBlank(200),
      decidedAt: IsoInstant,
      /** Required when the decision differs from the recommendation. */
      justification: NonBlank(4000).optional(),
    })
    .strict(),
);
export type Decision = z.infer<typeof DecisionSchema>;

/** The decision as the plan records it. */
export interface DecisionRecord extends Decision {
  agreesWithRecommendation: boolean;
}

export type DecisionCheck = { ok: true; decision: Decision } | { ok: false; issues: ValidationIssue[] };

/** What a decision answers: the recommendation and its outcome (a Determination, or the workflow's summary of one). */
export type DecisionAnswers = { outcome: string; recommendation: { reportable: boolean } };

/**
 * Validates a decision against the recommendation it answers. `pathPrefix` names where the decision sits
 * in the caller's document (e.g. "decision").
 */
export function validateDecision(
  input: unknown,
  ctx: { determination: DecisionAnswers; discoveredAt?: string; now: string; pathPrefix?: string },
): DecisionCheck {
  const prefix = ctx.pathPrefix ?? 'decision';
  const parsed = DecisionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, input, prefix) };
  const d = parsed.data;
  const issues: ValidationIssue[] = [];
  const rec = ctx.determination.recommendation;
  if (d.reportable !== rec.reportable && !d.justification) {
    issues.push({
      path: `${prefix}.justification`,
      message: `is required: the decision (${d.reportable ? 'reportable' : 'not reportable'}) differs from the recommendation (${rec.reportable ? 'reportable' : 'not reportable'}: ${ctx.determination.outcome}); record why (45 CFR 164.414(b), 164.530(j))`,
    });
  }
  if (Date.parse(d.decidedAt) > Date.parse(ctx.now))
    issues.push({ path: `${prefix}.decidedAt`, message: `is in the future (now is ${ctx.now})` });
  if (ctx.discoveredAt && Date.parse(d.decidedAt) < Date.parse(ctx.discoveredAt))
    issues.push({ path: `${prefix}.decidedAt`, message: 'is before dates.discoveredAt: a decision answers a known incident' });
  return issues.length ? { ok: false, issues } : { ok: true, decision: d };
}

export function decisionRecord(d: Decision, determination: Determination): DecisionRecord {
  return { ...d, agreesWithRecommendation: d.reportable === determination.recommendation.reportable };
}
