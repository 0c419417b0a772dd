import { describe, expect, it } from 'vitest';
import { MARK_CLOSE, MARK_OPEN } from '../highlight.ts';
import { SearchQuery } from '../search-query.ts';
import { SynonymTable } from '../synonyms.ts';
import { toSearchResult } from './meilisearch-search-index.ts';

const stored = {
  id: 'gloucestershire-hub',
  slug: 'gloucestershire-hub',
  version: 2,
  title: 'Gloucestershire <hub>',
  summary: 'Safeguarding & more',
  intervention: 'MASH',
  interventionDescription: 'x',
  councils: ['E10000013'],
  councilNames: ['Gloucestershire'],
  regions: ['South West'],
  policyStrand: 'contact-and-referrals',
  policyStrandLabel: 'Contact and referrals',
  serviceAreas: ['safeguarding'],
  serviceAreaLabels: ['Safeguarding'],
  deliveryModel: 'partnership',
  deliveryModelLabel: 'Partnership',
  evidenceLevel: 2,
  evidenceResult: 'evaluated-positive',
  outcomes: [],
  tags: [],
  totalCostPence: null,
  priceYear: null,
  costBand: 'not-reported',
  year: '2014',
  publishedAt: null,
  recency: 20140101,
};

describe('toSearchResult (Meilisearch response → shared result)', () => {
  it('escapes highlighted text, restores a missing cost as null and maps facets with labels', () => {
    const result = toSearchResult(
      {
        hits: [
          {
            ...stored,
            _rankingScore: 0.9,
            _formatted: {
              title: `Gloucestershire <hub>`,
              summary: `${MARK_OPEN}Safegaurding${MARK_CLOSE} & more`,
            },
          },
        ],
        totalHits: 1,
        hitsPerPage: 20,
        page: 1,
        totalPages: 1,
        processingTimeMs: 1,
        query: 'safeguarding',
        facetDistribution: { councils: { E10000013: 1 }, evidenceLevel: { '2': 1 } },
      },
      SearchQuery.parse({ q: 'safeguarding', facets: true }),
      new SynonymTable([]),
      new Map(),
    );
    expect(result.total).toBe(1);
    expect(result.hits[0]?.costPerParticipantPence).toBeNull();
    expect(result.hits[0]?.highlights).toEqual([
      { field: 'summary', snippet: '<mark>Safegaurding</mark> &amp; more' },
    ]);
    expect(result.fuzzyUsed).toBe(true);
    expect(result.facets.evidenceLevel).toEqual([{ value: '2', label: '2 – Compared', count: 1 }]);
    expect(result.facets.council).toEqual([{ value: 'E10000013', label: 'E10000013', count: 1 }]);
  });
});
