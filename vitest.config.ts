import { defineConfig } from 'vitest/config';

// One vitest process runs every package's tests (projects), so `pnpm test` prints one total.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'test'],
    reporters: ['default', './test/reporters/totals.ts'],
  },
});
