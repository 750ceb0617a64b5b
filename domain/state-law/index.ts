/**
 * The state-law overlay (issue 16): a cited, versioned pack of State breach-notification rules and the
 * resolver that plans them beside the HIPAA obligations. Not legal advice: every item carries its
 * verification status.
 */
export * from './schema.js';
export * from './facts.js';
export * from './holidays.js';
export * from './pack.js';
export * from './resolver.js';
export * from './diff.js';
