import { z } from 'zod';

/**
 * Whole pence at a price year, as the API writes computed money (conversions, appraisals, comparisons).
 * Stored case-study money is `Money` from @costed/schema; this is the output form, so it is not strict.
 */
export const MoneyOut = z
  .object({ pence: z.number().int(), priceYear: z.string() })
  .describe('Whole pence at a price year.');
export type MoneyOut = z.infer<typeof MoneyOut>;

/** Enough to reproduce every computed figure; the site prints it beside the figures. */
export const MethodStamp = z
  .object({
    methodVersion: z.string().describe('Version of the costing method; bumped when a figure could change.'),
    deflatorRelease: z.string().nullable().describe('The HM Treasury GDP deflator release used.'),
    discountSchedule: z
      .object({ id: z.string(), edition: z.string() })
      .optional()
      .describe('The discount schedule applied.'),
    seed: z.number().int().optional().describe('Seed of the Monte Carlo generator.'),
    iterations: z.number().int().optional().describe('Monte Carlo iterations.'),
  })
  .describe('Enough to reproduce every figure: method version, deflator release, discount schedule, seed.');
export type MethodStamp = z.infer<typeof MethodStamp>;

/** The appraisal and comparison routes' name for the same stamp. */
export const AppraisalStamp = MethodStamp;
export type AppraisalStamp = MethodStamp;
