import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are heavy (~100 MB each); two workers fit the 2-core machine.
    maxWorkers: 2,
    pool: 'forks',
    // On CI a failed test runs once more (real Chromium, NATS and PostgreSQL processes share two
    // cores); npm test names every test that passed only on its second run, so none goes unseen.
    retry: process.env.CI ? 1 : 0,
  },
});
