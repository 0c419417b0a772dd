import { Agency, CostKind, IndicatorId, Money, PriceYear } from '@costed/schema';
import { z } from 'zod';
import { Uncertain } from './distributions.ts';
import { OptimismBias } from './optimism-bias.ts';

/** Money whose amount may be uncertain: pence as a number or a distribution, with its price year. */
export const UncertainMoney = z
  .object({
    pence: Uncertain.describe('Amount in pence (a number or a distribution over pence).'),
    priceYear: PriceYear,
  })
  .strict()
  .describe('An amount in pence, possibly uncertain, with its price year.');
export type UncertainMoney = z.infer<typeof UncertainMoney>;

export const ScenarioCost = z
  .object({
    label: z.string().min(1),
    amount: UncertainMoney,
    kind: CostKind,
    basis: z
      .enum(['total', 'per-participant'])
      .default('total')
      .describe('`total` for the whole cohort, `per-participant` to multiply by the participants.'),
    startYear: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Year the cost falls in (set-up, one-off) or starts (recurring); year 0 is now.'),
    endYear: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Last year of a recurring cost, inclusive; defaults to the last year of the horizon.'),
  })
  .strict()
  .describe('A cost of the option appraised; recurring amounts are per year.');
export type ScenarioCost = z.infer<typeof ScenarioCost>;

export const Valuation = z
  .union([
    z.object({ unitCostId: z.string().min(1).describe('A unit cost in the reference table.') }).strict(),
    z
      .object({
        label: z.string().min(1),
        money: Money,
        agency: Agency,
        cashable: z.boolean(),
      })
      .strict(),
  ])
  .describe('What one avoided (or achieved) outcome is worth: a reference unit cost, or a sourced value.');
export type Valuation = z.infer<typeof Valuation>;

export const SroiAdjustmentInputs = z
  .object({
    deadweightPercent: Uncertain.default(0).describe('Share that would have happened anyway (0–100).'),
    displacementPercent: Uncertain.default(0).describe('Share that moved a problem elsewhere (0–100).'),
    attributionPercent: Uncertain.default(0).describe('Share owed to others’ work (0–100).'),
    dropOffPercent: Uncertain.default(0).describe(
      'Yearly decline of the effect after its first year (0–100).',
    ),
  })
  .strict();
export type SroiAdjustmentInputs = z.infer<typeof SroiAdjustmentInputs>;

export const ScenarioBenefit = z
  .object({
    label: z.string().min(1),
    indicator: IndicatorId.optional(),
    outcomesPerYear: Uncertain.describe(
      'Gross outcomes avoided (or achieved) each year, in the units of the valuation (e.g. child-years of care).',
    ),
    valuation: Valuation,
    valueMultiplier: Uncertain.default(1).describe('Uncertainty around the unit value (1 = as sourced).'),
    startYear: z.number().int().min(0).default(1).describe('First year the effect is felt.'),
    durationYears: z.number().int().min(1).describe('How many years the effect lasts.'),
    adjustments: SroiAdjustmentInputs.default({
      deadweightPercent: 0,
      displacementPercent: 0,
      attributionPercent: 0,
      dropOffPercent: 0,
    }),
  })
  .strict()
  .describe('A benefit: outcomes avoided, valued with a sourced unit cost, after SROI adjustments.');
export type ScenarioBenefit = z.infer<typeof ScenarioBenefit>;

export const Discounting = z
  .union([
    z.object({ scheduleId: z.enum(['standard', 'health', 'reduced']) }).strict(),
    z.object({ flatRatePercent: z.number().min(0).max(100) }).strict(),
  ])
  .describe('A Green Book schedule from the reference data, or a custom flat rate.');
export type Discounting = z.infer<typeof Discounting>;

export const AppraisalScenario = z
  .object({
    label: z.string().optional(),
    priceYear: PriceYear.describe('The price year every result is expressed in.'),
    horizonYears: z
      .number()
      .int()
      .min(1)
      .max(500)
      .describe('Years appraised: year 0 to year horizonYears − 1.'),
    participants: z.number().int().min(0).default(0).describe('Children or families served.'),
    discounting: Discounting.default({ scheduleId: 'standard' }),
    optimismBias: OptimismBias.optional(),
    costs: z.array(ScenarioCost),
    benefits: z.array(ScenarioBenefit),
  })
  .strict()
  .describe('One option to appraise: its costs, its benefits and how to discount them.');
/** A scenario after parsing (defaults applied). */
export type AppraisalScenario = z.infer<typeof AppraisalScenario>;
/** A scenario as a caller writes it (defaults optional); every function accepts this. */
export type AppraisalScenarioInput = z.input<typeof AppraisalScenario>;

export const MonteCarloOptions = z
  .object({
    seed: z.number().int().min(0).max(0xffffffff).describe('Seed of the generator; record it to reproduce.'),
    iterations: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .strict();
export type MonteCarloOptions = z.input<typeof MonteCarloOptions>;
