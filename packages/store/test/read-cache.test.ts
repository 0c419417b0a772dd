import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadCache, createStore, type Store } from '../src/index.ts';
import { truncateAll } from '../src/testing.ts';
import { makeCaseStudy } from './fixtures.ts';

/**
 * The PGlite store caches case-study reads (it owns its database alone). What users rely on: a read never
 * shows anything older than the last write that completed, however the write was made.
 */
describe('case-study read cache (PGlite)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ engine: 'pglite' });
    await store.migrate();
  });
  afterAll(() => store.close());

  it('serves a repeated read from the cache, and each reader gets its own copy', async () => {
    await truncateAll(store);
    await store.caseStudies.save({ document: makeCaseStudy('cached-one'), actor: 'test' });
    const first = await store.caseStudies.get('cached-one');
    if (!first) throw new Error('saved case study not found');
    first.document.title = 'Changed by a careless caller';
    const second = await store.caseStudies.get('cached-one');
    expect(second?.document.title).toBe('Council 1 redesigns its early help front door');
  });

  it('shows a new version as soon as save and setStatus return', async () => {
    await truncateAll(store);
    await store.caseStudies.save({
      document: makeCaseStudy('cached-two', { status: 'draft' }),
      actor: 'test',
    });
    expect((await store.caseStudies.get('cached-two'))?.status).toBe('draft');
    expect(await store.caseStudies.versions('cached-two')).toHaveLength(1);
    await store.caseStudies.setStatus('cached-two', 'published', 'test');
    expect((await store.caseStudies.get('cached-two'))?.status).toBe('published');
    expect(await store.caseStudies.versions('cached-two')).toHaveLength(2);
  });

  it('shows writes made in a transaction once it commits, and none from one rolled back', async () => {
    await truncateAll(store);
    await store.caseStudies.save({
      document: makeCaseStudy('cached-three', { status: 'draft' }),
      actor: 'test',
    });
    await store.caseStudies.get('cached-three');
    await store.transaction(async (t) => {
      await t.caseStudies.setStatus('cached-three', 'published', 'test');
      // The transaction's own repository reads through, so it sees its write.
      expect((await t.caseStudies.get('cached-three'))?.status).toBe('published');
    });
    expect((await store.caseStudies.get('cached-three'))?.status).toBe('published');

    await expect(
      store.transaction(async (t) => {
        await t.caseStudies.setStatus('cached-three', 'withdrawn', 'test', 'Rolled back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await store.caseStudies.get('cached-three'))?.status).toBe('published');
  });

  it('forgets everything after raw SQL that writes (e.g. truncate)', async () => {
    await truncateAll(store);
    await store.caseStudies.save({ document: makeCaseStudy('cached-four'), actor: 'test' });
    expect(await store.caseStudies.get('cached-four')).toBeDefined();
    await sql`truncate table case_studies, case_study_versions cascade`.execute(store.db);
    expect(await store.caseStudies.get('cached-four')).toBeUndefined();
  });

  it('does not cache a read that raced a write', async () => {
    await truncateAll(store);
    await store.caseStudies.save({
      document: makeCaseStudy('cached-five', { status: 'draft' }),
      actor: 'test',
    });
    // Start a read and a publish together: whichever way PGlite orders them, the read after both is fresh.
    const [, raced] = await Promise.all([
      store.caseStudies.setStatus('cached-five', 'published', 'test'),
      store.caseStudies.get('cached-five'),
    ]);
    expect(['draft', 'published']).toContain(raced?.status);
    expect((await store.caseStudies.get('cached-five'))?.status).toBe('published');
  });
});

describe('store.createReadCache (PGlite)', () => {
  it('is dropped by writes to its own tables only', async () => {
    const store = await createStore({ engine: 'pglite' });
    try {
      await store.migrate();
      const members = store.createReadCache(['members']);
      let loads = 0;
      const read = () => members.read('k', async () => ++loads);
      expect(await read()).toBe(1);
      expect(await read()).toBe(1);
      await store.organisations.create(
        { id: 'o1', name: 'Org', kind: 'council', gssCode: 'E06000011' },
        'test',
      );
      expect(await read()).toBe(1);
      await store.organisations.setMember(
        { userId: 'u1', organisationId: 'o1', role: 'council-member' },
        'test',
      );
      expect(await read()).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('reloads a value its freshness test refuses', async () => {
    const cache = createReadCache();
    let loads = 0;
    const read = (fresh: boolean) =>
      cache.read(
        'k',
        async () => ++loads,
        () => fresh,
      );
    expect(await read(true)).toBe(1);
    expect(await read(true)).toBe(1);
    expect(await read(false)).toBe(2);
    expect(await read(true)).toBe(2);
  });
});

describe('createReadCache', () => {
  it('does not keep a value loaded while the cache was invalidated', async () => {
    const cache = createReadCache();
    let release: (value: string) => void = () => {};
    const pending = cache.read('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate();
    release('stale');
    expect(await pending).toBe('stale');
    expect(await cache.read('k', async () => 'fresh')).toBe('fresh');
    expect(cache.stats.hits).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = createReadCache(2);
    await cache.read('a', async () => 1);
    await cache.read('b', async () => 2);
    await cache.read('c', async () => 3);
    expect(await cache.read('a', async () => 10)).toBe(10);
    expect(await cache.read('c', async () => 30)).toBe(3);
  });
});
