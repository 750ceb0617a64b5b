/**
 * patched() ids. Never rename or reuse one: recorded histories carry them (test/replay).
 *
 * RULE_FIDELITY_PATCH — issue 12: the incident's rule edition (domain/rules-version.ts), fixed at the
 * start of an incident; and reminder mail that names the organization's time zone beside a legal date.
 */
export const RULE_FIDELITY_PATCH = 'rule-fidelity-issue-12';
