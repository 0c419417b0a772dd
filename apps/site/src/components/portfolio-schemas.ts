import { z } from 'zod';

/**
 * What the portfolio routes of the API answer (`/v1/portfolios…`), as the decommissioning pages read it.
 * Kept beside the portfolio components rather than in `lib/api-schemas.ts` while that shared file carries
 * another helper's uncommitted work; objects are loose so fields the pages do not read may be added.
 */

export const Portfolio = z.looseObject({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  services: z.array(z.unknown()).optional(),
  /** Only the thresholds the council set; the review fills in the defaults for the rest. */
  thresholds: z.record(z.string(), z.unknown()).optional(),
});
export type Portfolio = z.infer<typeof Portfolio>;

export const PortfoliosResponse = z.looseObject({ portfolios: z.array(Portfolio) });
export type PortfoliosResponse = z.infer<typeof PortfoliosResponse>;

export const Severity = z.enum(['info', 'warning', 'concern']);
export type Severity = z.infer<typeof Severity>;

export const RecommendationValue = z.enum([
  'keep',
  'review',
  'consider-decommissioning',
  'evaluate-before-deciding',
]);
export type RecommendationValue = z.infer<typeof RecommendationValue>;

export const DecisionValue = z.enum(['keep', 'change', 'decommission', 'evaluate']);
export type DecisionValue = z.infer<typeof DecisionValue>;

const Figure = z.union([z.number(), z.string(), z.null()]);

export const RuleCheck = z.looseObject({
  rule: z.string(),
  status: z.enum(['fired', 'clear', 'not-assessed']),
  severity: Severity,
  category: z.string(),
  evidence: z.looseObject({
    indicator: z.string().nullable(),
    comparatorSlugs: z.array(z.string()),
    relatedServices: z.array(z.string()),
    values: z.record(z.string(), Figure),
  }),
  threshold: z.record(z.string(), z.union([z.number(), z.string()])),
  explanation: z.string(),
});
export type RuleCheck = z.infer<typeof RuleCheck>;

export const ReviewedService = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  provider: z.string().nullable().optional(),
  annualCost: z.object({ pence: z.number(), priceYear: z.string() }).nullable().optional(),
  contractEnd: z.string().nullable().optional(),
  participantsPerYear: z.number().nullable().optional(),
  evidenceLevel: z.number().int().nullable().optional(),
});
export type ReviewedService = z.infer<typeof ReviewedService>;

export const ServiceReview = z.looseObject({
  service: ReviewedService,
  position: z.number().int(),
  flags: z.array(RuleCheck),
  checks: z.array(RuleCheck),
  recommendation: RecommendationValue,
  explanation: z.string(),
  latestDecision: z.looseObject({ decision: z.string(), decidedOn: z.string() }).nullable().optional(),
});
export type ServiceReview = z.infer<typeof ServiceReview>;

export const MethodStamp = z.looseObject({
  methodVersion: z.string(),
  deflatorRelease: z.string().nullable().optional(),
  rulesVersion: z.string().optional(),
});
export type MethodStamp = z.infer<typeof MethodStamp>;

export const PortfolioReview = z.looseObject({
  results: z.array(ServiceReview),
  thresholds: z.record(z.string(), z.union([z.number(), z.string()])),
  methodStamp: MethodStamp,
  reviewedOn: z.string(),
  priceYear: z.string(),
});
export type PortfolioReview = z.infer<typeof PortfolioReview>;

export const DecisionEntry = z.looseObject({
  serviceId: z.string(),
  decision: DecisionValue,
  rationale: z.string(),
  decidedBy: z.string(),
  decidedOn: z.string(),
  recommendation: RecommendationValue.optional(),
  reviewedOn: z.string().optional(),
});
export type DecisionEntry = z.infer<typeof DecisionEntry>;

export const DecisionsResponse = z.looseObject({ decisions: z.array(DecisionEntry) });
export type DecisionsResponse = z.infer<typeof DecisionsResponse>;

const Observation = z.object({ value: z.number(), year: z.string() });

/** A service as stored (GET /v1/portfolios/:id → services[]): what the edit form starts from. */
export const StoredService = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  provider: z.string().nullable().optional(),
  annualCost: z.object({ pence: z.number(), priceYear: z.string() }).nullable().optional(),
  contractEnd: z.string().nullable().optional(),
  cohort: z
    .looseObject({
      description: z.string().nullable().optional(),
      ageRange: z.object({ min: z.number(), max: z.number() }).nullable().optional(),
      needLevels: z.array(z.string()).optional(),
    })
    .optional(),
  participantsPerYear: z.number().nullable().optional(),
  indicators: z
    .array(
      z.looseObject({
        indicator: z.string(),
        baseline: Observation.nullable().optional(),
        latest: Observation.nullable().optional(),
      }),
    )
    .optional(),
  evidenceLevel: z.number().int().nullable().optional(),
  deliveryStartYear: z.number().int().nullable().optional(),
  caseStudySlugs: z.array(z.string()).optional(),
  interventionNames: z.array(z.string()).optional(),
});
export type StoredService = z.infer<typeof StoredService>;

/** The outcome-indicator taxonomy (GET /v1/reference/indicators), as the service form's choices. */
export const IndicatorChoices = z.looseObject({
  items: z.array(z.looseObject({ id: z.string(), name: z.string(), unit: z.string() })),
});
export type IndicatorChoices = z.infer<typeof IndicatorChoices>;
