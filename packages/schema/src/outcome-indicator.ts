import { z } from 'zod';
import { PolicyStrand } from './policy-strand.ts';

export const IndicatorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'An indicator id is lower-case letters, digits and hyphens')
  .describe('Identifier of an outcome indicator in data/reference/indicators.yaml.');
export type IndicatorId = z.infer<typeof IndicatorId>;

export const OutcomeUnit = z
  .enum(['count', 'percent', 'rate-per-10000', 'rate-per-1000', 'score'])
  .describe('Unit of the indicator: a count, a percentage, a rate per 10,000 or 1,000 children, or a score.');
export type OutcomeUnit = z.infer<typeof OutcomeUnit>;

export const BetterDirection = z
  .enum(['higher', 'lower'])
  .describe('Which way is better: `lower` for care proceedings, `higher` for GCSE attainment.');
export type BetterDirection = z.infer<typeof BetterDirection>;

export const OutcomeIndicator = z
  .object({
    id: IndicatorId,
    name: z.string().min(3).describe('Plain name, e.g. "Care proceedings for children under 2".'),
    description: z.string().min(3).describe('What is measured and how.'),
    unit: OutcomeUnit,
    betterDirection: BetterDirection,
    policyStrand: PolicyStrand.optional(),
    synonyms: z.array(z.string()).default([]).describe('Other names commissioners use for it.'),
    unitCostIds: z
      .array(z.string())
      .default([])
      .describe('Unit costs (data/reference/unit-costs) that value one avoided or achieved case.'),
  })
  .strict()
  .describe('An outcome indicator in the taxonomy.');
export type OutcomeIndicator = z.infer<typeof OutcomeIndicator>;
