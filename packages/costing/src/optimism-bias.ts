import type { CostKind, Money } from '@costed/schema';
import { z } from 'zod';
import { CostingError } from './costing-error.ts';
import { toMoney } from './round-pence.ts';

/** How confident the appraiser is in the cost and benefit estimates. */
export const ConfidenceGrade = z
  .enum(['high', 'medium', 'low'])
  .describe('Confidence in the estimates: high (lower bound), medium (midpoint) or low (upper bound).');
export type ConfidenceGrade = z.infer<typeof ConfidenceGrade>;

/**
 * The Green Book supplementary guidance on optimism bias (Mott MacDonald 2002, Table 2) gives upper and
 * lower bounds by project type; none is for children's services. We map two of its rows:
 * - set-up costs (design, systems, recruitment before launch) ← "Equipment/Development – capital
 *   expenditure": lower 10%, upper 200%;
 * - recurring and one-off running costs ← "Outsourcing – operating expenditure (OPEX)": lower 0%, upper 41%.
 * High confidence takes the lower bound, low confidence the upper bound, medium the midpoint.
 * The guidance gives no benefit figures, so benefits are divided by (1 + the running-cost uplift): the
 * haircut is 1 − 1 ÷ (1 + uplift), shrinking benefits in the same proportion as running costs grow.
 */
export const OPTIMISM_BIAS_SOURCE = {
  title: 'Supplementary Green Book guidance: Optimism Bias (Mott MacDonald 2002 review), Table 2',
  url: 'https://www.gov.uk/government/publications/green-book-supplementary-guidance-optimism-bias',
  setUpRow: { category: 'Equipment/Development - Capital expenditure', lowerPercent: 10, upperPercent: 200 },
  runningRow: { category: 'Outsourcing - Operating expenditure (OPEX)', lowerPercent: 0, upperPercent: 41 },
} as const;

export interface OptimismBiasRates {
  /** Uplift on set-up costs, in percent (can exceed 100). */
  setUpCostUpliftPercent: number;
  /** Uplift on recurring and one-off costs, in percent. */
  runningCostUpliftPercent: number;
  /** Haircut on benefits, in percent (0–100). */
  benefitHaircutPercent: number;
  grade?: ConfidenceGrade;
}

export const OptimismBias = z
  .union([
    z.object({ grade: ConfidenceGrade }).strict(),
    z
      .object({
        setUpCostUpliftPercent: z.number().min(0).max(1000),
        runningCostUpliftPercent: z.number().min(0).max(1000),
        benefitHaircutPercent: z.number().min(0).max(100),
      })
      .strict(),
  ])
  .describe('Optimism bias: a confidence grade, or explicit uplift and haircut percentages.');
export type OptimismBias = z.infer<typeof OptimismBias>;

function pick(row: { lowerPercent: number; upperPercent: number }, grade: ConfidenceGrade): number {
  if (grade === 'high') return row.lowerPercent;
  if (grade === 'low') return row.upperPercent;
  return (row.lowerPercent + row.upperPercent) / 2;
}

/** The uplift and haircut percentages for a confidence grade (see OPTIMISM_BIAS_SOURCE for the mapping). */
export function optimismBiasForGrade(grade: ConfidenceGrade): OptimismBiasRates {
  const running = pick(OPTIMISM_BIAS_SOURCE.runningRow, grade);
  return {
    grade,
    setUpCostUpliftPercent: pick(OPTIMISM_BIAS_SOURCE.setUpRow, grade),
    runningCostUpliftPercent: running,
    benefitHaircutPercent: (1 - 1 / (1 + running / 100)) * 100,
  };
}

/** Resolves a grade or explicit rates to rates; no bias gives zeros. */
export function resolveOptimismBias(bias: OptimismBias | undefined): OptimismBiasRates {
  if (bias === undefined)
    return { setUpCostUpliftPercent: 0, runningCostUpliftPercent: 0, benefitHaircutPercent: 0 };
  if ('grade' in bias) return optimismBiasForGrade(bias.grade);
  for (const [name, value] of Object.entries(bias)) {
    if (!Number.isFinite(value) || value < 0 || (name === 'benefitHaircutPercent' && value > 100)) {
      throw new CostingError(
        'invalid-rate',
        `Optimism bias ${name} is ${value}%: uplifts are 0% or more and a haircut is 0% to 100%.`,
      );
    }
  }
  return { ...bias };
}

/** A cost with the optimism-bias uplift for its kind applied. */
export function upliftCost(cost: Money, kind: CostKind, bias: OptimismBias | undefined): Money {
  const rates = resolveOptimismBias(bias);
  const uplift = kind === 'set-up' ? rates.setUpCostUpliftPercent : rates.runningCostUpliftPercent;
  return toMoney(cost.pence * (1 + uplift / 100), cost.priceYear);
}

/** A benefit with the optimism-bias haircut applied. */
export function haircutBenefit(benefit: Money, bias: OptimismBias | undefined): Money {
  const rates = resolveOptimismBias(bias);
  return toMoney(benefit.pence * (1 - rates.benefitHaircutPercent / 100), benefit.priceYear);
}
