import {
  CaseStudy,
  Council,
  DeflatorSeries,
  DiscountSchedule,
  Money,
  OutcomeIndicator,
  UnitCost,
} from '@costed/schema';
import { z } from 'zod';

/**
 * The shapes of the API answers the site reads, built from the shared domain schemas in `@costed/schema`.
 * The site never imports from apps/api: these schemas are its own statement of what it relies on, so a
 * change in the API that breaks a page fails loudly (`ApiInvalidResponse`) instead of rendering nonsense.
 * Objects are loose where the API may add fields without breaking the site.
 */

/** The search facets, in the order the filter panel shows them. */
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

export const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetValue = z.infer<typeof FacetValue>;

export const SearchHit = z.looseObject({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  highlights: z.array(z.object({ field: z.string(), snippet: z.string() })),
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
  costBand: z.string(),
  year: z.string(),
  publishedAt: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.looseObject({
  hits: z.array(SearchHit),
  /** The exact number of matching case studies. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.partialRecord(z.enum(SEARCH_FACETS), z.array(FacetValue)),
  synonymsUsed: z.array(z.string()),
  fuzzyUsed: z.boolean(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const ConvertedFigure = z.object({
  label: z.string(),
  original: Money.nullable(),
  converted: Money.nullable(),
  /** Why there is no converted figure ("Not reported: …", or a deflator-series mismatch). */
  note: z.string().nullable(),
});
export type ConvertedFigure = z.infer<typeof ConvertedFigure>;

export const MethodStamp = z.looseObject({
  methodVersion: z.string(),
  deflatorRelease: z.string().nullable(),
});
export type MethodStamp = z.infer<typeof MethodStamp>;

export const EvidenceLevelInfo = z.object({
  level: z.number(),
  name: z.string(),
  definition: z.string(),
  eif: z.string(),
  maryland: z.string(),
});
export type EvidenceLevelInfo = z.infer<typeof EvidenceLevelInfo>;

export const ConvertedCaseStudy = z.object({
  priceYear: z.string(),
  costs: z.array(ConvertedFigure),
  savings: z.array(ConvertedFigure),
  summary: z.looseObject({
    priceYear: z.string(),
    totalPence: z.number().int().nullable(),
    perParticipantPence: z.number().int().nullable(),
    perParticipantBasis: z.string().nullable(),
    notReportedLines: z.number().int(),
    deflatorRelease: z.string().nullable(),
  }),
  stamp: MethodStamp,
});
export type ConvertedCaseStudy = z.infer<typeof ConvertedCaseStudy>;

export const CaseStudyResponse = z.looseObject({
  caseStudy: CaseStudy,
  version: z.number().int(),
  status: z.string(),
  /** When this version was published (ISO timestamp). */
  publishedAt: z.string(),
  evidenceLevel: EvidenceLevelInfo.nullable(),
  converted: ConvertedCaseStudy.optional(),
});
export type CaseStudyResponse = z.infer<typeof CaseStudyResponse>;

export const VersionEntry = z.looseObject({
  version: z.number().int(),
  status: z.string(),
  createdAt: z.string(),
  changeNote: z.string().nullable(),
  changes: z.array(z.looseObject({ path: z.string(), type: z.enum(['added', 'removed', 'changed']) })),
});
export type VersionEntry = z.infer<typeof VersionEntry>;

export const VersionsResponse = z.object({ slug: z.string(), versions: z.array(VersionEntry) });
export type VersionsResponse = z.infer<typeof VersionsResponse>;

/** The extensions of the API's 410 problem for a withdrawn case study. */
export const WithdrawnProblem = z.looseObject({
  slug: z.string(),
  withdrawnAt: z.string(),
  reason: z.string(),
  versions: z.string(),
});
export type WithdrawnProblem = z.infer<typeof WithdrawnProblem>;

/** A reference table: its items and the version of the reference snapshot. */
const referenceTable = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), version: z.string() });

export const CouncilsResponse = referenceTable(Council);
export const IndicatorsResponse = referenceTable(OutcomeIndicator);
export const DeflatorsResponse = referenceTable(DeflatorSeries);
export const DiscountRatesResponse = referenceTable(DiscountSchedule);
export const UnitCostsResponse = referenceTable(UnitCost);
