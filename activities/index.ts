// Every activity the engine's worker registers. Activities do all I/O and must be idempotent.
export * from './engine-self-check.js';
