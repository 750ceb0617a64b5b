// The rule engine's public API (45 CFR 164.400–414): facts, validation, determination, planning.
export * from './incident-facts.js';
export * from './facts-check.js';
export * from './breach-determination.js';
export * from './obligation-plan.js';
export * from './le-delay.js';
export * from './local-dates.js';
export * from './us-jurisdictions.js';
export * from './phi-identifiers.js';
