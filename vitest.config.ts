import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // moto suites each start their own server; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
