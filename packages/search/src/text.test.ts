import { describe, expect, it } from 'vitest';
import { allowedTypos, editDistanceWithin, escapeHtml, stemWord, tokenize } from './text.ts';

describe('tokenize', () => {
  it('lower-cases, strips accents, drops stop words and folds plurals', () => {
    expect(tokenize('Families in the Café services')).toEqual(['family', 'cafe', 'service']);
    expect(tokenize('looked-after children')).toEqual(['looked', 'after', 'children']);
  });

  it('keeps -ss, -us and -is words whole and leaves numbers alone', () => {
    expect(['process', 'status', 'analysis', '1990s'].map(stemWord)).toEqual([
      'process',
      'status',
      'analysis',
      '1990s',
    ]);
  });
});

describe('editDistanceWithin', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistanceWithin('safegaurding', 'safeguarding', 2)).toBe(1);
    expect(editDistanceWithin('glocestershire', 'gloucestershire', 2)).toBe(1);
    expect(editDistanceWithin('famile', 'family', 1)).toBe(1);
  });

  it('gives up beyond the limit', () => {
    expect(editDistanceWithin('care', 'fostering', 1)).toBe(2);
  });
});

describe('allowedTypos', () => {
  it('allows none for short words and codes, one from 4 letters, two from 8', () => {
    expect(allowedTypos('cla')).toBe(0);
    expect(allowedTypos('e10000013')).toBe(0);
    expect(allowedTypos('care')).toBe(1);
    expect(allowedTypos('safeguarding')).toBe(2);
  });
});

describe('escapeHtml', () => {
  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
