/**
 * Editions of the rule engine's reading of 45 CFR 164.400–414. A running incident keeps the edition it
 * started with (the incident workflow fixes it with `patched()` and passes it to validation, the
 * recommendation and the planning activity), so an incident recorded before a change still plans as it
 * did; new incidents, the CLI and the console use the current edition.
 *
 *   1 — the rules before issue 12.
 *   2 — issue 12, rule fidelity: repeated oral law-enforcement statements capped by the first one's
 *       30 days (164.412(b)); delays postpone and do not extend the deadline by default (164.412);
 *       the "not permitted by the Privacy Rule" threshold question (164.402); the four factors weighed
 *       together (164.402(2)); a business associate acting as the covered entity's agent
 *       (164.404(a)(2)); the inadvertent-disclosure exception limited to the same CE, BA or OHCA
 *       (164.402(1)(ii)).
 */
export type RulesVersion = 1 | 2;
export const RULES_VERSIONS: readonly RulesVersion[] = [1, 2];
export const CURRENT_RULES_VERSION: RulesVersion = 2;
