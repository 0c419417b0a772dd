import { ComparisonResponse } from '@costed/contract';
import { PriceYear, Slug } from '@costed/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import { COMPARE_LIMITS, compareCaseStudies } from '../services/comparison.ts';

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
