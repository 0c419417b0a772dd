import type { Money } from '@costed/schema';
import type { AppraisalScenarioInput, MonteCarloOptions } from './appraisal-scenario.ts';
import { type AppraisalResult, appraiseCompiled, methodStampForCompiled } from './appraise.ts';
import {
  type AppraisalContext,
  benefitsPresentValue,
  compileScenario,
  costsPresentValue,
} from './compile-scenario.ts';
import { CostingError } from './costing-error.ts';
import { createPrng } from './create-prng.ts';
import { drawInto } from './distributions.ts';
import type { MethodStamp } from './method-stamp.ts';
import { toMoney } from './round-pence.ts';

export const DEFAULT_ITERATIONS = 10_000;

/** An iteration's BCR is unstable when PV costs are at most this share of PV benefits (BCR ≥ 100). */
export const UNSTABLE_BCR_COST_SHARE = 0.01;
/** Warn when at least this share of iterations have an unstable BCR. */
export const UNSTABLE_BCR_WARNING_SHARE = 0.01;

export interface SimulationWarning {
  code: 'unstable-bcr';
  message: string;
}

export interface SimulationResult {
  iterations: number;
  seed: number;
  /** Share of iterations with NPV above zero. */
  probabilityNpvPositive: number;
  npv: { p10: Money; p50: Money; p90: Money; mean: Money };
  /** Percentiles over the iterations whose PV costs are above zero; null when none are. */
  bcr: { p10: number; p50: number; p90: number } | null;
  /** Iterations left out of the BCR percentiles because PV costs were zero or less. */
  bcrUndefinedIterations: number;
  warnings: SimulationWarning[];
  /** The deterministic appraisal at the point values, for reference. */
  pointEstimate: AppraisalResult;
  stamp: MethodStamp;
}

/** Linear interpolation between closest ranks (R type 7) on an ascending array. */
export function percentileOfSorted(sorted: Float64Array, count: number, p: number): number {
  if (count === 0) return Number.NaN;
  const h = (count - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, count - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a === b ? a : a + (h - lo) * (b - a);
}

/**
 * Monte Carlo appraisal: draws every uncertain input `iterations` times from a seeded generator (same seed,
 * same result) and reports P(NPV > 0) and P10/P50/P90 of NPV and BCR.
 */
export function simulateAppraisal(
  scenario: AppraisalScenarioInput,
  context: AppraisalContext,
  options: MonteCarloOptions,
): SimulationResult {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 1_000_000) {
    throw new CostingError(
      'invalid-iterations',
      `${iterations} iterations cannot be run: give a whole number from 1 to 1,000,000 (10,000 is the default).`,
    );
  }
  const rng = createPrng(options.seed);
  const model = compileScenario(scenario, context);
  const values = new Float64Array(model.table.size);
  const npvs = new Float64Array(iterations);
  const bcrs = new Float64Array(iterations);
  let positive = 0;
  let unstable = 0;
  let bcrCount = 0;
  let sum = 0;
  for (let i = 0; i < iterations; i++) {
    drawInto(model.table, rng, values);
    // Same functions as the deterministic appraisal, called directly so no object is made per iteration.
    const pvc = costsPresentValue(model, values);
    const pvb = benefitsPresentValue(model, values);
    const npv = pvb - pvc;
    npvs[i] = npv;
    sum += npv;
    if (npv > 0) positive++;
    if (pvc > 0) bcrs[bcrCount++] = pvb / pvc;
    if (pvc <= UNSTABLE_BCR_COST_SHARE * Math.abs(pvb)) unstable++;
  }
  npvs.sort();
  const sortedBcrs = bcrs.subarray(0, bcrCount).sort();
  const py = model.priceYear;
  const warnings: SimulationWarning[] = [];
  if (unstable / iterations >= UNSTABLE_BCR_WARNING_SHARE) {
    warnings.push({
      code: 'unstable-bcr',
      message: `In ${unstable} of ${iterations} iterations the present value of costs was at or near zero (1% of benefits or less), so the BCR swings wildly: read the NPV instead of the BCR.`,
    });
  }
  return {
    iterations,
    seed: options.seed,
    probabilityNpvPositive: positive / iterations,
    npv: {
      p10: toMoney(percentileOfSorted(npvs, iterations, 0.1), py),
      p50: toMoney(percentileOfSorted(npvs, iterations, 0.5), py),
      p90: toMoney(percentileOfSorted(npvs, iterations, 0.9), py),
      mean: toMoney(sum / iterations, py),
    },
    bcr:
      bcrCount === 0
        ? null
        : {
            p10: percentileOfSorted(sortedBcrs, bcrCount, 0.1),
            p50: percentileOfSorted(sortedBcrs, bcrCount, 0.5),
            p90: percentileOfSorted(sortedBcrs, bcrCount, 0.9),
          },
    bcrUndefinedIterations: iterations - bcrCount,
    warnings,
    pointEstimate: appraiseCompiled(model, scenario.label ?? null),
    stamp: methodStampForCompiled(model, { seed: options.seed, iterations }),
  };
}
