import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'decommissioning', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
