import { EvidenceLevel } from '@costed/schema';
import { z } from 'zod';

/**
 * The thresholds every rule uses, configurable per portfolio and recorded with every review so a result can
 * be explained and reproduced later. Defaults are deliberately cautious: they flag for a closer look, and
 * the recommendation table (README) decides how much a flag weighs.
 */
export const ReviewThresholds = z
  .object({
    outcomeTolerancePercent: z
      .number()
      .min(0)
      .max(100)
      .default(5)
      .describe(
        'outcomes-not-improving: an indicator counts as improving only when it moved the better way by more than this % of its baseline (default 5).',
      ),
    costPercentile: z
      .number()
      .min(50)
      .max(100)
      .default(75)
      .describe(
        'cost-per-outcome-above-upper-quartile: the percentile of comparable evidence a service must exceed (default 75, the upper quartile).',
      ),
    minComparators: z
      .number()
      .int()
      .min(2)
      .default(4)
      .describe(
        'cost-per-outcome-above-upper-quartile: fewest comparators on the same indicator for a quartile to mean anything (default 4).',
      ),
    dominanceCostMarginPercent: z
      .number()
      .min(0)
      .max(99)
      .default(10)
      .describe(
        'dominated: an alternative must cost at least this % less per participant, so differences within cost uncertainty do not count (default 10).',
      ),
    dominanceMinEvidenceLevel: EvidenceLevel.default(2).describe(
      'dominated: the weakest evidence level an alternative may have to count (default 2, compared).',
    ),
    weakEvidenceMaxLevel: EvidenceLevel.default(1).describe(
      'weak-evidence-after-n-years: evidence at or below this level is weak (default 1, before and after).',
    ),
    weakEvidenceAfterYears: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe(
        'weak-evidence-after-n-years: years of delivery after which weak evidence is flagged (default 3).',
      ),
    duplicateKeywordOverlap: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe(
        'duplicate-provision: Jaccard overlap of cohort-description keywords that counts as the same cohort (default 0.3).',
      ),
    contractWindowMonths: z
      .number()
      .int()
      .min(0)
      .max(120)
      .default(12)
      .describe(
        'contract-ending-soon: months before a contract ends that open the decision window (default 12).',
      ),
  })
  .strict()
  .describe('Thresholds of the decommissioning rules; recorded with every review.');
export type ReviewThresholds = z.output<typeof ReviewThresholds>;
export type ReviewThresholdsInput = z.input<typeof ReviewThresholds>;

/** The documented defaults, as a plain object. */
export const DEFAULT_REVIEW_THRESHOLDS: ReviewThresholds = ReviewThresholds.parse({});
