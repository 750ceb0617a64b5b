/**
 * The process environment itself, with nothing else loaded: for code that must start fast (the `breach`
 * CLI reads a handful of declared variables before it knows which command runs). Everything else reads
 * through config/index.ts, which validates (and re-exports this).
 */
export const processEnv = (): NodeJS.ProcessEnv => process.env;
