import {
  AppraisalScenario,
  Discounting,
  LocalisationRequest,
  LocalUnitCost,
  MonteCarloOptions,
  OptimismBias,
  ScenarioBenefit,
  ScenarioCost,
  SroiAdjustmentInputs,
} from '@costed/costing';
import { Agency, CostBasis, CostKind, IndicatorId, Slug } from '@costed/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import { APPRAISAL_LIMITS, appraise, localise } from '../services/appraisal.ts';

const L = APPRAISAL_LIMITS;

// --- Shared response pieces (compare.ts uses them too) -------------------------------------------------

export const MoneyOut = z
  .object({ pence: z.number().int(), priceYear: z.string() })
  .describe('Whole pence at a price year.');

export const MethodStampSchema = z
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

const Warning = z.object({ code: z.string(), message: z.string() });

const AppraisalResultSchema = z
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
    stamp: MethodStampSchema,
  })
  .describe('A deterministic appraisal at the point values.');

const SimulationSchema = z
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
    stamp: MethodStampSchema,
  })
  .describe('Monte Carlo results (seeded: the same seed gives the same figures).');

// --- Request bodies, with the API's limits ------------------------------------------------------------

const LimitedMonteCarlo = MonteCarloOptions.extend({
  iterations: z
    .number()
    .int()
    .min(1)
    .max(L.maxIterations)
    .default(10_000)
    .describe(
      `Draws to make (default 10,000, at most ${L.maxIterations.toLocaleString('en-GB')}: the limit keeps one request from holding the server).`,
    ),
}).describe('Run a seeded Monte Carlo simulation as well.');

const LimitedScenario = AppraisalScenario.extend({
  horizonYears: z
    .number()
    .int()
    .min(1)
    .max(L.maxHorizonYears)
    .describe(`Years appraised: year 0 to year horizonYears − 1 (at most ${L.maxHorizonYears}).`),
  costs: z.array(ScenarioCost).max(L.maxCosts).describe(`At most ${L.maxCosts} costs.`),
  benefits: z.array(ScenarioBenefit).max(L.maxBenefits).describe(`At most ${L.maxBenefits} benefits.`),
});

const AppraisalBody = z
  .object({ scenario: LimitedScenario, monteCarlo: LimitedMonteCarlo.optional() })
  .strict()
  .describe('A scenario to appraise and, optionally, simulate.');

const AppraisalResponse = z.object({
  appraisal: AppraisalResultSchema,
  simulation: SimulationSchema.nullable(),
  warnings: z.array(Warning),
  stamp: MethodStampSchema,
});

const LocaliseBody = LocalisationRequest.extend({
  localUnitCosts: z.array(LocalUnitCost).max(50).default([]),
  valuations: z
    .array(z.object({ indicator: IndicatorId, unitCostId: z.string().min(1) }).strict())
    .max(50)
    .default([])
    .describe(
      'Which unit cost values one avoided case of each outcome (default: the unit costs the indicator taxonomy lists).',
    ),
  horizonYears: z
    .number()
    .int()
    .min(2)
    .max(L.maxHorizonYears)
    .default(L.defaultLocalisationHorizonYears)
    .describe(
      `Years appraised (default ${L.defaultLocalisationHorizonYears}, at most ${L.maxHorizonYears}); outcomes count from year 1.`,
    ),
  adjustments: SroiAdjustmentInputs.optional().describe(
    'Deadweight, displacement, attribution and drop-off applied to every localised outcome (default none).',
  ),
  discounting: Discounting.optional(),
  optimismBias: OptimismBias.optional(),
  monteCarlo: LimitedMonteCarlo.optional(),
}).describe('Localise a case study to another council at a chosen price year, and appraise it there.');

const LocalisationResponse = z.object({
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
  appraisal: AppraisalResultSchema.nullable().describe('Null when the case study reports no usable cost.'),
  simulation: SimulationSchema.nullable(),
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
  stamp: MethodStampSchema,
});

/** Appraisal of a caller's scenario, and localisation of a published case study to another council. */
export const appraisalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/appraisals',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appraisal'],
        summary: 'Appraise a scenario: NPV, BCR, ROI, payback, break-even, and a seeded simulation if asked',
        description: `Cost-benefit appraisal with Green Book discounting. Limits: at most ${L.maxIterations.toLocaleString('en-GB')} Monte Carlo iterations, a ${L.maxHorizonYears}-year horizon, ${L.maxCosts} costs and ${L.maxBenefits} benefits, and at most ${L.maxSimulationWork.toLocaleString('en-GB')} draws in all (iterations × uncertain inputs, each year of an uncertain drop-off counting as a tenth); above a limit the answer is a 400 naming the field.`,
        body: AppraisalBody,
        response: { 200: AppraisalResponse, ...COMMON_ERRORS, 422: ProblemSchema },
      },
    },
    async (request) => appraise(app.services, request.body),
  );

  app.post(
    '/v1/case-studies/:slug/localise',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appraisal'],
        summary: 'What a published case study might return in another council, at a chosen price year',
        description:
          "Scales the case study by children's population and appraises it there. Unreported costs are never read as zero: without a cost the appraisal is left out and the break-even cost is given instead; a study with no outcome that can be valued is refused (422).",
        params: z.object({ slug: Slug }),
        body: LocaliseBody,
        response: { 200: LocalisationResponse, ...COMMON_ERRORS, 422: ProblemSchema },
      },
    },
    async (request) => localise(app.services, request.params.slug, request.body),
  );
};
