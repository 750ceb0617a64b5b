// Kept for existing importers (workflows/, activities/, test fixtures): the rule engine's public API
// now lives in index.ts. New code should import from './index.js'.
export * from './index.js';
