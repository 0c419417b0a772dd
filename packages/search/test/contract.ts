import type { SynonymGroup } from '@costed/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchIndex, SearchQueryInput, SearchResult } from '../src/index.ts';
import { CONTRACT_DOCUMENTS, CONTRACT_SYNONYMS, makeDocument, SYNONYM_CASES } from './contract-documents.ts';

export type MakeIndex = (synonyms: readonly SynonymGroup[]) => Promise<SearchIndex>;

const slugs = (r: SearchResult) => r.hits.map((h) => h.slug);
const SEARCHABLE = [
  'title',
  'summary',
  'intervention',
  'interventionDescription',
  'councilNames',
  'tags',
] as const;

/** One behavioural contract for every SearchIndex adapter, over a small handcrafted document set. */
export function runSearchContract(name: string, makeIndex: MakeIndex): void {
  describe(`${name} search contract`, () => {
    let index: SearchIndex;

    beforeEach(async () => {
      index = await makeIndex(CONTRACT_SYNONYMS);
      await index.upsert(CONTRACT_DOCUMENTS);
    });

    afterEach(async () => {
      await index.close();
    });

    it('holds every upserted document, with versions for reconcile', async () => {
      expect(await index.count()).toBe(CONTRACT_DOCUMENTS.length);
      const versions = await index.listVersions();
      expect(versions).toEqual(
        CONTRACT_DOCUMENTS.map((d) => ({ slug: d.slug, version: 1 })).sort((a, b) =>
          a.slug.localeCompare(b.slug),
        ),
      );
      expect(await index.get('leeds-family-group-conferences')).toEqual(CONTRACT_DOCUMENTS[4]);
      expect(await index.get('no-such-slug')).toBeUndefined();
    });

    it('tolerates typos: "safegaurding" finds safeguarding and "Glocestershire" finds Gloucestershire', async () => {
      const a = await index.search({ q: 'safegaurding' });
      expect(slugs(a)).toContain('gloucestershire-safeguarding-hub');
      expect(a.fuzzyUsed).toBe(true);
      const b = await index.search({ q: 'Glocestershire' });
      expect(slugs(b)[0]).toBe('gloucestershire-safeguarding-hub');
      const exact = await index.search({ q: 'safeguarding' });
      expect(exact.fuzzyUsed).toBe(false);
    });

    it('matches the last word as a prefix: "yout" finds youth', async () => {
      const r = await index.search({ q: 'yout' });
      expect(slugs(r)).toEqual(
        expect.arrayContaining(['north-yorkshire-no-wrong-door', 'suffolk-yot-restructure']),
      );
    });

    for (const c of SYNONYM_CASES) {
      it(`expands synonyms: "${c.query}" finds a document that only uses another term of "${c.group}"`, async () => {
        const target = CONTRACT_DOCUMENTS.find((d) => d.slug === c.slug)!;
        const text = SEARCHABLE.flatMap((f) => target[f])
          .join(' ')
          .toLowerCase();
        // The document must not contain the query itself, or this would not test the synonym.
        expect(text).not.toMatch(new RegExp(`\\b${c.query.toLowerCase()}\\b`));
        const r = await index.search({ q: c.query });
        expect(slugs(r)).toContain(c.slug);
        expect(r.synonymsUsed).toContain(c.group);
      });
    }

    it('counts facets over all matches: council, region, strand, service area, model, level, cost band, year', async () => {
      const r = await index.search({ facets: true, pageSize: 1 });
      expect(r.total).toBe(10);
      const count = (facet: keyof typeof r.facets, value: string) =>
        r.facets[facet]?.find((v) => v.value === value)?.count;
      expect(count('council', 'E09000013')).toBe(1);
      expect(r.facets.council).toHaveLength(11);
      expect(r.facets.council?.find((v) => v.value === 'E10000013')?.label).toBe('Gloucestershire');
      expect(count('region', 'London')).toBe(2);
      expect(count('region', 'South West')).toBe(2);
      expect(count('policyStrand', 'edge-of-care')).toBe(3);
      expect(r.facets.policyStrand?.find((v) => v.value === 'edge-of-care')?.label).toBe(
        'Interventions at the edge of care',
      );
      expect(count('serviceArea', 'family-support')).toBe(3);
      expect(count('deliveryModel', 'partnership')).toBe(3);
      expect(count('evidenceLevel', '2')).toBe(3);
      expect(count('costBand', 'under-1k')).toBe(3);
      expect(count('costBand', 'not-reported')).toBe(1);
      expect(count('year', '2014')).toBe(2);
      for (const facet of ['policyStrand', 'deliveryModel', 'evidenceLevel', 'costBand', 'year'] as const) {
        expect(r.facets[facet]?.reduce((n, v) => n + v.count, 0)).toBe(10);
      }
      // Most frequent first.
      const counts = r.facets.deliveryModel!.map((v) => v.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('applies filters together with a query, and facets follow the filtered matches', async () => {
      const r = await index.search({
        q: 'care',
        filters: { region: ['Yorkshire and The Humber'] },
        facets: true,
      });
      expect(slugs(r).sort()).toEqual(['leeds-family-group-conferences', 'north-yorkshire-no-wrong-door']);
      expect(r.total).toBe(2);
      expect(r.facets.region).toEqual([
        { value: 'Yorkshire and The Humber', label: 'Yorkshire and The Humber', count: 2 },
      ]);
      const strong = await index.search({
        filters: { evidenceLevel: [3, 4], policyStrand: ['edge-of-care'] },
      });
      expect(slugs(strong).sort()).toEqual([
        'leeds-family-group-conferences',
        'north-yorkshire-no-wrong-door',
      ]);
      const councils = await index.search({ filters: { council: ['E09000020', 'E10000016'] } });
      expect(slugs(councils).sort()).toEqual(['kent-travel-training', 'tri-borough-signs-of-safety']);
      const none = await index.search({ q: 'safeguarding', filters: { costBand: ['20k-plus'] } });
      expect(none.total).toBe(0);
    });

    it('sorts by relevance, cost per participant, evidence level and recency', async () => {
      const relevance = await index.search({ q: 'safeguarding hub' });
      expect(slugs(relevance)[0]).toBe('gloucestershire-safeguarding-hub');
      const scores = relevance.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      const cost = await index.search({ sort: 'cost-per-participant' });
      expect(cost.hits.map((h) => h.costPerParticipantPence)).toEqual([
        45_000,
        60_000,
        90_000,
        150_000,
        250_000,
        300_000,
        800_000,
        1_200_000,
        2_500_000,
        null,
      ]);
      const level = await index.search({ sort: 'evidence-level' });
      const levels = level.hits.map((h) => h.evidenceLevel);
      expect(levels[0]).toBe(4);
      expect(levels).toEqual([...levels].sort((a, b) => b - a));
      const recent = await index.search({ sort: 'recency' });
      const dates = recent.hits.map((h) => h.publishedAt!);
      expect(dates[0]).toBe('2021-02-01');
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('returns HTML-safe highlighted snippets', async () => {
      const r = await index.search({ q: 'travel' });
      const hit = r.hits.find((h) => h.slug === 'kent-travel-training')!;
      const title = hit.highlights.find((h) => h.field === 'title')!.snippet;
      expect(title).toContain('<mark>travel</mark>');
      expect(title).toContain('&amp;');
      expect(title).toContain('&lt;16');
      expect(title.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      const g = await index.search({ q: 'safeguarding' });
      const gHit = g.hits.find((h) => h.slug === 'gloucestershire-safeguarding-hub')!;
      expect(gHit.highlights.find((h) => h.field === 'title')?.snippet).toContain(
        '<mark>safeguarding</mark>',
      );
    });

    it('pages with an exact total on every page', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = await index.search({ sort: 'recency', page, pageSize: 3 });
        expect(r.total).toBe(10);
        expect(r.page).toBe(page);
        expect(r.hits).toHaveLength(page === 4 ? 1 : 3);
        seen.push(...slugs(r));
      }
      expect(new Set(seen).size).toBe(10);
      const beyond = await index.search({ sort: 'recency', page: 5, pageSize: 3 });
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(10);
    });

    it('replaces a document on upsert and forgets it on remove', async () => {
      const old = CONTRACT_DOCUMENTS[0]!;
      const updated = makeDocument({
        slug: old.slug,
        title: 'Gloucestershire: front door redesign',
        summary: 'A redesigned front door answers every contact within a day.',
        intervention: 'Front door redesign',
        councils: [['E10000013', 'Gloucestershire', 'South West']],
        policyStrand: 'contact-and-referrals',
        serviceAreas: ['safeguarding'],
        deliveryModel: 'in-house',
        evidenceLevel: 1,
        cost: 45_000,
        year: '2014',
        publishedAt: '2016-03-01',
        version: 2,
      });
      await index.upsert([updated]);
      expect(await index.count()).toBe(10);
      expect((await index.get(old.slug))?.version).toBe(2);
      expect(slugs(await index.search({ q: 'redesign' }))).toContain(old.slug);
      expect(slugs(await index.search({ q: 'hub' }))).not.toContain(old.slug);
      const facets = await index.search({ facets: true, filters: { deliveryModel: ['partnership'] } });
      expect(facets.total).toBe(2);

      await index.remove([old.slug, 'never-indexed']);
      expect(await index.count()).toBe(9);
      expect(await index.get(old.slug)).toBeUndefined();
      expect(slugs(await index.search({ q: 'Gloucestershire' }))).not.toContain(old.slug);
      expect(
        (await index.search({ facets: true })).facets.region?.find((v) => v.value === 'South West')?.count,
      ).toBe(1);
    });

    it('restores a snapshot into a fresh index with identical results', async () => {
      const snapshot = await index.snapshot();
      expect(snapshot.documents).toHaveLength(10);
      const copy = await makeIndex(CONTRACT_SYNONYMS);
      await copy.restore(JSON.parse(JSON.stringify(snapshot)));
      const queries: SearchQueryInput[] = [
        { q: 'safegaurding', facets: true },
        { q: 'LAC' },
        { q: 'care', filters: { evidenceLevel: [3, 4] }, facets: true },
        { sort: 'cost-per-participant', pageSize: 5, page: 2 },
        { q: 'yout', facets: true },
      ];
      for (const q of queries) {
        const a = await index.search(q);
        const b = await copy.search(q);
        expect(slugs(b)).toEqual(slugs(a));
        expect(b.total).toBe(a.total);
        expect(b.facets).toEqual(a.facets);
        expect(b.hits.map((h) => h.highlights)).toEqual(a.hits.map((h) => h.highlights));
      }
      await copy.close();
    });

    it('reindexes to exactly the given documents, and clears', async () => {
      await index.reindex(CONTRACT_DOCUMENTS.slice(0, 3));
      expect(await index.count()).toBe(3);
      expect((await index.search({})).total).toBe(3);
      await index.clear();
      expect(await index.count()).toBe(0);
      expect((await index.search({ q: 'safeguarding' })).total).toBe(0);
    });

    it('refuses invalid and hostile queries with SEARCH_INVALID_QUERY', async () => {
      const hostile = [
        { filters: { council: ['E10000013" OR councils EXISTS OR "'] } },
        { filters: { policyStrand: ['edge-of-care OR 1 = 1'] } },
        { filters: { year: ['2014 OR year EXISTS'] } },
        { filters: { unknown: ['x'] } },
        { pageSize: 10_000 },
      ];
      for (const q of hostile) {
        await expect(index.search(q as SearchQueryInput)).rejects.toMatchObject({
          code: 'SEARCH_INVALID_QUERY',
        });
      }
    });
  });
}
