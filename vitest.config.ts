import { defineConfig } from 'vitest/config';

// Tests import TypeScript sources directly; worker-thread tests use the compiled dist/ (built by `npm test`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest defaults to availableParallelism - 1 workers, which is one on the 2-core CI machine: files then
    // run one after another while most of them wait on spawned CLI processes. Two forks measured 391 s against
    // 431 s for one on the same suite; tests that start their own worker pools size them independently.
    maxWorkers: 2,
  },
});
