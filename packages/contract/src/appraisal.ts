import { AppraisalScenario } from '@costed/costing';
import { Agency, CostBasis, CostKind } from '@costed/schema';
import { z } from 'zod';
import { MethodStamp, MoneyOut } from './method-stamp.ts';
import { Warning } from './problem.ts';

export const AppraisalResult = z
  .object({
    label: z.string().nullable(),
    priceYear: z.string(),
    presentValueCosts: MoneyOut,
    presentValueBenefits: MoneyOut,
    npv: MoneyOut.describe('Net present value: PV benefits − PV costs.'),
    bcr: z.number().nullable().describe('Benefit-cost ratio; null when PV costs are zero.'),
    roi: z.number().nullable().describe('(PV benefits − PV costs) ÷ PV costs; null when PV costs are zero.'),
    discountedPaybackYear: z
      .number()
      .int()
      .nullable()
      .describe('First year from which the cumulative discounted net stays at or above zero.'),
    breakEvenEffect: z
      .object({
        scale: z.number().describe('Share of the assumed outcomes at which NPV is zero.'),
        benefits: z.array(
          z.object({ label: z.string(), indicator: z.string().nullable(), outcomesPerYear: z.number() }),
        ),
      })
      .nullable()
      .describe('The switching value of the effect; null when benefits are zero or negative.'),
    presentValueByAgency: z.record(Agency, MoneyOut).describe('PV of benefits by who gains.'),
    presentValueCashable: MoneyOut,
    presentValueNonCashable: MoneyOut,
    presentValueCostsByKind: z.record(CostKind, MoneyOut),
    valuations: z.array(
      z.object({
        benefit: z.string(),
        label: z.string(),
        unitCostId: z.string().nullable(),
        original: MoneyOut,
        uprated: MoneyOut,
        agency: Agency,
        cashable: z.boolean(),
      }),
    ),
    optimismBias: z.object({
      setUpCostUpliftPercent: z.number(),
      runningCostUpliftPercent: z.number(),
      benefitHaircutPercent: z.number(),
      grade: z.string().optional(),
    }),
    years: z
      .array(
        z.object({
          year: z.number().int(),
          discountFactor: z.number(),
          costs: MoneyOut,
          benefits: MoneyOut,
          cumulativeDiscountedNet: MoneyOut,
        }),
      )
      .describe('The year table: undiscounted costs and benefits, and the cumulative discounted net.'),
    stamp: MethodStamp,
  })
  .describe('A deterministic appraisal at the point values.');
export type AppraisalResult = z.infer<typeof AppraisalResult>;

export const SimulationResult = z
  .object({
    iterations: z.number().int(),
    seed: z.number().int(),
    probabilityNpvPositive: z.number().describe('Share of iterations with NPV above zero.'),
    npv: z.object({ p10: MoneyOut, p50: MoneyOut, p90: MoneyOut, mean: MoneyOut }),
    bcr: z
      .object({ p10: z.number(), p50: z.number(), p90: z.number() })
      .nullable()
      .describe('Over iterations whose PV costs are above zero; null when none are.'),
    bcrUndefinedIterations: z.number().int(),
    warnings: z.array(Warning),
    stamp: MethodStamp,
  })
  .describe('Monte Carlo results (seeded: the same seed gives the same figures).');
export type SimulationResult = z.infer<typeof SimulationResult>;

/** POST /v1/appraisals */
export const AppraisalResponse = z.object({
  appraisal: AppraisalResult,
  simulation: SimulationResult.nullable(),
  warnings: z.array(Warning),
  stamp: MethodStamp,
});
export type AppraisalResponse = z.infer<typeof AppraisalResponse>;

/** POST /v1/case-studies/:slug/localise */
export const LocalisationResponse = z.object({
  slug: z.string(),
  title: z.string(),
  source: z.object({ councils: z.array(z.object({ gssCode: z.string(), name: z.string() })) }),
  target: z.object({ gssCode: z.string(), name: z.string() }),
  priceYear: z.string(),
  population: z
    .object({ sourcePopulation: z.number(), targetPopulation: z.number(), ratio: z.number() })
    .describe("Children's population (0–17) of the source councils and the target; ratio = target ÷ source."),
  localisation: z.object({
    slug: z.string(),
    targetCouncil: z.string(),
    priceYear: z.string(),
    cohortSize: z.object({ original: z.number(), localised: z.number(), unit: z.string() }).nullable(),
    costs: z.array(
      z.object({
        label: z.string(),
        kind: CostKind,
        basis: CostBasis,
        original: MoneyOut.nullable().describe('Null where the source reports no figure: never zero.'),
        converted: MoneyOut.nullable(),
        localised: MoneyOut.nullable(),
        scaled: z.boolean().describe('Whether the line was scaled by the population ratio.'),
      }),
    ),
    savings: z.array(
      z.object({
        label: z.string(),
        cashable: z.string(),
        original: MoneyOut,
        converted: MoneyOut,
        localised: MoneyOut,
      }),
    ),
    benefits: z.array(
      z.object({
        indicator: z.string(),
        unitCostId: z.string(),
        localUnitCost: z.boolean(),
        unitValue: MoneyOut,
        sourceOutcomes: z.number().describe('Improvement in the source area, as children or cases.'),
        localisedOutcomes: z.number(),
        value: MoneyOut,
        agency: Agency,
        cashable: z.boolean(),
      }),
    ),
    totalBenefits: MoneyOut,
  }),
  scenario: AppraisalScenario.nullable().describe(
    'The scenario appraised; send it to POST /v1/appraisals to vary the assumptions.',
  ),
  appraisal: AppraisalResult.nullable().describe('Null when the case study reports no usable cost.'),
  simulation: SimulationResult.nullable(),
  breakEven: z
    .object({
      presentValueBenefits: MoneyOut,
      presentValueByAgency: z.record(Agency, MoneyOut),
      maximumCostPerYear: MoneyOut.describe(
        'The level yearly cost at which it would only just pay for itself.',
      ),
      years: z.number().int(),
    })
    .nullable()
    .describe('When no cost is reported: what the localised outcomes are worth, never a cost estimate.'),
  assumptions: z.array(z.string()),
  leftOut: z.array(z.object({ item: z.string(), reason: z.string() })),
  missing: z.array(z.string()).describe('What a full appraisal lacks, in plain words; empty when complete.'),
  warnings: z.array(Warning),
  stamp: MethodStamp,
});
export type LocalisationResponse = z.infer<typeof LocalisationResponse>;
