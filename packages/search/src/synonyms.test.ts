import { describe, expect, it } from 'vitest';
import { SynonymTable } from './synonyms.ts';

const table = new SynonymTable([
  { terms: ['looked-after children', 'LAC', 'CLA', 'children in care'] },
  { terms: ['youth offending team', 'YOT', 'youth justice service'] },
]);

describe('SynonymTable.plan', () => {
  it('turns a synonym term into one clause carrying every alternative, and names the group', () => {
    const { clauses, synonymsUsed } = table.plan('LAC under 4');
    expect(clauses[0]?.alternatives).toEqual([
      ['looked', 'after', 'children'],
      ['lac'],
      ['cla'],
      ['children', 'care'],
    ]);
    expect(clauses.slice(1).map((c) => c.alternatives)).toEqual([[['under']], [['4']]]);
    expect(synonymsUsed).toEqual(['looked-after children']);
  });

  it('prefers the longest phrase: "youth offending team" is one clause, not "youth" + two words', () => {
    const { clauses } = table.plan('youth offending team Suffolk');
    expect(clauses).toHaveLength(2);
    expect(clauses[0]?.synonym).toBe('youth offending team');
    expect(clauses[1]?.last).toBe(true);
  });

  it('leaves words outside any group as single-word clauses and marks the last for prefix matching', () => {
    const { clauses, synonymsUsed } = table.plan('edge of care');
    expect(clauses.map((c) => c.alternatives)).toEqual([[['edge']], [['care']]]);
    expect(clauses.map((c) => c.last)).toEqual([false, true]);
    expect(synonymsUsed).toEqual([]);
  });
});
