import type { SynonymGroup } from '@costed/schema';
import type { SearchDocument } from '../search-document.ts';
import { SearchError } from '../search-error.ts';
import type { IndexedVersion, SearchIndex, SearchSnapshot } from '../search-index.ts';
import { SearchQuery, type SearchQueryInput, type SearchResult } from '../search-query.ts';
import { SynonymTable } from '../synonyms.ts';
import { EmbeddedEngine, type EngineSnapshot } from './embedded-engine.ts';

export interface EmbeddedSearchOptions {
  kind: 'embedded';
  synonyms?: readonly SynonymGroup[];
  /** Council code → name, for facet labels of councils no document names yet. */
  councilNames?: ReadonlyMap<string, string>;
  /** Typo-tolerant matching runs only when exact and prefix matching find fewer hits than this (default 3). */
  fuzzyThreshold?: number;
  /** How many recent results to keep; the cache is emptied on every write (default 500). */
  cacheSize?: number;
}

function checkDocument(doc: SearchDocument): void {
  if (
    typeof doc?.slug !== 'string' ||
    doc.id !== doc.slug ||
    !Number.isInteger(doc.version) ||
    typeof doc.title !== 'string' ||
    !Array.isArray(doc.councils)
  ) {
    throw new SearchError(
      'SEARCH_INVALID_DOCUMENT',
      `A search document must have id equal to its slug, an integer version, a title and councils (got slug ${JSON.stringify(doc?.slug)}). Build documents with toSearchDocument().`,
    );
  }
}

/** Results are shared with the cache, so they are frozen: a caller cannot change what the next caller sees. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function parseQuery(input: SearchQueryInput): SearchQuery {
  const parsed = SearchQuery.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
    throw new SearchError(
      'SEARCH_INVALID_QUERY',
      `The search query is not valid (${detail}). Correct it and retry.`,
      {
        details: parsed.error.issues,
      },
    );
  }
  return parsed.data;
}

/** The in-process adapter: no server, answers from memory, saves and loads snapshots. */
export class EmbeddedSearchIndex implements SearchIndex {
  readonly kind = 'embedded' as const;
  readonly #options: EmbeddedSearchOptions;
  readonly #synonyms: SynonymTable;
  #engine: EmbeddedEngine;
  #cache = new Map<string, SearchResult>();

  constructor(options: EmbeddedSearchOptions) {
    this.#options = options;
    this.#synonyms = new SynonymTable(options.synonyms ?? []);
    this.#engine = this.#newEngine();
  }

  #newEngine(): EmbeddedEngine {
    return new EmbeddedEngine({
      synonyms: this.#synonyms,
      councilNames: this.#options.councilNames ?? new Map(),
      fuzzyThreshold: this.#options.fuzzyThreshold ?? 3,
    });
  }

  #changed(): void {
    this.#cache.clear();
    if (this.#engine.needsCompaction()) {
      const engine = this.#newEngine();
      for (const doc of this.#engine.liveDocuments()) engine.upsert(doc);
      this.#engine = engine;
    }
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    for (const doc of docs) checkDocument(doc);
    for (const doc of docs) this.#engine.upsert(doc);
    this.#changed();
  }

  async remove(slugs: readonly string[]): Promise<void> {
    for (const slug of slugs) this.#engine.remove(slug);
    this.#changed();
  }

  async get(slug: string): Promise<SearchDocument | undefined> {
    return this.#engine.get(slug);
  }

  async listVersions(): Promise<IndexedVersion[]> {
    return this.#engine
      .liveDocuments()
      .map((d) => ({ slug: d.slug, version: d.version }))
      .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  }

  async count(): Promise<number> {
    return this.#engine.size;
  }

  async clear(): Promise<void> {
    this.#engine = this.#newEngine();
    this.#cache.clear();
  }

  async reindex(docs: readonly SearchDocument[]): Promise<void> {
    for (const doc of docs) checkDocument(doc);
    // Build aside and swap, so queries never see a half-built index.
    const engine = this.#newEngine();
    for (const doc of docs) engine.upsert(doc);
    this.#engine = engine;
    this.#cache.clear();
  }

  /** Synchronous search, for callers that measure or run off the event loop (a worker). */
  searchSync(input: SearchQueryInput): SearchResult {
    const query = parseQuery(input);
    const key = JSON.stringify(query);
    const cached = this.#cache.get(key);
    if (cached) {
      // Refresh recency so the cache evicts the least recently used entry.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const result = deepFreeze(this.#engine.search(query));
    const limit = this.#options.cacheSize ?? 500;
    if (limit > 0) {
      if (this.#cache.size >= limit) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(key, result);
    }
    return result;
  }

  async search(input: SearchQueryInput): Promise<SearchResult> {
    return this.searchSync(input);
  }

  async snapshot(): Promise<SearchSnapshot> {
    // Compact first so the saved ids are 0..n-1 in document order and restore can reuse the postings as-is.
    const documents = this.#engine.liveDocuments();
    if (this.#engine.dead > 0) {
      const compact = this.#newEngine();
      for (const doc of documents) compact.upsert(doc);
      this.#engine = compact;
      this.#cache.clear();
    }
    return {
      format: 'costed-search-snapshot',
      formatVersion: 1,
      kind: 'embedded',
      createdAt: new Date().toISOString(),
      documents,
      engine: this.#engine.exportPostings(),
    };
  }

  async restore(snapshot: SearchSnapshot): Promise<void> {
    if (snapshot?.format !== 'costed-search-snapshot' || snapshot.formatVersion !== 1) {
      throw new SearchError(
        'SEARCH_INVALID_SNAPSHOT',
        'This is not a Costed search snapshot (format "costed-search-snapshot", version 1). Rebuild the index from the store instead.',
      );
    }
    if (!Array.isArray(snapshot.documents)) {
      throw new SearchError(
        'SEARCH_INVALID_SNAPSHOT',
        'The snapshot has no documents list; rebuild from the store.',
      );
    }
    for (const doc of snapshot.documents) checkDocument(doc);
    const engine = this.#newEngine();
    const saved = snapshot.kind === 'embedded' ? (snapshot.engine as EngineSnapshot | undefined) : undefined;
    if (saved && Array.isArray(saved.terms)) {
      for (const doc of snapshot.documents) engine.upsert(doc, false);
      engine.importPostings(saved);
    } else {
      for (const doc of snapshot.documents) engine.upsert(doc);
    }
    this.#engine = engine;
    this.#cache.clear();
  }

  async close(): Promise<void> {
    this.#cache.clear();
  }
}
