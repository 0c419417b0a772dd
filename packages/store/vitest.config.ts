import { defineProject } from 'vitest/config';

// PGlite takes seconds to open and the PostgreSQL harness runs initdb, so hooks get a long timeout.
export default defineProject({
  test: {
    name: 'store',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
