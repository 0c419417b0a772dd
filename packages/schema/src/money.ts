import { z } from 'zod';
import { PriceYear } from './price-year.ts';

/**
 * Money is an amount in integer pence **and** the price year it is expressed in. A figure without a
 * price year is not money: it cannot be compared or converted, so the schema refuses it.
 */
export const Money = z
  .object({
    pence: z
      .number()
      .int('Money is counted in whole pence: multiply pounds by 100 and round')
      .safe()
      .describe('The amount in whole pence (£1 = 100). Integer, so sums never drift.'),
    priceYear: PriceYear.describe('The price year the amount is expressed in (e.g. `2012-13`).'),
  })
  .strict()
  .describe('An amount of money in integer pence with its price year.');
export type Money = z.infer<typeof Money>;

/**
 * "Cost not reported" is not zero. Where a source gives no figure we record why, and every consumer must
 * treat it as unknown rather than free.
 */
export const NotReported = z
  .object({
    notReported: z.literal(true).describe('Always `true`: the source gives no figure for this item.'),
    reason: z
      .string()
      .min(3)
      .describe('Why there is no figure, e.g. "The article gives no cost for the implementation."'),
  })
  .strict()
  .describe('A figure the source does not report. Never read it as zero.');
export type NotReported = z.infer<typeof NotReported>;

export const MoneyOrNotReported = z
  .union([Money, NotReported])
  .describe('Either money (pence + price year) or an explicit "not reported" with the reason.');
export type MoneyOrNotReported = z.infer<typeof MoneyOrNotReported>;

export function isReported(value: MoneyOrNotReported): value is Money {
  return !('notReported' in value);
}

/** Pounds (possibly fractional) to whole pence, rounding half away from zero. */
export function poundsToPence(pounds: number): number {
  return Math.sign(pounds) * Math.round(Math.abs(pounds) * 100);
}

/** `£1,234,567.89`-style display of whole pence. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const body = pounds.toLocaleString('en-GB');
  return rest === 0 ? `${sign}£${body}` : `${sign}£${body}.${String(rest).padStart(2, '0')}`;
}
