import { defineConfig } from 'vitest/config';

// One runner for unit, integration (real PGlite, and PostgreSQL when TEST_DATABASE_URL is set) and
// browser tests (test/e2e, real Chromium). Two cores: files run in parallel, tests in a file in order.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default'],
    // In CI a test that fails is tried once more (and reported as retried): browser tests on two shared
    // cores can lose a race with an animation; a real failure fails twice.
    retry: process.env.CI === 'true' ? 1 : 0,
  },
});
