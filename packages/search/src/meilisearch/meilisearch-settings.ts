import type { SynonymGroup } from '@costed/schema';
import type { Settings } from 'meilisearch';
import { STOP_WORDS } from '../text.ts';

/** Totals are exact up to this many hits (Meilisearch stops counting at pagination.maxTotalHits). */
export const MAX_TOTAL_HITS = 100_000;

/** Searchable attributes in ranking order: a match in an earlier one ranks higher (the `attribute` rule). */
export const SEARCHABLE_ATTRIBUTES = [
  'title',
  'intervention',
  'tags',
  'councilNames',
  'serviceAreaLabels',
  'policyStrandLabel',
  'regions',
  'outcomes',
  'summary',
  'interventionDescription',
  'deliveryModelLabel',
  'councils',
] as const;

/** Facet name → document attribute. */
export const FACET_ATTRIBUTES = {
  council: 'councils',
  region: 'regions',
  policyStrand: 'policyStrand',
  serviceArea: 'serviceAreas',
  deliveryModel: 'deliveryModel',
  evidenceLevel: 'evidenceLevel',
  costBand: 'costBand',
  year: 'year',
} as const;

export const SORTABLE_ATTRIBUTES = ['costPerParticipantPence', 'evidenceLevel', 'recency'] as const;

/** Synonym groups as Meilisearch wants them: every term maps to every other term of its group. */
export function toMeilisearchSynonyms(groups: readonly SynonymGroup[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    const terms = [...new Set(group.terms.map((t) => t.toLowerCase()))];
    for (const term of terms) {
      out[term] = [...new Set([...(out[term] ?? []), ...terms.filter((t) => t !== term)])];
    }
  }
  return out;
}

/** The index settings both the live index and a reindex's temporary index get. */
export function buildMeilisearchSettings(synonyms: readonly SynonymGroup[]): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: Object.values(FACET_ATTRIBUTES),
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    displayedAttributes: ['*'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    stopWords: [...STOP_WORDS],
    synonyms: toMeilisearchSynonyms(synonyms),
    typoTolerance: {
      enabled: true,
      // The same thresholds as the embedded adapter: one typo from 4 letters, two from 8.
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      // GSS codes and years are codes: "E08000003" one digit off is another council, not a typo.
      disableOnAttributes: ['councils'],
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 500, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}
