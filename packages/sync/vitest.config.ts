import { defineProject } from 'vitest/config';

// PGlite takes seconds to open the first time in a process.
export default defineProject({
  test: {
    name: 'sync',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
});
