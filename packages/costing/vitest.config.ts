import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'costing', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
