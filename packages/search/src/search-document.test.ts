import { CaseStudy } from '@costed/schema';
import { generateCaseStudies, SYNTHETIC_COUNCILS } from '@costed/synthetic';
import { describe, expect, it } from 'vitest';
import { costBandOf, toSearchDocument } from './search-document.ts';

const councils = new Map(SYNTHETIC_COUNCILS.map((c) => [c.gssCode, c]));
const [cs] = generateCaseStudies({ count: 1, seed: 7 });

describe('toSearchDocument', () => {
  it('copies the text, names councils and regions, and takes cost figures from the caller', () => {
    const doc = toSearchDocument(CaseStudy.parse(cs), {
      councils,
      costPerParticipantPence: 250_000,
      totalCostPence: 10_000_000,
      priceYear: '2024-25',
      publishedAt: '2020-05-04',
    });
    expect(doc.id).toBe(cs!.slug);
    expect(doc.councilNames).toEqual(cs!.councils.map((c) => councils.get(c)!.name));
    expect(doc.regions.length).toBeGreaterThan(0);
    expect(doc.costBand).toBe('1k-5k');
    expect(doc.priceYear).toBe('2024-25');
    expect(doc.recency).toBe(20200504);
    expect(doc.year).toBe(cs!.period.start.slice(0, 4));
  });

  it('treats a missing cost as not reported, never zero', () => {
    const doc = toSearchDocument(cs!, { councils });
    expect(doc.costPerParticipantPence).toBeNull();
    expect(doc.costBand).toBe('not-reported');
    expect(costBandOf(0)).toBe('under-1k');
  });

  it('refuses a council code missing from the lookup', () => {
    expect(() => toSearchDocument(cs!, { councils: new Map() })).toThrow(
      expect.objectContaining({ code: 'SEARCH_UNKNOWN_COUNCIL' }),
    );
  });
});
