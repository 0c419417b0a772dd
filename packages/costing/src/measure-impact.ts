import type { OutcomeMeasure } from '@costed/schema';
import { CostingError } from './costing-error.ts';
import { checkRate } from './discount-factors.ts';

export interface Impact {
  /** Follow-up minus baseline, in the measure's unit (its sign says nothing about better or worse). */
  absoluteChange: number;
  /** absoluteChange ÷ baseline; null when the baseline is 0. */
  relativeChange: number | null;
  /** The change signed so that positive is better, whichever direction the indicator improves in. */
  improvement: number;
  direction: 'improved' | 'worsened' | 'unchanged';
}

/** Change from baseline to follow-up, aware of which direction is better. */
export function measureImpact(
  outcome: Pick<OutcomeMeasure, 'baseline' | 'followUp' | 'betterDirection' | 'indicator'>,
): Impact {
  if (!outcome.baseline) {
    throw new CostingError(
      'missing-baseline',
      `Outcome ${outcome.indicator} has no baseline, so its change cannot be measured: add the value before the change, or leave it out of the appraisal.`,
      { indicator: outcome.indicator },
    );
  }
  const absoluteChange = outcome.followUp.value - outcome.baseline.value;
  const improvement = outcome.betterDirection === 'higher' ? absoluteChange : -absoluteChange;
  return {
    absoluteChange,
    relativeChange: outcome.baseline.value === 0 ? null : absoluteChange / outcome.baseline.value,
    improvement: improvement === 0 ? 0 : improvement,
    direction: improvement > 0 ? 'improved' : improvement < 0 ? 'worsened' : 'unchanged',
  };
}

/**
 * The improvement as a number of children (or cases): a count stays as it is; a percentage or rate is
 * turned into a count with the measure's population. Positive means more children with the better outcome.
 */
export function improvementAsCount(
  outcome: Pick<
    OutcomeMeasure,
    'baseline' | 'followUp' | 'betterDirection' | 'indicator' | 'unit' | 'population'
  >,
): number {
  const { improvement } = measureImpact(outcome);
  if (outcome.unit === 'count') return improvement;
  if (outcome.unit === 'score') {
    throw new CostingError(
      'not-countable',
      `Outcome ${outcome.indicator} is a score, which cannot be turned into a number of children: value it another way.`,
    );
  }
  if (outcome.population === undefined) {
    throw new CostingError(
      'not-countable',
      `Outcome ${outcome.indicator} is a ${outcome.unit} without a population: add how many children the values describe.`,
    );
  }
  const per = outcome.unit === 'percent' ? 100 : outcome.unit === 'rate-per-1000' ? 1000 : 10_000;
  return (improvement * outcome.population) / per;
}

/** SROI adjustments in percent (0–100). Drop-off applies from the second year of an effect onwards. */
export interface SroiAdjustments {
  deadweightPercent?: number;
  displacementPercent?: number;
  attributionPercent?: number;
  dropOffPercent?: number;
}

/** The share of a gross effect left after deadweight, displacement and attribution. */
export function sroiRetainedShare(adjustments: SroiAdjustments): number {
  const d = adjustments.deadweightPercent ?? 0;
  const s = adjustments.displacementPercent ?? 0;
  const a = adjustments.attributionPercent ?? 0;
  checkRate(d, 'Deadweight');
  checkRate(s, 'Displacement');
  checkRate(a, 'Attribution');
  return (1 - d / 100) * (1 - s / 100) * (1 - a / 100);
}

/**
 * Net effect in each year of an effect lasting `years` years: gross × (1 − deadweight) × (1 − displacement)
 * × (1 − attribution) × (1 − drop-off)^k, where k = 0 in the first year.
 */
export function applySroiAdjustments(gross: number, adjustments: SroiAdjustments, years: number): number[] {
  if (!Number.isInteger(years) || years < 1) {
    throw new CostingError(
      'invalid-year',
      `An effect lasting ${years} years cannot be adjusted: give whole years, at least 1.`,
    );
  }
  const drop = adjustments.dropOffPercent ?? 0;
  checkRate(drop, 'Drop-off');
  const first = gross * sroiRetainedShare(adjustments);
  const out: number[] = [];
  let value = first;
  for (let k = 0; k < years; k++) {
    out.push(value);
    value *= 1 - drop / 100;
  }
  return out;
}
