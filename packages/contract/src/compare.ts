import { BetterDirection, EvidenceResult, Observation, OutcomeUnit } from '@costed/schema';
import { z } from 'zod';
import { MethodStamp, MoneyOut } from './method-stamp.ts';

export const OutcomeImpact = z.object({
  absoluteChange: z.number(),
  relativeChange: z.number().nullable(),
  improvement: z.number().describe('The change signed so that positive is better.'),
  direction: z.enum(['improved', 'worsened', 'unchanged']),
});
export type OutcomeImpact = z.infer<typeof OutcomeImpact>;

export const ComparedCostLine = z.object({
  label: z.string(),
  kind: z.string(),
  basis: z.string(),
  original: MoneyOut.nullable(),
  converted: MoneyOut.nullable(),
  excludedBecause: z.string().nullable().describe('Why the line is not in the total.'),
  notReportedReason: z.string().nullable(),
});
export type ComparedCostLine = z.infer<typeof ComparedCostLine>;

export const ComparedCaseStudy = z.object({
  slug: z.string(),
  title: z.string(),
  councils: z.array(z.object({ gssCode: z.string(), name: z.string() })),
  intervention: z.string(),
  policyStrand: z.string(),
  evidence: z.object({
    level: z.number().int(),
    levelName: z.string(),
    result: EvidenceResult,
    resultLabel: z.string(),
    design: z.string(),
    independence: z.string(),
  }),
  costs: z.object({
    lines: z.array(ComparedCostLine),
    total: MoneyOut.nullable().describe(
      'Null when nothing can be totalled; a floor when any line is not reported.',
    ),
    perParticipant: MoneyOut.nullable(),
    perParticipantBasis: z.enum(['reported-per-participant', 'total-divided-by-cohort']).nullable(),
    notReported: z
      .array(z.string())
      .describe('Cost lines the source does not report (never counted as zero).'),
    complete: z.boolean(),
  }),
  outcomes: z.array(
    z.object({
      indicator: z.string(),
      name: z.string(),
      unit: OutcomeUnit,
      betterDirection: BetterDirection,
      baseline: Observation.nullable(),
      followUp: Observation,
      impact: OutcomeImpact.nullable(),
      improvementCount: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type ComparedCaseStudy = z.infer<typeof ComparedCaseStudy>;

export const SharedIndicator = z.object({
  indicator: z.string(),
  name: z.string(),
  effectUnit: z.string(),
  options: z.array(
    z.object({
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
    z.object({
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
  frontier: z.array(
    z.object({ slug: z.string(), cost: MoneyOut, effect: z.number(), icer: MoneyOut.nullable() }),
  ),
  readings: z.array(z.string()).describe('Plain-English reading of dominance and the frontier.'),
});
export type SharedIndicator = z.infer<typeof SharedIndicator>;

/** GET /v1/compare */
export const ComparisonResponse = z.object({
  priceYear: z.string(),
  deflatorRelease: z.string().nullable(),
  caseStudies: z.array(ComparedCaseStudy),
  sharedIndicators: z.array(SharedIndicator),
  notes: z.array(z.string()),
  stamp: MethodStamp,
});
export type ComparisonResponse = z.infer<typeof ComparisonResponse>;
