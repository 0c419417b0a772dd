import { describe, expect, it } from 'vitest';
import {
  buildSearchHref,
  hasFilters,
  hrefForPage,
  hrefWithout,
  hrefWithoutFilters,
  readSearchState,
  toApiQuery,
} from './search-state.ts';

const read = (query: string) => readSearchState(new URLSearchParams(query));

describe('search state in the URL', () => {
  it('reads words, repeated and comma-separated filters, sort and page', () => {
    const state = read(
      'q=+edge+of+care+&policyStrand=edge-of-care&serviceArea=a,b&serviceArea=a&sort=recency&page=3',
    );
    expect(state.q).toBe('edge of care');
    expect(state.filters.policyStrand).toEqual(['edge-of-care']);
    expect(state.filters.serviceArea).toEqual(['a', 'b']);
    expect(state.sort).toBe('recency');
    expect(state.page).toBe(3);
    expect(hasFilters(state)).toBe(true);
  });
  it('ignores unknown sorts and nonsense pages instead of failing', () => {
    const state = read('sort=price&page=-2');
    expect(state.sort).toBeUndefined();
    expect(state.page).toBe(1);
    expect(hasFilters(state)).toBe(false);
  });
  it('writes the same state back as a link, leaving out page 1', () => {
    const state = read('q=care&policyStrand=edge-of-care&evidenceLevel=1&page=1');
    expect(buildSearchHref(state)).toBe('/search?q=care&policyStrand=edge-of-care&evidenceLevel=1');
    expect(hrefForPage(state, 2)).toBe('/search?q=care&policyStrand=edge-of-care&evidenceLevel=1&page=2');
  });
  it('removes one filter value, or all filters, and goes back to page 1', () => {
    const state = read('q=care&region=London&region=North+East&year=2015&page=4');
    expect(hrefWithout(state, 'region', 'London')).toBe('/search?q=care&region=North+East&year=2015');
    expect(hrefWithoutFilters(state)).toBe('/search?q=care');
    expect(hrefWithoutFilters(read(''))).toBe('/search');
  });
  it('passes only what is set to the API', () => {
    expect(toApiQuery(read('policyStrand=edge-of-care'))).toEqual({
      q: undefined,
      sort: undefined,
      page: 1,
      pageSize: 10,
      policyStrand: ['edge-of-care'],
    });
  });
});
