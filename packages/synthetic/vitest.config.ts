import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'synthetic', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
