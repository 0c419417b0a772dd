import { fileURLToPath } from 'node:url';
import { loadEvidence } from '@costed/evidence';
import { createSearchIndex, type SearchIndex, toSearchDocument } from '@costed/search';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELEVANCE_QUERIES } from './relevance/search-relevance-queries.ts';

const dataDir = fileURLToPath(new URL('../data', import.meta.url));

/** Relevance over the real seed data: each query's expected case studies must be in its top 3. */
describe('search relevance over the seed case studies (embedded adapter)', () => {
  let index: SearchIndex;
  const top3 = new Map<string, string[]>();

  beforeAll(async () => {
    const { evidence, issues } = await loadEvidence(dataDir);
    expect(issues).toEqual([]);
    const councils = new Map(evidence.councils.map((c) => [c.gssCode, c]));
    index = createSearchIndex({ kind: 'embedded', synonyms: evidence.synonyms });
    await index.upsert(evidence.caseStudies.map((cs) => toSearchDocument(cs.value, { councils })));
    for (const { q } of RELEVANCE_QUERIES) {
      top3.set(
        q,
        (await index.search({ q, pageSize: 3 })).hits.map((h) => h.slug),
      );
    }
    let found = 0;
    let expected = 0;
    let fullyAnswered = 0;
    for (const { q, expect: want } of RELEVANCE_QUERIES) {
      const got = top3.get(q)!;
      const hits = want.filter((s) => got.includes(s)).length;
      found += hits;
      expected += want.length;
      if (hits === want.length) fullyAnswered++;
      if (hits < want.length)
        console.log(`  missed: "${q}" → top 3 ${JSON.stringify(got)}, wanted ${JSON.stringify(want)}`);
    }
    const n = RELEVANCE_QUERIES.length;
    console.log(
      `search relevance (embedded, ${evidence.caseStudies.length} seed case studies, ${n} queries): ` +
        `precision@3 = ${(found / (3 * n)).toFixed(3)} (expected slugs found in the top 3 ÷ 3 per query; ` +
        `at most ${(expected / (3 * n)).toFixed(3)} with these labels), ` +
        `recall@3 = ${(found / expected).toFixed(3)}, queries fully answered = ${fullyAnswered}/${n}`,
    );
  });

  it('has at least 30 queries, each naming case studies that exist', async () => {
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(30);
    const known = new Set((await index.listVersions()).map((v) => v.slug));
    for (const { expect: want } of RELEVANCE_QUERIES) for (const slug of want) expect(known).toContain(slug);
  });

  for (const { q, expect: want } of RELEVANCE_QUERIES) {
    it(`"${q}" puts ${want.join(', ')} in the top 3`, () => {
      expect(top3.get(q)).toEqual(expect.arrayContaining(want));
    });
  }
});
