import type { Money, PriceYear } from '@costed/schema';
import { CostingError } from './costing-error.ts';

/**
 * The one rounding rule: round half away from zero to whole pence. Calculations carry fractional pence in
 * floating point and call this only when a figure leaves the package, so rounding never compounds.
 */
export function roundPence(pence: number): number {
  if (!Number.isFinite(pence)) {
    throw new CostingError(
      'invalid-amount',
      `An amount of ${pence} pence is not a finite number: check the inputs for a division by zero or a missing value.`,
    );
  }
  const rounded = Math.sign(pence) * Math.round(Math.abs(pence));
  // Math.sign(-0.2) * 0 is -0; money has no negative zero.
  return rounded === 0 ? 0 : rounded;
}

/** Builds output Money from fractional pence, applying the rounding rule once. */
export function toMoney(pence: number, priceYear: PriceYear): Money {
  const rounded = roundPence(pence);
  if (!Number.isSafeInteger(rounded)) {
    throw new CostingError(
      'invalid-amount',
      `An amount of ${rounded} pence is too large to count exactly: check the units (pence, not pounds × 100 twice).`,
    );
  }
  return { pence: rounded, priceYear };
}
