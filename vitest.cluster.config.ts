import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: the opt-in suite against a production-shaped Temporal cluster (test-cluster/,
// docs/deployment.md). Not part of `npm test`: it builds the Temporal server from Go modules on first
// use and runs for minutes.
export default defineConfig({
  test: {
    include: ['test-cluster/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 1_200_000,
    hookTimeout: 900_000,
    reporters: ['default'],
  },
});
