import type { SearchDocument } from './search-document.ts';
import type { SearchQueryInput, SearchResult } from './search-query.ts';

/** The slug and store version of an indexed document: what reconcile compares with the store. */
export interface IndexedVersion {
  slug: string;
  version: number;
}

/**
 * A saved copy of an index. Every snapshot carries its documents, so any adapter can restore any snapshot;
 * the embedded adapter also saves its term postings so that restoring it skips tokenising.
 */
export interface SearchSnapshot {
  format: 'costed-search-snapshot';
  formatVersion: 1;
  kind: 'embedded' | 'meilisearch';
  createdAt: string;
  documents: SearchDocument[];
  /** Adapter-specific data (the embedded adapter's postings); ignored by other adapters. */
  engine?: unknown;
}

/**
 * A search index over published case studies. It is derived from the store and never the source of truth:
 * the store's outbox consumer calls upsert/remove, and reconcile compares listVersions() with the store.
 */
export interface SearchIndex {
  readonly kind: 'embedded' | 'meilisearch';
  /** Adds or replaces documents by slug. */
  upsert(docs: readonly SearchDocument[]): Promise<void>;
  /** Removes documents by slug; unknown slugs are ignored. */
  remove(slugs: readonly string[]): Promise<void>;
  get(slug: string): Promise<SearchDocument | undefined>;
  /** Every indexed slug with its version, sorted by slug. */
  listVersions(): Promise<IndexedVersion[]>;
  count(): Promise<number>;
  /** Removes every document. */
  clear(): Promise<void>;
  /** Replaces the whole contents; queries keep answering from the old contents until the swap. */
  reindex(docs: readonly SearchDocument[]): Promise<void>;
  search(query: SearchQueryInput): Promise<SearchResult>;
  snapshot(): Promise<SearchSnapshot>;
  restore(snapshot: SearchSnapshot): Promise<void>;
  close(): Promise<void>;
}
