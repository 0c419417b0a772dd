import { generateCaseStudies, SYNTHETIC_COUNCILS } from '@costed/synthetic';
import { describe, expect, it } from 'vitest';
import { toSearchDocument } from '../search-document.ts';
import { EmbeddedSearchIndex } from './embedded-search-index.ts';

const councils = new Map(SYNTHETIC_COUNCILS.map((c) => [c.gssCode, c]));
const docs = generateCaseStudies({ count: 400, seed: 3 }).map((cs) => toSearchDocument(cs, { councils }));

describe('EmbeddedSearchIndex', () => {
  it('empties its result cache on every write', async () => {
    const index = new EmbeddedSearchIndex({ kind: 'embedded' });
    await index.upsert(docs);
    const before = await index.search({ q: 'fostering' });
    expect(before.total).toBeGreaterThan(0);
    await index.remove(before.hits.map((h) => h.slug));
    const after = await index.search({ q: 'fostering' });
    expect(after.total).toBe(before.total - before.hits.length);
    expect(after.hits.map((h) => h.slug)).not.toContain(before.hits[0]!.slug);
  });

  it('hands out frozen results, so a caller cannot change what the cache serves next', async () => {
    const index = new EmbeddedSearchIndex({ kind: 'embedded' });
    await index.upsert(docs);
    const result = await index.search({ q: 'care leavers' });
    expect(() => {
      (result.hits as unknown[]).length = 0;
    }).toThrow(TypeError);
    expect((await index.search({ q: 'care leavers' })).hits.length).toBeGreaterThan(0);
  });

  it('restores a snapshot that carries only documents (e.g. from Meilisearch) by rebuilding', async () => {
    const index = new EmbeddedSearchIndex({ kind: 'embedded' });
    await index.upsert(docs);
    const full = await index.snapshot();
    const copy = new EmbeddedSearchIndex({ kind: 'embedded' });
    await copy.restore({ ...full, kind: 'meilisearch', engine: undefined });
    const q = { q: 'edge of care adolescents', facets: true };
    expect(await copy.search(q)).toEqual(await index.search(q));
  });

  it('keeps answering correctly after many removals trigger compaction', async () => {
    const many = generateCaseStudies({ count: 3000, seed: 4 }).map((cs) =>
      toSearchDocument(cs, { councils }),
    );
    const index = new EmbeddedSearchIndex({ kind: 'embedded' });
    await index.upsert(many);
    await index.remove(many.slice(0, 2000).map((d) => d.slug));
    expect(await index.count()).toBe(1000);
    const all = await index.search({ facets: true, pageSize: 1 });
    expect(all.total).toBe(1000);
    expect(all.facets.policyStrand?.reduce((n, v) => n + v.count, 0)).toBe(1000);
  });

  it('refuses a snapshot in another format', async () => {
    const index = new EmbeddedSearchIndex({ kind: 'embedded' });
    await expect(index.restore({ format: 'other' } as never)).rejects.toMatchObject({
      code: 'SEARCH_INVALID_SNAPSHOT',
    });
  });
});
