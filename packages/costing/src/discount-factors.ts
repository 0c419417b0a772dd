import type { DiscountBand, DiscountSchedule, Money } from '@costed/schema';
import { CostingError } from './costing-error.ts';
import { createMethodStamp, type MethodStamp } from './method-stamp.ts';
import { toMoney } from './round-pence.ts';

/**
 * What discounting needs from a schedule. A Green Book `DiscountSchedule` fits; so does a flat rate made by
 * `flatRateSchedule`.
 */
export interface DiscountBasis {
  id: string;
  edition: string;
  bands: readonly DiscountBand[];
}

/** A schedule with one rate for every year, for sensitivity tests and non-Green Book appraisals. */
export function flatRateSchedule(ratePercent: number): DiscountBasis {
  checkRate(ratePercent, 'The flat discount rate');
  return {
    id: `flat-${ratePercent}`,
    edition: `Custom flat rate of ${ratePercent}% a year`,
    bands: [{ fromYear: 0, toYear: null, ratePercent }],
  };
}

export function checkRate(ratePercent: number, what: string): void {
  if (!Number.isFinite(ratePercent) || ratePercent < 0 || ratePercent > 100) {
    throw new CostingError(
      'invalid-rate',
      `${what} is ${ratePercent}%: give a percentage from 0 to 100 (e.g. 3.5 for 3.5%).`,
      { ratePercent },
    );
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 0) {
    throw new CostingError(
      'invalid-year',
      `Year ${year} is not an appraisal year: years are whole numbers counted from 0 (now).`,
      { year },
    );
  }
}

function rateForYear(schedule: DiscountBasis, year: number): number {
  for (const band of schedule.bands) {
    if (year >= band.fromYear && (band.toYear === null || year <= band.toYear)) return band.ratePercent;
  }
  throw new CostingError(
    'invalid-rate',
    `Discount schedule ${schedule.id} has no band covering year ${year}: its bands must run from year 0 with an open-ended last band.`,
    { year, scheduleId: schedule.id },
  );
}

/**
 * Discount factors for years 0..lastYear. Year 0 is 1; each later year divides the previous factor by
 * (1 + that year's band rate), so factors compound band by band as the Green Book requires (the year-40
 * standard factor is 1 ÷ (1.035^30 × 1.03^10), not 1 ÷ 1.035^40).
 */
export function discountFactors(lastYear: number, schedule: DiscountBasis): Float64Array {
  checkYear(lastYear);
  for (const band of schedule.bands) checkRate(band.ratePercent, `The rate in schedule ${schedule.id}`);
  const factors = new Float64Array(lastYear + 1);
  factors[0] = 1;
  let factor = 1;
  for (let year = 1; year <= lastYear; year++) {
    factor /= 1 + rateForYear(schedule, year) / 100;
    factors[year] = factor;
  }
  return factors;
}

/** The discount factor of one year (see `discountFactors`). */
export function discountFactor(year: number, schedule: DiscountBasis): number {
  return discountFactors(year, schedule)[year] as number;
}

export interface PresentValue {
  money: Money;
  /** The factor applied to each year, index = year. */
  factors: number[];
  stamp: MethodStamp;
}

/**
 * Present value of a stream of money indexed by year (index 0 = year 0, undiscounted). All amounts must
 * share one price year: convert them first with `convertPriceYear`.
 */
export function presentValue(
  stream: readonly Money[],
  schedule: DiscountBasis | DiscountSchedule,
  deflatorRelease: string | null = null,
): PresentValue {
  const first = stream[0];
  if (!first) {
    throw new CostingError('invalid-amount', 'The cost stream is empty: give at least the year-0 amount.');
  }
  const factors = discountFactors(stream.length - 1, schedule);
  let total = 0;
  stream.forEach((money, year) => {
    if (money.priceYear !== first.priceYear) {
      throw new CostingError(
        'price-year-mismatch',
        `Year ${year} is at ${money.priceYear} prices but year 0 is at ${first.priceYear}: convert every amount to one price year before discounting.`,
      );
    }
    total += money.pence * (factors[year] as number);
  });
  return {
    money: toMoney(total, first.priceYear),
    factors: Array.from(factors),
    stamp: createMethodStamp({
      deflatorRelease,
      discountSchedule: { id: schedule.id, edition: schedule.edition },
    }),
  };
}
