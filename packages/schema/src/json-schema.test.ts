import { describe, expect, it } from 'vitest';
import { DATA_SCHEMAS, toJsonSchema } from './json-schema.ts';

describe('JSON Schema export', () => {
  it.each(Object.keys(DATA_SCHEMAS) as (keyof typeof DATA_SCHEMAS)[])(
    'exports %s with descriptions',
    (name) => {
      const schema = toJsonSchema(name);
      expect(schema.$schema).toContain('json-schema.org');
      expect(typeof schema.description).toBe('string');
    },
  );

  it('documents every property of a case study', () => {
    const schema = toJsonSchema('case-study') as { properties: Record<string, { description?: string }> };
    const undocumented = Object.entries(schema.properties)
      .filter(([, p]) => !p.description)
      .map(([k]) => k);
    expect(undocumented).toEqual([]);
  });
});
