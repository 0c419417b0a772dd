export { type CreateSearchIndexOptions, createSearchIndex } from './create-search-index.ts';
export { EmbeddedSearchIndex, type EmbeddedSearchOptions } from './embedded/embedded-search-index.ts';
export { facetLabel } from './facets.ts';
export { buildMeilisearchFilter } from './meilisearch/meilisearch-filter.ts';
export {
  MeilisearchSearchIndex,
  type MeilisearchSearchOptions,
  setUpMeilisearch,
} from './meilisearch/meilisearch-search-index.ts';
export { buildMeilisearchSettings, MAX_TOTAL_HITS } from './meilisearch/meilisearch-settings.ts';
export {
  COST_BAND_LABELS,
  CostBand,
  costBandOf,
  type SearchDocument,
  type SearchDocumentContext,
  toSearchDocument,
} from './search-document.ts';
export { SearchError, type SearchErrorCode } from './search-error.ts';
export type { IndexedVersion, SearchIndex, SearchSnapshot } from './search-index.ts';
export {
  FACETS,
  type Facet,
  type FacetValue,
  type Highlight,
  SearchFilters,
  type SearchHit,
  SearchQuery,
  type SearchQueryInput,
  type SearchResult,
  SearchSort,
} from './search-query.ts';
export { escapeHtml } from './text.ts';
