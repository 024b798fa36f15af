import { defineConfig } from 'vitest/config';

// Tests import TypeScript sources directly; worker-thread tests use the compiled dist/ (built by `npm test`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest defaults to availableParallelism - 1 workers, which is one on the 2-core CI machine. Most files
    // spend much of their time waiting on the CLI processes, browsers and servers they start, so three forks
    // keep the two cores busier: the whole suite took 357 s with three, 391 s with two, 431 s with one. The
    // timeouts above bound hangs only (no test asserts a duration), and the slowest test took 33 s with three.
    maxWorkers: 3,
  },
});
