import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// One runner, two projects: `unit` (unit and integration tests: real PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set) and `e2e` (browser tests, real Chromium). `npm test` runs them one after
// the other, so that browser tests do not share the two cores with process tests. Files run in
// parallel, tests in a file in order.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // In CI a test that fails is tried once more (and reported as retried): browser tests on two shared
    // cores can lose a race with an animation; a real failure fails twice.
    retry: process.env.CI === 'true' ? 1 : 0,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Vitest's default is one worker less than the cores: one on CI's two. Integration tests spend
          // much of their time waiting on PostgreSQL, Dovecot, LibreOffice and OCR processes, so two
          // files at once keep both cores busy: the unit run took 13 min instead of 35 on two cores.
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // One web build, one seeded data directory and one Chromium for every browser test file.
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
