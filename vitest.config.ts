import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores in CI: keep workers bounded so the e2e browser and the crash test get CPU time.
    maxWorkers: 2,
  },
});
