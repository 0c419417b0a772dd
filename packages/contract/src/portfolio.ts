import { AgeRange, EvidenceLevel, Money, NeedLevel, Observation } from '@costed/schema';
import { z } from 'zod';

/*
 * A council's private service portfolio and its review against the evidence (`/v1/portfolios…`). The service,
 * threshold and decision shapes mirror @costed/decommissioning's schemas as they come out of the API; they are
 * restated rather than imported so clients do not load the spreadsheet import code that package carries.
 * apps/api/test/contract.test.ts checks the field names still match that package's.
 */

export const Severity = z.enum(['info', 'warning', 'concern']);
export type Severity = z.infer<typeof Severity>;

/** What the rules suggest a commissioner looks at; never a decision. */
export const Recommendation = z.enum([
  'keep',
  'review',
  'consider-decommissioning',
  'evaluate-before-deciding',
]);
export type Recommendation = z.infer<typeof Recommendation>;

/** What the commissioner decided. */
export const Decision = z.enum(['keep', 'change', 'decommission', 'evaluate']);
export type Decision = z.infer<typeof Decision>;

export const PortfolioServiceIndicator = z.object({
  indicator: z.string(),
  baseline: Observation.nullable().describe('Value before the service (or at its start).'),
  latest: Observation.nullable().describe('The most recent value.'),
});
export type PortfolioServiceIndicator = z.infer<typeof PortfolioServiceIndicator>;

/**
 * One service in a portfolio as the API answers it: unknown figures are null, never zero. The API sends every
 * field; readers may see only the name (pages show what there is), so the rest are optional here.
 */
export const PortfolioServiceView = z
  .object({
    id: z.string().optional().describe('Stable id once stored.'),
    name: z.string().describe('ORUK service.name.'),
    description: z.string().nullable().optional().describe('ORUK service.description.'),
    provider: z.string().nullable().optional().describe('Who delivers it.'),
    annualCost: Money.nullable()
      .optional()
      .describe('What the council pays per year, with its price year; null if unknown.'),
    contractEnd: z.string().nullable().optional().describe('When the current contract ends (YYYY-MM-DD).'),
    cohort: z
      .object({
        description: z.string().nullable().describe('Who the service is for, in plain words.'),
        ageRange: AgeRange.nullable().describe('Ages served, inclusive.'),
        needLevels: z.array(NeedLevel).describe('Levels of need served; empty when not recorded.'),
      })
      .optional(),
    participantsPerYear: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .optional()
      .describe('Children, young people or families served per year.'),
    indicators: z.array(PortfolioServiceIndicator).optional().describe('Target outcome indicators.'),
    evidenceLevel: EvidenceLevel.nullable()
      .optional()
      .describe('Costed evidence level 0–4 for this service as delivered here; null if never assessed.'),
    deliveryStartYear: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('Calendar year delivery began (for "weak evidence after N years").'),
    caseStudySlugs: z.array(z.string()).optional().describe('Costed case studies of this same model.'),
    interventionNames: z
      .array(z.string())
      .optional()
      .describe('Named models it delivers, e.g. "Family Group Conferencing".'),
  })
  .describe('A service in the portfolio, with its id.');
export type PortfolioServiceView = z.infer<typeof PortfolioServiceView>;

/** A stored service (POST/PUT /v1/portfolios/:id/services…, and every service of a stored portfolio) has its id. */
export const StoredPortfolioService = PortfolioServiceView.required({ id: true });
export type StoredPortfolioService = z.infer<typeof StoredPortfolioService>;

/** POST/GET/PATCH /v1/portfolios/:id, and the import route's answer. */
export const Portfolio = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    name: z.string(),
    thresholds: z
      .record(z.string(), z.unknown())
      .describe('Thresholds the council set; defaults fill the rest.'),
    services: z.array(PortfolioServiceView),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("A council's private service portfolio.");
export type Portfolio = z.infer<typeof Portfolio>;

/** GET /v1/portfolios */
export const PortfoliosResponse = z.object({ portfolios: z.array(Portfolio) });
export type PortfoliosResponse = z.infer<typeof PortfoliosResponse>;

/** One rule's check of one service: fired, clear or not assessed, with the evidence and threshold used. */
export const RuleCheck = z.object({
  rule: z.string(),
  status: z.enum(['fired', 'clear', 'not-assessed']),
  severity: Severity,
  category: z.string(),
  evidence: z.object({
    indicator: z.string().nullable(),
    comparatorSlugs: z.array(z.string()),
    relatedServices: z.array(z.string()),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  }),
  threshold: z.record(z.string(), z.union([z.number(), z.string()])),
  explanation: z.string(),
});
export type RuleCheck = z.infer<typeof RuleCheck>;

/** A recorded decision about one service (POST/GET /v1/portfolios/:id/services/:serviceId/decisions). */
export const PortfolioDecision = z.object({
  id: z.number().int(),
  portfolioId: z.string(),
  organisationId: z.string(),
  serviceId: z.string(),
  decision: Decision,
  rationale: z.string(),
  decidedBy: z.string(),
  decidedOn: z.string(),
  recommendation: Recommendation.optional(),
  reviewedOn: z.string().optional(),
  actor: z.string(),
  createdAt: z.string(),
});
export type PortfolioDecision = z.infer<typeof PortfolioDecision>;

/**
 * What a reader shows of a recorded decision: what was decided, why, by whom and when. Picked from the answer's
 * schema (never restated), so a client that needs no more can parse the answer with it.
 */
export const DecisionEntry = PortfolioDecision.pick({
  serviceId: true,
  decision: true,
  rationale: true,
  decidedBy: true,
  decidedOn: true,
  recommendation: true,
  reviewedOn: true,
});
export type DecisionEntry = z.infer<typeof DecisionEntry>;

/** GET /v1/portfolios/:id/services/:serviceId/decisions */
export const DecisionsResponse = z.object({ decisions: z.array(PortfolioDecision) });
export type DecisionsResponse = z.infer<typeof DecisionsResponse>;

export const ServiceReview = z.object({
  service: StoredPortfolioService,
  position: z.number().int(),
  flags: z.array(RuleCheck).describe('Fired checks only.'),
  checks: z.array(RuleCheck).describe('Every check, clear or not assessed included, each explained.'),
  recommendation: Recommendation,
  explanation: z.string(),
  latestDecision: PortfolioDecision.nullable()
    .optional()
    .describe('The latest recorded decision about the service; the API always sends it (null when none).'),
});
export type ServiceReview = z.infer<typeof ServiceReview>;

export const PortfolioMethodStamp = z.object({
  methodVersion: z.string(),
  deflatorRelease: z.string().nullable(),
  rulesVersion: z.string(),
});
export type PortfolioMethodStamp = z.infer<typeof PortfolioMethodStamp>;

/** GET /v1/portfolios/:id/review */
export const PortfolioReview = z.object({
  portfolio: z.object({ id: z.string(), name: z.string(), organisationId: z.string() }),
  results: z.array(ServiceReview),
  thresholds: z
    .record(z.string(), z.number())
    .describe('Every threshold the rules used (the council’s, defaults filling the rest).'),
  methodStamp: PortfolioMethodStamp,
  reviewedOn: z.string(),
  priceYear: z.string(),
});
export type PortfolioReview = z.infer<typeof PortfolioReview>;
