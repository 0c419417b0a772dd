import { AppraisalResponse, LocalisationResponse } from '@costed/contract';
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
import { IndicatorId, Slug } from '@costed/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import { APPRAISAL_LIMITS, appraise, localise } from '../services/appraisal.ts';

const L = APPRAISAL_LIMITS;

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
