import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeilisearchSearchIndex, setUpMeilisearch } from './meilisearch-search-index.ts';

interface Call {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
}

/** A stand-in for the Meilisearch HTTP API, enough to see what the adapter sends. */
function fakeMeilisearch(
  searchResponse: unknown = { hits: [], totalHits: 0, hitsPerPage: 20, page: 1, totalPages: 0 },
) {
  const calls: Call[] = [];
  let task = 0;
  let key = 0;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, auth: headers.get('authorization'), body });
    const enqueued = () =>
      json(202, {
        taskUid: ++task,
        indexUid: 'x',
        status: 'enqueued',
        type: 'x',
        enqueuedAt: new Date().toISOString(),
      });
    if (method === 'GET' && /^\/tasks\/\d+$/.test(url.pathname)) {
      return json(200, { uid: Number(url.pathname.split('/')[2]), status: 'succeeded', error: null });
    }
    if (method === 'GET' && /^\/indexes\/[^/]+$/.test(url.pathname)) {
      return json(404, { message: 'not found', code: 'index_not_found', type: 'invalid_request', link: '' });
    }
    if (method === 'POST' && url.pathname === '/keys') return json(201, { key: `scoped-${++key}`, ...body });
    if (method === 'POST' && url.pathname.endsWith('/search')) return json(200, searchResponse);
    return enqueued();
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('setUpMeilisearch', () => {
  it('uses the master key to create the index, apply settings and create a write key and a search-only key', async () => {
    const calls = fakeMeilisearch();
    const keys = await setUpMeilisearch({
      url: 'http://meili.test',
      masterKey: 'master',
      indexName: 'cases',
    });
    expect(keys).toEqual({ writeKey: 'scoped-1', searchKey: 'scoped-2' });
    expect(calls.every((c) => c.auth === 'Bearer master')).toBe(true);
    expect(calls.find((c) => c.method === 'POST' && c.path === '/indexes')?.body).toMatchObject({
      uid: 'cases',
      primaryKey: 'id',
    });
    const settings = calls.find((c) => c.path === '/indexes/cases/settings');
    expect(settings?.body).toMatchObject({ pagination: { maxTotalHits: 100_000 } });
    const [write, search] = calls
      .filter((c) => c.path === '/keys')
      .map((c) => c.body as { actions: string[]; indexes: string[] });
    expect(write?.indexes).toEqual(['cases', 'cases__reindex_*']);
    expect(write?.actions).toContain('indexes.swap');
    expect(search).toMatchObject({ actions: ['search'], indexes: ['cases'] });
  });
});

describe('MeilisearchSearchIndex.search', () => {
  it('queries with the search key, a filter built from validated values, sentinel highlights and exact pagination', async () => {
    const calls = fakeMeilisearch();
    const index = new MeilisearchSearchIndex({
      kind: 'meilisearch',
      url: 'http://meili.test',
      apiKey: 'write-key',
      searchApiKey: 'search-key',
      indexName: 'cases',
    });
    await index.search({
      q: 'edge of care',
      filters: { region: ['London'], evidenceLevel: [3] },
      sort: 'cost-per-participant',
      page: 2,
      pageSize: 10,
      facets: true,
    });
    const call = calls.find((c) => c.path === '/indexes/cases/search')!;
    expect(call.auth).toBe('Bearer search-key');
    expect(call.body).toMatchObject({
      q: 'edge of care',
      filter: [['regions = "London"'], ['evidenceLevel = 3']],
      sort: ['costPerParticipantPence:asc'],
      page: 2,
      hitsPerPage: 10,
      highlightPreTag: '\uE000',
      highlightPostTag: '\uE001',
      facets: [
        'councils',
        'regions',
        'policyStrand',
        'serviceAreas',
        'deliveryModel',
        'evidenceLevel',
        'costBand',
        'year',
      ],
    });
  });

  it('refuses a hostile filter before anything is sent', async () => {
    const calls = fakeMeilisearch();
    const index = new MeilisearchSearchIndex({
      kind: 'meilisearch',
      url: 'http://meili.test',
      apiKey: 'k',
      indexName: 'cases',
    });
    await expect(index.search({ filters: { council: ['E09000033" OR 1=1'] } })).rejects.toMatchObject({
      code: 'SEARCH_INVALID_QUERY',
    });
    expect(calls).toEqual([]);
  });

  it('refuses an index name that is not a plain identifier', () => {
    expect(
      () =>
        new MeilisearchSearchIndex({
          kind: 'meilisearch',
          url: 'http://meili.test',
          apiKey: 'k',
          indexName: '../x',
        }),
    ).toThrow(expect.objectContaining({ code: 'SEARCH_BAD_OPTIONS' }));
  });
});

describe('MeilisearchSearchIndex.reindex', () => {
  it('fills a temporary index, swaps it with the live one and drops the temporary', async () => {
    const calls = fakeMeilisearch();
    const index = new MeilisearchSearchIndex({
      kind: 'meilisearch',
      url: 'http://meili.test',
      apiKey: 'k',
      indexName: 'cases',
    });
    await index.reindex([]);
    const swap = calls.find((c) => c.path === '/swap-indexes');
    const [pair] = (swap?.body ?? []) as { indexes: [string, string] }[];
    expect(pair?.indexes[0]).toBe('cases');
    expect(pair?.indexes[1]).toMatch(/^cases__reindex_/);
    expect(calls.at(-2)).toMatchObject({ method: 'DELETE', path: `/indexes/${pair?.indexes[1]}` });
  });
});
