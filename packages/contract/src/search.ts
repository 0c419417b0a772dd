import { z } from 'zod';

/** The search facets, in the order a filter panel shows them (the API computes the same set). */
export const SEARCH_FACETS = [
  'policyStrand',
  'serviceArea',
  'deliveryModel',
  'evidenceLevel',
  'costBand',
  'region',
  'council',
  'year',
] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const SEARCH_SORTS = ['relevance', 'recency', 'evidence-level', 'cost-per-participant'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Cost per participant bands, at the price year the API converted to. */
export const CostBand = z
  .enum(['under-1k', '1k-5k', '5k-20k', '20k-plus', 'not-reported'])
  .describe(
    'Cost per participant band: under £1,000; £1,000–£4,999; £5,000–£19,999; £20,000 or more; not reported.',
  );
export type CostBand = z.infer<typeof CostBand>;

export const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetValue = z.infer<typeof FacetValue>;

export const SearchHit = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  highlights: z.array(
    z.object({
      field: z.string(),
      snippet: z.string().describe('HTML-escaped text with <mark> around matches.'),
    }),
  ),
  score: z.number(),
  version: z.number().int(),
  intervention: z.string(),
  councils: z.array(z.object({ code: z.string(), name: z.string() })),
  regions: z.array(z.string()),
  policyStrand: z.string(),
  serviceAreas: z.array(z.string()),
  deliveryModel: z.string(),
  evidenceLevel: z.number().int(),
  evidenceResult: z.string(),
  /** At `priceYear` (the API converts to 2024-25); null means not reported, never zero. */
  costPerParticipantPence: z.number().int().nullable(),
  totalCostPence: z.number().int().nullable(),
  priceYear: z.string().nullable(),
  costBand: CostBand,
  year: z.string(),
  publishedAt: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** GET /v1/case-studies */
export const SearchResponse = z.object({
  hits: z.array(SearchHit),
  total: z.number().int().describe('Exact number of matching case studies.'),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.partialRecord(z.enum(SEARCH_FACETS), z.array(FacetValue)),
  synonymsUsed: z.array(z.string()),
  fuzzyUsed: z.boolean(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;
