import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Evidence, loadEvidence } from '@costed/evidence';
import { createSearchIndex, type SearchIndex } from '@costed/search';
import { createStore, type Store, seedEvidence } from '@costed/store';
import { truncateAll } from '@costed/store/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { drainOutbox, rebuildIndex, reconcile, startOutboxWorker } from '../src/index.ts';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '../../../data');

describe('store → search sync (real seed data, PGlite)', () => {
  let store: Store;
  let evidence: Evidence;
  let index: SearchIndex;

  beforeAll(async () => {
    const loaded = await loadEvidence(dataDir);
    expect(loaded.issues).toEqual([]);
    evidence = loaded.evidence;
    store = await createStore({ engine: 'pglite' });
    await store.migrate();
  });
  afterAll(async () => store?.close());
  beforeEach(async () => {
    await truncateAll(store);
    await seedEvidence(store, evidence);
    index = createSearchIndex({ kind: 'embedded', synonyms: evidence.synonyms });
  });

  it('indexes every published case study from the outbox, and a second drain does nothing', async () => {
    const first = await drainOutbox(store, index);
    expect(first).toMatchObject({ upserted: evidence.caseStudies.length, failed: 0 });
    expect(await index.count()).toBe(evidence.caseStudies.length);
    expect(await drainOutbox(store, index)).toEqual({ upserted: 0, removed: 0, stale: 0, failed: 0 });
    const hits = await index.search({ q: 'no wrong door' });
    expect(hits.hits[0]?.slug).toContain('north-yorkshire');
  });

  it('carries cost per participant at 2024-25 prices into the index, and "not reported" stays null', async () => {
    await drainOutbox(store, index);
    const docs = await Promise.all(evidence.caseStudies.map((cs) => index.get(cs.value.slug)));
    for (const doc of docs) {
      expect(doc?.priceYear).toBe('2024-25');
      if (doc?.costPerParticipantPence === null) expect(doc.costBand).toBe('not-reported');
    }
  });

  it('removes a withdrawn case study, and never moves the index back to an older version', async () => {
    await drainOutbox(store, index);
    const slug = evidence.caseStudies[0]?.value.slug ?? '';
    await store.caseStudies.setStatus(slug, 'withdrawn', 'curator', 'Superseded');
    expect((await drainOutbox(store, index)).removed).toBe(1);
    expect(await index.get(slug)).toBeUndefined();
    expect((await index.search({ q: slug.split('-')[0] ?? '' })).hits.map((h) => h.slug)).not.toContain(slug);
  });

  it('reconciles an index that drifted: adds the missing, updates the stale, removes the extra', async () => {
    await drainOutbox(store, index);
    const [a, b] = evidence.caseStudies.map((cs) => cs.value.slug);
    const stale = await index.get(b ?? '');
    await index.remove([a ?? '']);
    await index.upsert([{ ...stale!, version: 99 }]);
    const ghost = { ...stale!, id: 'ghost-case-study', slug: 'ghost-case-study' };
    await index.upsert([ghost]);
    expect(await reconcile(store, index, { dryRun: true })).toMatchObject({
      added: [a],
      updated: [b],
      removed: ['ghost-case-study'],
    });
    expect(await index.get('ghost-case-study')).toBeDefined();
    await reconcile(store, index);
    const after = await reconcile(store, index, { dryRun: true });
    expect(after).toEqual({ added: [], updated: [], removed: [], unchanged: evidence.caseStudies.length });
  });

  it('rebuilds the whole index from the store', async () => {
    expect(await rebuildIndex(store, index)).toBe(evidence.caseStudies.length);
    expect(await index.count()).toBe(evidence.caseStudies.length);
  });

  it('runs a worker that drains on demand and flushes on stop', async () => {
    const worker = startOutboxWorker(store, index, { intervalMs: 60_000 });
    const result = await worker.drainNow();
    expect(result.upserted).toBe(evidence.caseStudies.length);
    await worker.stop();
    expect(await store.outbox.pending()).toEqual([]);
  });
});
