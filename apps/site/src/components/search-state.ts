import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet, type SearchSort } from '@costed/contract';

/**
 * The search page's state lives in its URL (a GET form), so every result list can be linked, bookmarked
 * and used without JavaScript. This reads that state and writes the links the page needs: a page of
 * results, one filter removed, all filters cleared.
 */
export interface SearchState {
  q: string;
  filters: Record<SearchFacet, string[]>;
  sort: SearchSort | undefined;
  page: number;
}

export const PAGE_SIZE = 10;

function emptyFilters(): Record<SearchFacet, string[]> {
  return Object.fromEntries(SEARCH_FACETS.map((facet) => [facet, []])) as unknown as Record<
    SearchFacet,
    string[]
  >;
}

/** Reads `?q=…&policyStrand=a&policyStrand=b&sort=…&page=2`; unknown keys are ignored, values de-duplicated. */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters = emptyFilters();
  for (const facet of SEARCH_FACETS) {
    const values = params
      .getAll(facet)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    filters[facet] = [...new Set(values)].slice(0, 50);
  }
  const sort = params.get('sort') ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    filters,
    sort: (SEARCH_SORTS as readonly string[]).includes(sort) ? (sort as SearchSort) : undefined,
    page: Number.isFinite(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** True when any facet has a value selected. */
export function hasFilters(state: SearchState): boolean {
  return SEARCH_FACETS.some((facet) => state.filters[facet].length > 0);
}

/** The state as a `/search?…` link; page 1 and the default sort are left out to keep links short. */
export function buildSearchHref(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of SEARCH_FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

/** The link to the same search on another page. */
export function hrefForPage(state: SearchState, page: number): string {
  return buildSearchHref({ ...state, page });
}

/** The link that removes one selected filter value (and goes back to page 1). */
export function hrefWithout(state: SearchState, facet: SearchFacet, value: string): string {
  return buildSearchHref({
    ...state,
    page: 1,
    filters: { ...state.filters, [facet]: state.filters[facet].filter((v) => v !== value) },
  });
}

/** The link that keeps the words and sort but clears every filter. */
export function hrefWithoutFilters(state: SearchState): string {
  return buildSearchHref({ ...state, page: 1, filters: emptyFilters() });
}

/** The query the API takes: the same names, arrays repeated, empty values left out. */
export function toApiQuery(state: SearchState, pageSize = PAGE_SIZE) {
  const query: Record<string, string | number | readonly string[] | undefined> = {
    q: state.q || undefined,
    sort: state.sort,
    page: state.page,
    pageSize,
  };
  for (const facet of SEARCH_FACETS) if (state.filters[facet].length > 0) query[facet] = state.filters[facet];
  return query;
}

export const FACET_HEADINGS: Record<SearchFacet, string> = {
  policyStrand: 'Policy strand',
  serviceArea: 'Service area',
  deliveryModel: 'Delivery model',
  evidenceLevel: 'Evidence level',
  costBand: 'Cost per participant (2024-25 prices)',
  region: 'Region',
  council: 'Council',
  year: 'Year started',
};

export const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Best match',
  recency: 'Recently published',
  'evidence-level': 'Strongest evidence',
  'cost-per-participant': 'Lowest cost per participant',
};
