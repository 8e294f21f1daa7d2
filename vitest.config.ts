import { defineConfig } from 'vitest/config';

// One runner for every package: unit tests sit beside the code (*.test.ts), integration tests
// talk to a real database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set), and end-to-end
// tests in e2e/ drive headless Chromium against a running server.
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'telephony/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
