// The public surface. Compiled-scenario internals stay private so they can change without a major version.
export {
  AppraisalScenario,
  type AppraisalScenarioInput,
  Discounting,
  MonteCarloOptions,
  ScenarioBenefit,
  ScenarioCost,
  SroiAdjustmentInputs,
  UncertainMoney,
  Valuation,
} from './appraisal-scenario.ts';
export { type AppraisalResult, type AppraisalYear, appraise } from './appraise.ts';
export {
  ComparisonOption,
  type DominanceStatus,
  type FrontierResult,
  findFrontier,
  type IcerResult,
  incrementalCostEffectiveness,
} from './compare-options.ts';
export type { AppraisalContext, ResolvedValuation } from './compile-scenario.ts';
export {
  convertPriceYear,
  createPriceConverter,
  type DeflatorInput,
  type PriceConversion,
  type PriceConverter,
} from './convert-price-year.ts';
export { CostingError, type CostingErrorCode, isCostingError } from './costing-error.ts';
export { createPrng, type Prng } from './create-prng.ts';
export {
  type DiscountBasis,
  discountFactor,
  discountFactors,
  flatRateSchedule,
  type PresentValue,
  presentValue,
} from './discount-factors.ts';
export {
  Distribution,
  normalCdf,
  normalQuantile,
  pointValue,
  sampleUncertain,
  scaleUncertain,
  supportOf,
  Uncertain,
} from './distributions.ts';
export {
  type LocalisationContext,
  LocalisationRequest,
  type LocalisedCaseStudy,
  LocalUnitCost,
  localiseCaseStudy,
  localiseScenario,
  type PopulationRatio,
  populationRatio,
  type ScenarioLocalisation,
} from './localise.ts';
export {
  applySroiAdjustments,
  type Impact,
  improvementAsCount,
  measureImpact,
  type SroiAdjustments,
  sroiRetainedShare,
} from './measure-impact.ts';
export { createMethodStamp, METHOD_VERSION, type MethodStamp } from './method-stamp.ts';
export {
  ConfidenceGrade,
  haircutBenefit,
  OPTIMISM_BIAS_SOURCE,
  OptimismBias,
  type OptimismBiasRates,
  optimismBiasForGrade,
  resolveOptimismBias,
  upliftCost,
} from './optimism-bias.ts';
export { roundPence, toMoney } from './round-pence.ts';
export {
  DEFAULT_ITERATIONS,
  type SimulationResult,
  type SimulationWarning,
  simulateAppraisal,
  UNSTABLE_BCR_COST_SHARE,
  UNSTABLE_BCR_WARNING_SHARE,
} from './simulate-appraisal.ts';
export * from './summarise-case-study-costs.ts';
export {
  DEFAULT_ANNUALISATION_RATE_PERCENT,
  equivalentAnnualCost,
  summariseUnitCosts,
  type UnitCostInputs,
  type UnitCostSummary,
} from './summarise-unit-costs.ts';
