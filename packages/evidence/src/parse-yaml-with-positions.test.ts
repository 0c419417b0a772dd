import { describe, expect, it } from 'vitest';
import { parseYamlWithPositions } from './parse-yaml-with-positions.ts';

const TEXT = `# comment
slug: x
intervention:
  description: merged teams
costs:
  - label: set-up
    money: { pence: 1, priceYear: 2012-14 }
  - label: running
`;

describe('parseYamlWithPositions', () => {
  const parsed = parseYamlWithPositions(TEXT, 'data/x.yaml');

  it('parses to plain values', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.value).toMatchObject({ slug: 'x', costs: [{ label: 'set-up' }, { label: 'running' }] });
  });

  it('locates scalars, flow mappings and sequence items by path', () => {
    expect(parsed.locate(['slug'])).toEqual({ line: 2, column: 1, found: true });
    expect(parsed.locate(['costs', 0, 'money', 'priceYear'])).toMatchObject({ line: 7, found: true });
    expect(parsed.locate(['costs', 1])).toMatchObject({ line: 8, found: true });
  });

  it('puts a missing key at the line of the key that holds its parent mapping', () => {
    expect(parsed.locate(['intervention', 'name'])).toEqual({ line: 3, column: 1, found: false });
    expect(parsed.locate(['costs', 1, 'money', 'pence'])).toMatchObject({ line: 8, found: false });
    expect(parsed.locate(['title'])).toMatchObject({ line: 2, found: false });
  });

  it('reports syntax errors and duplicate keys with their line, and gives no value', () => {
    const broken = parseYamlWithPositions('a: 1\nb:\n  c: 1\n  c: 2\nd: [1\n', 'f.yaml');
    expect(broken.value).toBeUndefined();
    expect(broken.issues.map((i) => [i.line, i.code])).toEqual([
      [4, 'duplicate-key'],
      [6, 'yaml-syntax'],
    ]);
    expect(broken.issues[0]?.message).toBe(
      'Duplicate key "c": a key may appear only once in a mapping, so keep one',
    );
  });

  it('counts lines per document (a shared counter would drift)', () => {
    parseYamlWithPositions('a: 1\nb: 2\n', 'one.yaml');
    expect(parseYamlWithPositions('a: 1\na: 2\n', 'two.yaml').issues[0]?.line).toBe(2);
  });
});
