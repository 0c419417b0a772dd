import { BetterDirection, EvidenceResult, Observation, OutcomeUnit, PriceYear, Slug } from '@costed/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import { COMPARE_LIMITS, compareCaseStudies } from '../services/comparison.ts';
import { MethodStampSchema, MoneyOut } from './appraisals.ts';

const CompareQuery = z
  .object({
    slugs: z
      .string()
      .max(600)
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(Slug)
          .min(COMPARE_LIMITS.min, `Give ${COMPARE_LIMITS.min} to ${COMPARE_LIMITS.max} case-study slugs`)
          .max(COMPARE_LIMITS.max, `Give ${COMPARE_LIMITS.min} to ${COMPARE_LIMITS.max} case-study slugs`)
          .refine((a) => new Set(a).size === a.length, 'Give each case study once'),
      )
      .describe(
        `${COMPARE_LIMITS.min} to ${COMPARE_LIMITS.max} published case-study slugs, comma-separated.`,
      ),
    priceYear: PriceYear.describe('The price year every figure is converted to, e.g. 2024-25.'),
  })
  .strict();

const Impact = z.object({
  absoluteChange: z.number(),
  relativeChange: z.number().nullable(),
  improvement: z.number().describe('The change signed so that positive is better.'),
  direction: z.enum(['improved', 'worsened', 'unchanged']),
});

const ComparedCaseStudy = z.object({
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
    lines: z.array(
      z.object({
        label: z.string(),
        kind: z.string(),
        basis: z.string(),
        original: MoneyOut.nullable(),
        converted: MoneyOut.nullable(),
        excludedBecause: z.string().nullable().describe('Why the line is not in the total.'),
        notReportedReason: z.string().nullable(),
      }),
    ),
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
      impact: Impact.nullable(),
      improvementCount: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

const SharedIndicator = z.object({
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

const ComparisonResponse = z.object({
  priceYear: z.string(),
  deflatorRelease: z.string().nullable(),
  caseStudies: z.array(ComparedCaseStudy),
  sharedIndicators: z.array(SharedIndicator),
  notes: z.array(z.string()),
  stamp: MethodStampSchema,
});

/** Published case studies side by side at one price year. */
export const compareRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/compare',
    {
      config: { access: 'public' },
      schema: {
        tags: ['comparison'],
        summary: 'Compare 2–4 published case studies at one price year, with ICERs and dominance',
        querystring: CompareQuery,
        response: { 200: ComparisonResponse, ...COMMON_ERRORS, 422: ProblemSchema },
      },
    },
    async (request) => compareCaseStudies(app.services, request.query),
  );
};
