import { z } from 'zod';

const Percent = z.number().min(0).max(1000);

/**
 * One row of the Green Book optimism-bias table (data/reference/optimism-bias.yaml). It lives here rather
 * than in @costed/schema because only the evidence loader reads it so far; it is checked field by field so
 * that a typo in a percentage is caught like any other schema error.
 */
export const OptimismBiasRow = z
  .object({
    category: z.string().min(1).describe('Project category, e.g. "Standard buildings".'),
    durationUpperPercent: Percent.optional().describe('Upper bound of works-duration optimism bias, %.'),
    durationLowerPercent: Percent.optional().describe('Lower bound of works-duration optimism bias, %.'),
    costUpperPercent: Percent.describe('Upper bound of capital-expenditure optimism bias, %.'),
    costLowerPercent: Percent.describe('Lower bound of capital-expenditure optimism bias, %.'),
    sourceUrl: z.url().describe('Where the figures are published.'),
    sourceDetail: z.string().min(1).describe('Which table or paragraph of the source.'),
  })
  .strict()
  .describe('A Green Book optimism-bias row: upper and lower adjustments for one project category.');
export type OptimismBiasRow = z.infer<typeof OptimismBiasRow>;
