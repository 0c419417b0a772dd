import { describe, expect, it } from 'vitest';
import { diffDocuments, flattenDocument } from './document-diff.ts';

describe('flattenDocument', () => {
  it('gives each leaf its dotted path and keeps lists of strings as one value', () => {
    const flat = flattenDocument({
      title: 'Leeds',
      councils: ['E08000035', 'E08000036'],
      costs: [{ label: 'Staff', money: { pence: 100, priceYear: '2015-16' } }],
    });
    expect(Object.fromEntries(flat)).toEqual({
      title: 'Leeds',
      councils: 'E08000035, E08000036',
      'costs.0.label': 'Staff',
      'costs.0.money.pence': '100',
      'costs.0.money.priceYear': '2015-16',
    });
  });

  it('leaves out the workflow fields (status, version, evidence)', () => {
    const flat = flattenDocument({ title: 'x', status: 'published', version: 3, evidence: { level: 2 } });
    expect([...flat.keys()]).toEqual(['title']);
  });
});

describe('diffDocuments', () => {
  it('reports a changed price year deep in a cost line as one row', () => {
    const before = { title: 'A', costs: [{ money: { pence: 100, priceYear: '2015-16' } }] };
    const after = { title: 'A', costs: [{ money: { pence: 100, priceYear: '2016-17' } }] };
    expect(diffDocuments(before, after)).toEqual([
      { path: 'costs.0.money.priceYear', before: '2015-16', after: '2016-17', type: 'changed' },
    ]);
  });

  it('reports added and removed fields', () => {
    const rows = diffDocuments({ summary: 'old', body: 'text' }, { summary: 'old', tags: ['a'] });
    expect(rows).toEqual([
      { path: 'body', before: 'text', after: undefined, type: 'removed' },
      { path: 'tags', before: undefined, after: 'a', type: 'added' },
    ]);
  });

  it('finds nothing to show between equal documents', () => {
    expect(diffDocuments({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toEqual([]);
  });
});
