import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'privacy', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
