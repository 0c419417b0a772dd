import type { Money, PriceYear } from '@costed/schema';
import { CostingError } from './costing-error.ts';
import { checkRate } from './discount-factors.ts';
import { createMethodStamp, type MethodStamp } from './method-stamp.ts';
import { toMoney } from './round-pence.ts';

/** The Green Book STPR for years 0–30, used to annualise set-up costs unless another rate is given. */
export const DEFAULT_ANNUALISATION_RATE_PERCENT = 3.5;

function annuityFactor(lifeYears: number, ratePercent: number): number {
  if (!(lifeYears > 0) || !Number.isFinite(lifeYears)) {
    throw new CostingError(
      'invalid-year',
      `A life of ${lifeYears} years cannot be annualised: give the number of years the set-up investment serves (more than 0).`,
    );
  }
  checkRate(ratePercent, 'The annualisation rate');
  const r = ratePercent / 100;
  // Present value of 1 a year for n years, paid at each year end.
  return r === 0 ? lifeYears : (1 - (1 + r) ** -lifeYears) / r;
}

/**
 * Equivalent annual cost: the level yearly payment over `lifeYears` whose present value at `ratePercent`
 * equals the set-up cost (A × r ÷ (1 − (1 + r)^−n); A ÷ n at 0%).
 */
export function equivalentAnnualCost(
  setUp: Money,
  lifeYears: number,
  ratePercent: number = DEFAULT_ANNUALISATION_RATE_PERCENT,
): Money {
  return toMoney(setUp.pence / annuityFactor(lifeYears, ratePercent), setUp.priceYear);
}

export interface UnitCostInputs {
  setUpCosts: readonly Money[];
  recurringCostsPerYear: readonly Money[];
  /** Years the service ran (or will run). */
  years: number;
  participants: number;
  /** Participants with a successful outcome; absent when unknown. */
  successfulOutcomes?: number;
  /** Years the set-up investment serves; defaults to `years`. */
  setUpLifeYears?: number;
  annualisationRatePercent?: number;
}

export interface UnitCostSummary {
  setUp: Money;
  recurringPerYear: Money;
  /** Set-up plus recurring cost over all years, undiscounted. */
  total: Money;
  /** Set-up spread over its life as an equivalent annual cost. */
  equivalentAnnualSetUpCost: Money;
  /** Equivalent annual set-up cost plus recurring cost per year. */
  perYear: Money;
  /** Null when there were no participants. */
  perParticipant: Money | null;
  /** Null when the number of successes is unknown or zero. */
  perSuccessfulOutcome: Money | null;
  stamp: MethodStamp;
}

function sumPence(list: readonly Money[], priceYear: PriceYear | undefined): number {
  let total = 0;
  for (const m of list) {
    if (priceYear !== undefined && m.priceYear !== priceYear) {
      throw new CostingError(
        'price-year-mismatch',
        `Costs are at ${priceYear} and ${m.priceYear} prices: convert them to one price year with convertPriceYear first.`,
      );
    }
    total += m.pence;
  }
  return total;
}

function checkCount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new CostingError('negative-participants', `${what} is ${value}: give a count of 0 or more.`, {
      value,
    });
  }
}

/** Total, per-year, per-participant and per-successful-outcome costs of a service. */
export function summariseUnitCosts(input: UnitCostInputs): UnitCostSummary {
  const priceYear = input.setUpCosts[0]?.priceYear ?? input.recurringCostsPerYear[0]?.priceYear;
  if (priceYear === undefined) {
    throw new CostingError(
      'missing-price-year',
      'No costs were given: give at least one set-up or recurring cost.',
    );
  }
  checkCount(input.participants, 'The number of participants');
  if (input.successfulOutcomes !== undefined) checkCount(input.successfulOutcomes, 'The number of successes');
  if (!(input.years > 0)) {
    throw new CostingError(
      'invalid-year',
      `The service ran for ${input.years} years: give a duration above 0.`,
    );
  }
  const setUp = sumPence(input.setUpCosts, priceYear);
  const recurring = sumPence(input.recurringCostsPerYear, priceYear);
  const total = setUp + recurring * input.years;
  const annualSetUp =
    setUp /
    annuityFactor(
      input.setUpLifeYears ?? input.years,
      input.annualisationRatePercent ?? DEFAULT_ANNUALISATION_RATE_PERCENT,
    );
  return {
    setUp: toMoney(setUp, priceYear),
    recurringPerYear: toMoney(recurring, priceYear),
    total: toMoney(total, priceYear),
    equivalentAnnualSetUpCost: toMoney(annualSetUp, priceYear),
    perYear: toMoney(annualSetUp + recurring, priceYear),
    perParticipant: input.participants > 0 ? toMoney(total / input.participants, priceYear) : null,
    perSuccessfulOutcome:
      input.successfulOutcomes !== undefined && input.successfulOutcomes > 0
        ? toMoney(total / input.successfulOutcomes, priceYear)
        : null,
    stamp: createMethodStamp({ deflatorRelease: null }),
  };
}
