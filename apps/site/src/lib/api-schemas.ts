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

// ---------------------------------------------------------------------------------------------------------
// Signed-in pages: the caller, submissions, the review queue and API keys.

export const Me = z.looseObject({
  kind: z.enum(['anonymous', 'user', 'api-key']),
  role: z.enum(['public', 'council-member', 'curator', 'admin']),
  userId: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  organisations: z.array(z.object({ organisationId: z.string(), role: z.string() })),
});
export type Me = z.infer<typeof Me>;

export const SubmissionStatus = z.enum(['draft', 'submitted', 'changes-requested', 'published', 'withdrawn']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

export const Submission = z.looseObject({
  id: z.string(),
  organisationId: z.string(),
  authorId: z.string(),
  status: SubmissionStatus,
  document: z.record(z.string(), z.unknown()),
  targetSlug: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Submission = z.infer<typeof Submission>;

export const SubmissionSummary = Submission.omit({ document: true }).extend({
  title: z.string().nullable(),
  slug: z.string().nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

export const SubmissionsResponse = z.object({ submissions: z.array(SubmissionSummary) });

export const PersonalDataFinding = z.looseObject({
  kind: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  match: z.string(),
  reason: z.string(),
  path: z.string(),
});
export type PersonalDataFinding = z.infer<typeof PersonalDataFinding>;

export const ScanResult = z.looseObject({
  ok: z.boolean(),
  findings: z.array(PersonalDataFinding),
  smallCounts: z.array(z.looseObject({ path: z.string(), value: z.number(), reason: z.string() })),
});
export type ScanResult = z.infer<typeof ScanResult>;

export const SubmissionWithScan = Submission.extend({ scan: ScanResult });
export type SubmissionWithScan = z.infer<typeof SubmissionWithScan>;

export const ReviewQueueResponse = z.object({ submissions: z.array(SubmissionWithScan) });

export const ReviewEvent = z.looseObject({
  id: z.number().int(),
  action: z.string(),
  actor: z.string(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

export const ReviewEventsResponse = z.object({ events: z.array(ReviewEvent) });

export const ReviewResult = z.looseObject({
  submission: Submission,
  caseStudy: z.object({ slug: z.string(), version: z.number().int() }).optional(),
});

export const WithdrawResult = z.looseObject({ slug: z.string(), version: z.number().int() });

export const ApiKey = z.looseObject({
  id: z.string(),
  name: z.string(),
  displayPrefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeysResponse = z.object({ keys: z.array(ApiKey) });
export const CreatedApiKey = ApiKey.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

// --- Comparison (GET /v1/compare) ---------------------------------------------------------------------

/** Whole pence at a price year, as the appraisal and comparison routes write money. */
const MoneyOut = z.object({ pence: z.number().int(), priceYear: z.string() });

export const AppraisalStamp = z.looseObject({
  methodVersion: z.string(),
  deflatorRelease: z.string().nullable(),
  discountSchedule: z.looseObject({ id: z.string(), edition: z.string() }).optional(),
  seed: z.number().int().optional(),
  iterations: z.number().int().optional(),
});
export type AppraisalStamp = z.infer<typeof AppraisalStamp>;

export const ComparedCaseStudy = z.looseObject({
  slug: z.string(),
  title: z.string(),
  councils: z.array(z.object({ gssCode: z.string(), name: z.string() })),
  intervention: z.string(),
  policyStrand: z.string(),
  evidence: z.looseObject({ level: z.number().int(), levelName: z.string(), resultLabel: z.string() }),
  costs: z.looseObject({
    lines: z.array(
      z.looseObject({
        label: z.string(),
        kind: z.string(),
        basis: z.string(),
        original: MoneyOut.nullable(),
        converted: MoneyOut.nullable(),
        excludedBecause: z.string().nullable(),
        notReportedReason: z.string().nullable(),
      }),
    ),
    /** Null when nothing can be totalled; a floor when any line is not reported. */
    total: MoneyOut.nullable(),
    perParticipant: MoneyOut.nullable(),
    notReported: z.array(z.string()),
    complete: z.boolean(),
  }),
  outcomes: z.array(
    z.looseObject({
      indicator: z.string(),
      name: z.string(),
      unit: z.enum(['count', 'percent', 'rate-per-10000', 'rate-per-1000', 'score']),
      betterDirection: z.enum(['higher', 'lower']),
      baseline: z.object({ value: z.number(), year: z.string() }).nullable(),
      followUp: z.object({ value: z.number(), year: z.string() }),
      impact: z.looseObject({ direction: z.string() }).nullable(),
    }),
  ),
});
export type ComparedCaseStudy = z.infer<typeof ComparedCaseStudy>;

export const SharedIndicator = z.looseObject({
  indicator: z.string(),
  name: z.string(),
  effectUnit: z.string(),
  options: z.array(
    z.looseObject({
      slug: z.string(),
      title: z.string(),
      cost: MoneyOut,
      effect: z.number(),
      status: z.enum(['frontier', 'strictly-dominated', 'extendedly-dominated']),
      dominatedBy: z.array(z.string()),
    }),
  ),
  excluded: z.array(z.object({ slug: z.string(), reason: z.string() })),
  icers: z.array(
    z.looseObject({
      from: z.string(),
      to: z.string(),
      incrementalCost: MoneyOut,
      incrementalEffect: z.number(),
      icer: MoneyOut.nullable(),
      /** Dominant or dominated pairs have no meaningful ratio: dominance decides. */
      quadrant: z
        .enum(['dominant', 'dominated', 'more-costly-more-effective', 'less-costly-less-effective'])
        .nullable(),
    }),
  ),
  frontier: z.array(z.looseObject({ slug: z.string(), cost: MoneyOut, effect: z.number() })),
  readings: z.array(z.string()),
});
export type SharedIndicator = z.infer<typeof SharedIndicator>;

export const ComparisonResponse = z.looseObject({
  priceYear: z.string(),
  deflatorRelease: z.string().nullable(),
  caseStudies: z.array(ComparedCaseStudy),
  sharedIndicators: z.array(SharedIndicator),
  notes: z.array(z.string()),
  stamp: AppraisalStamp,
});
export type ComparisonResponse = z.infer<typeof ComparisonResponse>;

// --- Appraisal (POST /v1/appraisals) and localisation (POST /v1/case-studies/:slug/localise) -------------

export const AppraisalResult = z.looseObject({
  label: z.string().nullable(),
  priceYear: z.string(),
  presentValueCosts: MoneyOut,
  presentValueBenefits: MoneyOut,
  npv: MoneyOut,
  bcr: z.number().nullable(),
  roi: z.number().nullable(),
  discountedPaybackYear: z.number().int().nullable(),
  breakEvenEffect: z
    .looseObject({
      scale: z.number(),
      benefits: z.array(z.looseObject({ label: z.string(), outcomesPerYear: z.number() })),
    })
    .nullable(),
  years: z.array(
    z.looseObject({
      year: z.number().int(),
      discountFactor: z.number(),
      costs: MoneyOut,
      benefits: MoneyOut,
      cumulativeDiscountedNet: MoneyOut,
    }),
  ),
  stamp: AppraisalStamp,
});
export type AppraisalResult = z.infer<typeof AppraisalResult>;

export const SimulationResult = z.looseObject({
  iterations: z.number().int(),
  seed: z.number().int(),
  probabilityNpvPositive: z.number(),
  npv: z.object({ p10: MoneyOut, p50: MoneyOut, p90: MoneyOut, mean: MoneyOut }),
  bcr: z.object({ p10: z.number(), p50: z.number(), p90: z.number() }).nullable(),
  stamp: AppraisalStamp,
});
export type SimulationResult = z.infer<typeof SimulationResult>;

const ApiWarning = z.object({ code: z.string(), message: z.string() });

export const AppraisalResponse = z.looseObject({
  appraisal: AppraisalResult,
  simulation: SimulationResult.nullable(),
  warnings: z.array(ApiWarning),
  stamp: AppraisalStamp,
});
export type AppraisalResponse = z.infer<typeof AppraisalResponse>;

export const LocalisationResponse = z.looseObject({
  slug: z.string(),
  title: z.string(),
  source: z.object({ councils: z.array(z.object({ gssCode: z.string(), name: z.string() })) }),
  target: z.object({ gssCode: z.string(), name: z.string() }),
  priceYear: z.string(),
  population: z.object({ sourcePopulation: z.number(), targetPopulation: z.number(), ratio: z.number() }),
  appraisal: AppraisalResult.nullable(),
  simulation: SimulationResult.nullable(),
  breakEven: z
    .looseObject({
      presentValueBenefits: MoneyOut,
      maximumCostPerYear: MoneyOut,
      years: z.number().int(),
    })
    .nullable(),
  assumptions: z.array(z.string()),
  leftOut: z.array(z.object({ item: z.string(), reason: z.string() })),
  missing: z.array(z.string()),
  warnings: z.array(ApiWarning),
  stamp: AppraisalStamp,
});
export type LocalisationResponse = z.infer<typeof LocalisationResponse>;
