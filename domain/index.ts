/**
 * The rule engine's public API — 45 CFR 164.400–414, the HIPAA Breach Notification Rule.
 * Pure and deterministic: no I/O, no clock ("now" is a parameter); results are plain JSON.
 *
 *   validateFacts(input, { now })            → { ok, facts } | { ok: false, issues: [{ path, message }] }
 *   determine(facts)                         → Determination (outcome, Recommendation, rationale per factor)
 *   validateDecision(input, { determination, now }) → the privacy officer's Decision, justification enforced
 *   planObligations(facts, decision, { now, targetDays }) → Plan (obligations with deadlines and targets)
 *
 * Find a rule by its section: grep -rn "164.406" domain/
 */
export * from './rules-version.js';
export * from './calendar-days.js';
export * from './business-days.js';
export * from './time-zones.js';
export * from './jurisdictions.js';
export * from './phi-identifiers.js';
export * from './schema-primitives.js';
export * from './validation-issues.js';
export * from './safe-harbor.js';
export * from './exceptions.js';
export * from './assessment.js';
export * from './law-enforcement-delay.js';
export * from './facts.js';
export * from './facts-validation.js';
export * from './determination.js';
export * from './decision.js';
export * from './obligation.js';
export * from './notice-content.js';
export * from './notice-clock.js';
export * from './planner.js';
export * from './legal-dates.js';
