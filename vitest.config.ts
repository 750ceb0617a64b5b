import { defineConfig } from 'vitest/config';

// Temporal workers crash in worker_threads: run test files in forked processes, one at a time
// (each file starts its own Temporal server and worker). See shared/domain/temporal-notes.md.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
