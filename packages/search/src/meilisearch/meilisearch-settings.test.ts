import { describe, expect, it } from 'vitest';
import { buildMeilisearchSettings, MAX_TOTAL_HITS, toMeilisearchSynonyms } from './meilisearch-settings.ts';

describe('buildMeilisearchSettings', () => {
  const settings = buildMeilisearchSettings([
    { terms: ['looked-after children', 'LAC', 'children in care'] },
  ]);

  it('searches the most telling attributes first and never the body', () => {
    expect(settings.searchableAttributes?.slice(0, 2)).toEqual(['title', 'intervention']);
    expect(settings.searchableAttributes).not.toContain('body');
  });

  it('filters on every facet and sorts on cost, evidence level and recency', () => {
    expect(settings.filterableAttributes).toEqual([
      'councils',
      'regions',
      'policyStrand',
      'serviceAreas',
      'deliveryModel',
      'evidenceLevel',
      'costBand',
      'year',
    ]);
    expect(settings.sortableAttributes).toEqual(['costPerParticipantPence', 'evidenceLevel', 'recency']);
  });

  it('turns typo tolerance off for GSS codes and numbers, with the embedded thresholds', () => {
    expect(settings.typoTolerance).toMatchObject({
      enabled: true,
      disableOnAttributes: ['councils'],
      disableOnNumbers: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    });
  });

  it('raises maxTotalHits so totals are exact up to MAX_TOTAL_HITS', () => {
    expect(settings.pagination).toEqual({ maxTotalHits: MAX_TOTAL_HITS });
  });

  it('maps every synonym to every other term of its group', () => {
    expect(toMeilisearchSynonyms([{ terms: ['LAC', 'CLA', 'children in care'] }])).toEqual({
      lac: ['cla', 'children in care'],
      cla: ['lac', 'children in care'],
      'children in care': ['lac', 'cla'],
    });
    expect(settings.synonyms?.lac).toContain('looked-after children');
  });
});
