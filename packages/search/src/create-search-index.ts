import { EmbeddedSearchIndex, type EmbeddedSearchOptions } from './embedded/embedded-search-index.ts';
import {
  MeilisearchSearchIndex,
  type MeilisearchSearchOptions,
} from './meilisearch/meilisearch-search-index.ts';
import { SearchError } from './search-error.ts';
import type { SearchIndex } from './search-index.ts';

export type CreateSearchIndexOptions = EmbeddedSearchOptions | MeilisearchSearchOptions;

/** Creates a search index; `embedded` (in-process, the default deployment) or `meilisearch` (a server). */
export function createSearchIndex(options: CreateSearchIndexOptions): SearchIndex {
  switch (options.kind) {
    case 'embedded':
      return new EmbeddedSearchIndex(options);
    case 'meilisearch':
      return new MeilisearchSearchIndex(options);
    default:
      throw new SearchError(
        'SEARCH_BAD_OPTIONS',
        `Unknown search index kind ${JSON.stringify((options as { kind?: unknown }).kind)}: use "embedded" or "meilisearch".`,
      );
  }
}
