import { defineConfig } from 'vitest/config';

// Tests import TypeScript sources directly; worker-thread tests use the compiled dist/ (built by `npm test`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
