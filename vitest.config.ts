import { defineConfig } from 'vitest/config';

// Tests import TypeScript sources directly; worker-thread tests use the compiled dist/ (built by `npm test`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest defaults to availableParallelism - 1 workers, which is one on the 2-core CI machine: files then
    // run one after another while many of them wait on the CLI processes, browsers and servers they start.
    // Two forks: 386-394 s for the whole suite against 431 s with one. Three were no steadier (357 s, then
    // 458 s). The timeouts above bound hangs only; no test asserts a duration.
    maxWorkers: 2,
  },
});
