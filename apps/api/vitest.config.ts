import { defineProject } from 'vitest/config';

// PGlite takes seconds to open the first time in a process; API suites share one app per file.
export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
});
