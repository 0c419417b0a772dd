import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'evidence', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
