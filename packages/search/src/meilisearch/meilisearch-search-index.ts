import type { SynonymGroup } from '@costed/schema';
import {
  type EnqueuedTaskPromise,
  type Hit,
  Meilisearch,
  type SearchParams,
  type SearchResponse,
} from 'meilisearch';
import { toHit } from '../embedded/embedded-engine.ts';
import { parseQuery } from '../embedded/embedded-search-index.ts';
import { facetLabel, sortFacetValues } from '../facets.ts';
import { MARK_CLOSE, MARK_OPEN, sentinelsToHtml, stripSentinels } from '../highlight.ts';
import type { SearchDocument } from '../search-document.ts';
import { SearchError } from '../search-error.ts';
import type { IndexedVersion, SearchIndex, SearchSnapshot } from '../search-index.ts';
import {
  FACETS,
  type Facet,
  type FacetValue,
  type Highlight,
  type SearchQuery,
  type SearchQueryInput,
  type SearchResult,
} from '../search-query.ts';
import { SynonymTable } from '../synonyms.ts';
import { tokenize } from '../text.ts';
import { buildMeilisearchFilter } from './meilisearch-filter.ts';
import { buildMeilisearchSettings, FACET_ATTRIBUTES } from './meilisearch-settings.ts';

export interface MeilisearchSearchOptions {
  kind: 'meilisearch';
  url: string;
  /** A scoped key (from setUpMeilisearch) with document, settings and swap rights on this index only. */
  apiKey: string;
  /** A search-only scoped key; when given, queries use it instead of apiKey. */
  searchApiKey?: string;
  indexName: string;
  synonyms?: readonly SynonymGroup[];
  councilNames?: ReadonlyMap<string, string>;
}

const SORT: Record<SearchQuery['sort'], string[] | undefined> = {
  relevance: undefined,
  'cost-per-participant': ['costPerParticipantPence:asc'],
  'evidence-level': ['evidenceLevel:desc'],
  recency: ['recency:desc'],
};

const PAGE = 1000;

async function settle(task: EnqueuedTaskPromise, what: string): Promise<void> {
  let result: Awaited<ReturnType<EnqueuedTaskPromise['waitTask']>>;
  try {
    result = await task.waitTask({ timeout: 120_000 });
  } catch (cause) {
    throw new SearchError('SEARCH_BACKEND_FAILED', `Meilisearch did not finish ${what}: ${String(cause)}.`, {
      cause,
    });
  }
  if (result.status !== 'succeeded') {
    throw new SearchError(
      'SEARCH_BACKEND_FAILED',
      `Meilisearch could not ${what} (task ${result.uid} ${result.status}: ${result.error?.message ?? 'no reason given'}). Check the server log and the key's rights.`,
    );
  }
}

/** Meilisearch cannot sort null usefully, so a missing cost is left out of the stored document. */
function toStored(doc: SearchDocument): Record<string, unknown> {
  const { costPerParticipantPence, ...rest } = doc;
  return costPerParticipantPence === null ? rest : { ...rest, costPerParticipantPence };
}

function fromStored(stored: Record<string, unknown>): SearchDocument {
  const { _formatted, _rankingScore, _matchesPosition, ...rest } = stored;
  return { costPerParticipantPence: null, ...rest } as SearchDocument;
}

/**
 * Sets up an index with the master key: creates it, applies settings and creates two scoped keys. The master
 * key is used only here; the application runs with the returned keys.
 */
export async function setUpMeilisearch(options: {
  url: string;
  masterKey: string;
  indexName: string;
  synonyms?: readonly SynonymGroup[];
}): Promise<{ writeKey: string; searchKey: string }> {
  const admin = new Meilisearch({ host: options.url, apiKey: options.masterKey });
  if (!(await indexExists(admin, options.indexName))) {
    await settle(admin.createIndex(options.indexName, { primaryKey: 'id' }), 'create the index');
  }
  await settle(
    admin.index(options.indexName).updateSettings(buildMeilisearchSettings(options.synonyms ?? [])),
    'apply the index settings',
  );
  // The write key also covers the reindex temporaries (`<index>__reindex_*`).
  const indexes = [options.indexName, `${options.indexName}__reindex_*`];
  const write = await admin.createKey({
    description: `Costed search writer for ${options.indexName}`,
    actions: [
      'search',
      'documents.*',
      'indexes.create',
      'indexes.get',
      'indexes.delete',
      'indexes.swap',
      'settings.*',
      'tasks.get',
      'stats.get',
    ],
    indexes,
    expiresAt: null,
  });
  const search = await admin.createKey({
    description: `Costed search reader for ${options.indexName}`,
    actions: ['search'],
    indexes: [options.indexName],
    expiresAt: null,
  });
  return { writeKey: write.key, searchKey: search.key };
}

async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getIndex(uid);
    return true;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
    throw error;
  }
}

/** The Meilisearch adapter: the same interface as the embedded one, backed by a server. */
export class MeilisearchSearchIndex implements SearchIndex {
  readonly kind = 'meilisearch' as const;
  readonly #options: MeilisearchSearchOptions;
  readonly #client: Meilisearch;
  readonly #searchClient: Meilisearch;
  readonly #synonyms: SynonymTable;
  readonly #councilNames: Map<string, string>;
  /** Settings are applied once per adapter instance, not on every write. */
  #liveReady: Promise<void> | undefined;

  constructor(options: MeilisearchSearchOptions) {
    if (!options.url || !options.apiKey || !/^[A-Za-z0-9_-]+$/.test(options.indexName)) {
      throw new SearchError(
        'SEARCH_BAD_OPTIONS',
        'The Meilisearch adapter needs url, apiKey (a scoped key from setUpMeilisearch) and an indexName of letters, digits, "-" or "_".',
      );
    }
    this.#options = options;
    this.#client = new Meilisearch({ host: options.url, apiKey: options.apiKey });
    this.#searchClient = options.searchApiKey
      ? new Meilisearch({ host: options.url, apiKey: options.searchApiKey })
      : this.#client;
    this.#synonyms = new SynonymTable(options.synonyms ?? []);
    this.#councilNames = new Map(options.councilNames ?? []);
  }

  get #index() {
    return this.#client.index<Record<string, unknown>>(this.#options.indexName);
  }

  async #ensureIndex(uid: string): Promise<void> {
    if (!(await indexExists(this.#client, uid))) {
      await settle(this.#client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`);
    }
    await settle(
      this.#client.index(uid).updateSettings(buildMeilisearchSettings(this.#options.synonyms ?? [])),
      `apply settings to ${uid}`,
    );
  }

  #learn(docs: readonly SearchDocument[]): void {
    for (const doc of docs) {
      for (const [i, code] of doc.councils.entries()) {
        const name = doc.councilNames[i];
        if (name) this.#councilNames.set(code, name);
      }
    }
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    this.#liveReady ??= this.#ensureIndex(this.#options.indexName).catch((error) => {
      this.#liveReady = undefined;
      throw error;
    });
    await this.#liveReady;
    this.#learn(docs);
    await settle(this.#index.addDocuments(docs.map(toStored), { primaryKey: 'id' }), 'add documents');
  }

  async remove(slugs: readonly string[]): Promise<void> {
    if (slugs.length === 0) return;
    await settle(this.#index.deleteDocuments([...slugs]), 'delete documents');
  }

  async get(slug: string): Promise<SearchDocument | undefined> {
    try {
      return fromStored(await this.#index.getDocument(slug));
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'document_not_found' || code === 'index_not_found') return undefined;
      throw error;
    }
  }

  async #all(fields?: string[]): Promise<Record<string, unknown>[]> {
    if (!(await indexExists(this.#client, this.#options.indexName))) return [];
    const out: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.#client.index(this.#options.indexName).getDocuments<Record<string, unknown>>({
        offset,
        limit: PAGE,
        ...(fields ? { fields: fields as never[] } : {}),
      });
      out.push(...page.results);
      if (page.results.length < PAGE) return out;
    }
  }

  async listVersions(): Promise<IndexedVersion[]> {
    return (await this.#all(['slug', 'version']))
      .map((d) => ({ slug: String(d.slug), version: Number(d.version) }))
      .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  }

  async count(): Promise<number> {
    if (!(await indexExists(this.#client, this.#options.indexName))) return 0;
    return (await this.#index.getStats()).numberOfDocuments;
  }

  async clear(): Promise<void> {
    if (!(await indexExists(this.#client, this.#options.indexName))) return;
    await settle(this.#index.deleteAllDocuments(), 'delete all documents');
  }

  /** Zero-downtime rebuild: fill a temporary index, swap it with the live one, drop the old contents. */
  async reindex(docs: readonly SearchDocument[]): Promise<void> {
    const live = this.#options.indexName;
    const temp = `${live}__reindex_${Date.now().toString(36)}`;
    await this.#ensureIndex(live);
    await this.#ensureIndex(temp);
    try {
      for (let i = 0; i < docs.length; i += PAGE * 10) {
        const batch = docs.slice(i, i + PAGE * 10);
        await settle(
          this.#client.index(temp).addDocuments(batch.map(toStored), { primaryKey: 'id' }),
          'fill the new index',
        );
      }
      await settle(
        this.#client.swapIndexes([{ indexes: [live, temp], rename: false }]),
        'swap the new index in',
      );
    } finally {
      await settle(this.#client.deleteIndex(temp), 'drop the temporary index').catch(() => undefined);
    }
    this.#learn(docs);
  }

  async search(input: SearchQueryInput): Promise<SearchResult> {
    const query = parseQuery(input);
    const q = stripSentinels(query.q ?? '');
    const filter = buildMeilisearchFilter(query.filters);
    const params: SearchParams = {
      ...(filter.length > 0 ? { filter } : {}),
      hitsPerPage: query.pageSize,
      page: query.page,
      attributesToHighlight: ['title', 'summary', 'intervention'],
      highlightPreTag: MARK_OPEN,
      highlightPostTag: MARK_CLOSE,
      attributesToCrop: ['summary'],
      cropLength: 40,
      cropMarker: '…',
      showRankingScore: true,
      matchingStrategy: 'last',
    };
    const sort = SORT[query.sort];
    if (sort) params.sort = sort;
    if (query.facets) params.facets = Object.values(FACET_ATTRIBUTES);
    let response: SearchResponse<Record<string, unknown>>;
    try {
      response = await this.#searchClient
        .index<Record<string, unknown>>(this.#options.indexName)
        .search(q, params);
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') {
        return {
          hits: [],
          total: 0,
          page: query.page,
          pageSize: query.pageSize,
          facets: query.facets ? emptyFacets() : {},
          synonymsUsed: [],
          fuzzyUsed: false,
        };
      }
      throw new SearchError('SEARCH_BACKEND_FAILED', `Meilisearch search failed: ${String(error)}.`, {
        cause: error,
      });
    }
    return toSearchResult(response, query, this.#synonyms, this.#councilNames);
  }

  async snapshot(): Promise<SearchSnapshot> {
    return {
      format: 'costed-search-snapshot',
      formatVersion: 1,
      kind: 'meilisearch',
      createdAt: new Date().toISOString(),
      documents: (await this.#all()).map(fromStored).sort((a, b) => (a.slug < b.slug ? -1 : 1)),
    };
  }

  async restore(snapshot: SearchSnapshot): Promise<void> {
    if (snapshot?.format !== 'costed-search-snapshot' || !Array.isArray(snapshot.documents)) {
      throw new SearchError(
        'SEARCH_INVALID_SNAPSHOT',
        'This is not a Costed search snapshot (format "costed-search-snapshot", version 1). Rebuild the index from the store instead.',
      );
    }
    await this.reindex(snapshot.documents);
  }

  async close(): Promise<void> {}
}

function emptyFacets(): Partial<Record<Facet, FacetValue[]>> {
  return Object.fromEntries(FACETS.map((f) => [f, []]));
}

/**
 * Maps a Meilisearch response to the shared result shape. Highlights come back wrapped in private-use
 * sentinels, so the text can be escaped first and the sentinels turned into <mark> after: Meilisearch's own
 * highlighting does not escape HTML.
 */
export function toSearchResult(
  response: SearchResponse<Record<string, unknown>>,
  query: SearchQuery,
  synonyms: SynonymTable,
  councilNames: ReadonlyMap<string, string>,
): SearchResult {
  const plan = synonyms.plan(query.q ?? '');
  const known = new Set(plan.clauses.flatMap((c) => c.alternatives.flat()));
  const lastTerm = plan.clauses.at(-1)?.alternatives[0]?.at(-1);
  let fuzzyUsed = false;
  const hits = response.hits.map((raw: Hit<Record<string, unknown>>) => {
    const doc = fromStored(raw);
    const formatted = (raw._formatted ?? {}) as Record<string, unknown>;
    const highlights: Highlight[] = [];
    for (const field of ['title', 'summary', 'intervention'] as const) {
      const text = formatted[field];
      const snippet = typeof text === 'string' ? sentinelsToHtml(text) : undefined;
      if (!snippet || !text) continue;
      highlights.push({ field, snippet });
      // A marked word that is neither a query word, a synonym nor the completion of the last word was a typo match.
      for (const m of (text as string).matchAll(/\uE000([^\uE001]*)\uE001/g)) {
        for (const term of tokenize(m[1] ?? '')) {
          if (!known.has(term) && !(lastTerm && term.startsWith(lastTerm))) fuzzyUsed = true;
        }
      }
    }
    return toHit(doc, typeof raw._rankingScore === 'number' ? raw._rankingScore : 0, highlights);
  });
  const facets: Partial<Record<Facet, FacetValue[]>> = {};
  if (query.facets) {
    const distribution = response.facetDistribution ?? {};
    for (const facet of FACETS) {
      const counts = distribution[FACET_ATTRIBUTES[facet]] ?? {};
      facets[facet] = sortFacetValues(
        Object.entries(counts)
          .filter(([, count]) => count > 0)
          .map(([value, count]) => ({ value, label: facetLabel(facet, value, councilNames), count })),
      );
    }
  }
  return {
    hits,
    total: response.totalHits ?? response.estimatedTotalHits ?? hits.length,
    page: query.page,
    pageSize: query.pageSize,
    facets,
    synonymsUsed: plan.synonymsUsed,
    fuzzyUsed,
  };
}
