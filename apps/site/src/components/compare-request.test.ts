import { describe, expect, it } from 'vitest';
import { readCompareRequest } from './compare-request.ts';

const read = (query: string) => readCompareRequest(new URLSearchParams(query));

describe('readCompareRequest', () => {
  it('reads a comma-separated link, repeated slugs and the pickers alike', () => {
    expect(read('slugs=a,b').slugs).toEqual(['a', 'b']);
    expect(read('from=search&slugs=a&slugs=b').slugs).toEqual(['a', 'b']);
    expect(read('slug=a&slug=&slug=b&slug=').slugs).toEqual(['a', 'b']);
    expect(read('slugs=a,%20b&slug=c').slugs).toEqual(['a', 'b', 'c']);
    for (const query of ['slugs=a,b', 'from=search&slugs=a&slugs=b', 'slug=a&slug=b']) {
      expect(read(query)).toMatchObject({ submitted: true, starting: false, selectionError: undefined });
    }
  });

  it('starts a comparison, without an error, from a link with one case study', () => {
    expect(read('slugs=hackney&priceYear=2015-16')).toEqual({
      slugs: ['hackney'],
      starting: true,
      submitted: false,
      selectionError: undefined,
    });
  });

  it('explains one or no ticked search result, and one picker, instead of starting', () => {
    expect(read('from=search&slugs=a').selectionError).toBe(
      'Select at least 2 case studies to compare: you selected 1',
    );
    expect(read('from=search').selectionError).toBe('Select at least 2 case studies to compare');
    expect(read('slug=a&slug=').selectionError).toBe(
      'Select at least 2 case studies to compare: you selected 1',
    );
    expect(read('slugs=').selectionError).toBe('Select at least 2 case studies to compare');
  });

  it('refuses more than 4 and the same case study twice', () => {
    expect(read('from=search&slugs=a&slugs=b&slugs=c&slugs=d&slugs=e').selectionError).toBe(
      'Select at most 4 case studies to compare: you selected 5',
    );
    expect(read('slugs=a,a').selectionError).toBe('Select each case study only once');
  });

  it('asks for nothing on a plain visit', () => {
    expect(read('')).toEqual({ slugs: [], starting: false, submitted: false, selectionError: undefined });
    expect(read('priceYear=2024-25').submitted).toBe(false);
  });
});
