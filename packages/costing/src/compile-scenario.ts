import type { Agency, CostKind, DiscountSchedule, Money, PriceYear, UnitCost } from '@costed/schema';
import type { AppraisalScenarioInput, ScenarioBenefit, ScenarioCost } from './appraisal-scenario.ts';
import { createPriceConverter, type DeflatorInput } from './convert-price-year.ts';
import { CostingError } from './costing-error.ts';
import { type DiscountBasis, discountFactors, flatRateSchedule } from './discount-factors.ts';
import {
  checkUncertain,
  createSamplerTable,
  type SamplerTable,
  supportOf,
  type Uncertain,
} from './distributions.ts';
import { type OptimismBiasRates, resolveOptimismBias } from './optimism-bias.ts';

/** Reference data an appraisal needs; the caller loads it (this package never reads files). */
export interface AppraisalContext {
  deflators: DeflatorInput;
  discountSchedules: readonly DiscountSchedule[];
  unitCosts?: readonly UnitCost[];
}

export interface ResolvedValuation {
  label: string;
  unitCostId: string | null;
  original: Money;
  /** Value of one unit in the scenario's price year, before the optimism-bias haircut (fractional pence). */
  upratedPence: number;
  agency: Agency;
  cashable: boolean;
}

/**
 * A scenario turned into flat arrays once, so the deterministic appraisal and every Monte Carlo iteration
 * run the same arithmetic (which is why a zero-width simulation reproduces the point estimate exactly).
 */
export interface CompiledScenario {
  priceYear: PriceYear;
  horizonYears: number;
  participants: number;
  schedule: DiscountBasis;
  deflatorRelease: string | null;
  optimismBias: OptimismBiasRates;
  factors: Float64Array;
  table: SamplerTable;
  costs: {
    label: string;
    kind: CostKind;
    slot: number;
    /** priceFactor × participants (if per participant) × (1 + uplift): undiscounted multiplier per year. */
    yearlyMultiplier: number;
    /** yearlyMultiplier × Σ discount factors over the years the cost falls in. */
    pvWeight: number;
    firstYear: number;
    lastYear: number;
  }[];
  benefits: {
    label: string;
    indicator: string | null;
    valuation: ResolvedValuation;
    outcomesSlot: number;
    multiplierSlot: number;
    deadweightSlot: number;
    displacementSlot: number;
    attributionSlot: number;
    dropOffSlot: number;
    /** Uprated unit value × (1 − haircut), pence. */
    unitValue: number;
    firstYear: number;
    lastYear: number;
    /** Σ discount factor × (1 − drop-off)^k, precomputed when drop-off is certain; NaN otherwise. */
    fixedWeight: number;
  }[];
}

function resolveSchedule(scenario: AppraisalScenarioInput, context: AppraisalContext): DiscountBasis {
  const discounting = scenario.discounting ?? { scheduleId: 'standard' as const };
  if ('flatRatePercent' in discounting) return flatRateSchedule(discounting.flatRatePercent);
  const schedule = context.discountSchedules.find((s) => s.id === discounting.scheduleId);
  if (!schedule) {
    throw new CostingError(
      'unknown-discount-schedule',
      `Discount schedule "${discounting.scheduleId}" was not given (have: ${context.discountSchedules.map((s) => s.id).join(', ') || 'none'}): pass it from data/reference/discount-schedules.yaml, or use a flat rate.`,
    );
  }
  return schedule;
}

function resolveValuation(
  benefit: ScenarioBenefit | AppraisalScenarioInput['benefits'][number],
  context: AppraisalContext,
): Omit<ResolvedValuation, 'upratedPence'> {
  const v = benefit.valuation;
  if ('unitCostId' in v) {
    const unitCost = context.unitCosts?.find((u) => u.id === v.unitCostId);
    if (!unitCost) {
      throw new CostingError(
        'unknown-unit-cost',
        `Benefit "${benefit.label}" is valued with unit cost "${v.unitCostId}", which was not given: check the id against data/reference/unit-costs.yaml.`,
        { unitCostId: v.unitCostId },
      );
    }
    return {
      label: unitCost.item,
      unitCostId: unitCost.id,
      original: unitCost.money,
      agency: unitCost.agency,
      cashable: unitCost.cashable,
    };
  }
  return { label: v.label, unitCostId: null, original: v.money, agency: v.agency, cashable: v.cashable };
}

function checkYears(label: string, first: number, last: number, horizonYears: number): void {
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last < first) {
    throw new CostingError(
      'invalid-year',
      `"${label}" runs from year ${first} to year ${last}: give whole years from 0, the end not before the start.`,
    );
  }
  if (last >= horizonYears) {
    throw new CostingError(
      'invalid-year',
      `"${label}" runs to year ${last}, beyond the horizon (years 0 to ${horizonYears - 1}): lengthen horizonYears or shorten the item.`,
    );
  }
}

function checkPercent(value: Uncertain, what: string): void {
  checkUncertain(value, what);
  const [lo, hi] = supportOf(value);
  if (lo < 0 || hi > 100) {
    throw new CostingError(
      'invalid-rate',
      `${what} can take values from ${lo}% to ${hi}%: keep it within 0% to 100% (bound a normal distribution with min and max).`,
    );
  }
}

/** Σ over the effect's years of discount factor × (1 − drop-off)^k; shared so every path rounds alike. */
export function dropOffWeight(
  factors: Float64Array,
  first: number,
  last: number,
  dropOffPercent: number,
): number {
  const keep = 1 - dropOffPercent / 100;
  let weight = 0;
  let level = 1;
  for (let t = first; t <= last; t++) {
    weight += (factors[t] as number) * level;
    level *= keep;
  }
  return weight;
}

export function compileScenario(
  scenario: AppraisalScenarioInput,
  context: AppraisalContext,
): CompiledScenario {
  const participants = scenario.participants ?? 0;
  if (!Number.isFinite(participants) || participants < 0) {
    throw new CostingError(
      'negative-participants',
      `The scenario has ${participants} participants: give the number served, 0 or more.`,
    );
  }
  if (!Number.isInteger(scenario.horizonYears) || scenario.horizonYears < 1) {
    throw new CostingError(
      'invalid-year',
      `A horizon of ${scenario.horizonYears} years cannot be appraised: give a whole number of years, at least 1.`,
    );
  }
  if (typeof scenario.priceYear !== 'string' || scenario.priceYear.length === 0) {
    throw new CostingError(
      'missing-price-year',
      'The scenario has no price year: say which year’s prices results are expressed in (e.g. "2024-25").',
    );
  }
  const schedule = resolveSchedule(scenario, context);
  const factors = discountFactors(scenario.horizonYears - 1, schedule);
  const converter = createPriceConverter(context.deflators);
  const optimismBias = resolveOptimismBias(scenario.optimismBias);
  const slots: Uncertain[] = [];
  const addSlot = (value: Uncertain): number => slots.push(value) - 1;

  const costs = scenario.costs.map((cost: ScenarioCost | AppraisalScenarioInput['costs'][number]) => {
    checkUncertain(cost.amount.pence, `The amount of cost "${cost.label}"`);
    if (typeof cost.amount.priceYear !== 'string' || cost.amount.priceYear.length === 0) {
      throw new CostingError(
        'missing-price-year',
        `Cost "${cost.label}" has no price year: find the year its prices refer to in the source.`,
      );
    }
    const firstYear = cost.startYear ?? 0;
    const lastYear = cost.kind === 'recurring' ? (cost.endYear ?? scenario.horizonYears - 1) : firstYear;
    checkYears(cost.label, firstYear, lastYear, scenario.horizonYears);
    const uplift =
      cost.kind === 'set-up' ? optimismBias.setUpCostUpliftPercent : optimismBias.runningCostUpliftPercent;
    const yearlyMultiplier =
      converter.factor(cost.amount.priceYear, scenario.priceYear) *
      ((cost.basis ?? 'total') === 'per-participant' ? participants : 1) *
      (1 + uplift / 100);
    let discounted = 0;
    for (let t = firstYear; t <= lastYear; t++) discounted += factors[t] as number;
    return {
      label: cost.label,
      kind: cost.kind,
      slot: addSlot(cost.amount.pence),
      yearlyMultiplier,
      pvWeight: yearlyMultiplier * discounted,
      firstYear,
      lastYear,
    };
  });

  const benefits = scenario.benefits.map((benefit) => {
    checkUncertain(benefit.outcomesPerYear, `The outcomes per year of benefit "${benefit.label}"`);
    const multiplier = benefit.valueMultiplier ?? 1;
    checkUncertain(multiplier, `The value multiplier of benefit "${benefit.label}"`);
    const adj = benefit.adjustments ?? {};
    const deadweight = adj.deadweightPercent ?? 0;
    const displacement = adj.displacementPercent ?? 0;
    const attribution = adj.attributionPercent ?? 0;
    const dropOff = adj.dropOffPercent ?? 0;
    checkPercent(deadweight, `Deadweight of "${benefit.label}"`);
    checkPercent(displacement, `Displacement of "${benefit.label}"`);
    checkPercent(attribution, `Attribution of "${benefit.label}"`);
    checkPercent(dropOff, `Drop-off of "${benefit.label}"`);
    const firstYear = benefit.startYear ?? 1;
    if (!Number.isInteger(benefit.durationYears) || benefit.durationYears < 1) {
      throw new CostingError(
        'invalid-year',
        `Benefit "${benefit.label}" lasts ${benefit.durationYears} years: give whole years, at least 1.`,
      );
    }
    const lastYear = firstYear + benefit.durationYears - 1;
    checkYears(benefit.label, firstYear, lastYear, scenario.horizonYears);
    const base = resolveValuation(benefit, context);
    const valuation: ResolvedValuation = {
      ...base,
      upratedPence: base.original.pence * converter.factor(base.original.priceYear, scenario.priceYear),
    };
    const dropOffSlot = addSlot(dropOff);
    const [dLo, dHi] = supportOf(dropOff);
    return {
      label: benefit.label,
      indicator: benefit.indicator ?? null,
      valuation,
      outcomesSlot: addSlot(benefit.outcomesPerYear),
      multiplierSlot: addSlot(multiplier),
      deadweightSlot: addSlot(deadweight),
      displacementSlot: addSlot(displacement),
      attributionSlot: addSlot(attribution),
      dropOffSlot,
      unitValue: valuation.upratedPence * (1 - optimismBias.benefitHaircutPercent / 100),
      firstYear,
      lastYear,
      fixedWeight: dLo === dHi ? dropOffWeight(factors, firstYear, lastYear, dLo) : Number.NaN,
    };
  });

  return {
    priceYear: scenario.priceYear,
    horizonYears: scenario.horizonYears,
    participants,
    schedule,
    deflatorRelease: converter.releaseFor(scenario.priceYear),
    optimismBias,
    factors,
    table: createSamplerTable(slots),
    costs,
    benefits,
  };
}

type CompiledBenefit = CompiledScenario['benefits'][number];

/** Net outcomes in the first year of a benefit after deadweight, displacement and attribution. */
export function netFirstYearValue(b: CompiledBenefit, values: Float64Array): number {
  return (
    (values[b.outcomesSlot] as number) *
    (values[b.multiplierSlot] as number) *
    b.unitValue *
    (1 - (values[b.deadweightSlot] as number) / 100) *
    (1 - (values[b.displacementSlot] as number) / 100) *
    (1 - (values[b.attributionSlot] as number) / 100)
  );
}

/** Present value of one benefit for one set of input values (fractional pence). */
export function benefitPresentValue(
  model: CompiledScenario,
  b: CompiledBenefit,
  values: Float64Array,
): number {
  const weight = Number.isNaN(b.fixedWeight)
    ? dropOffWeight(model.factors, b.firstYear, b.lastYear, values[b.dropOffSlot] as number)
    : b.fixedWeight;
  return netFirstYearValue(b, values) * weight;
}

/** Present value of all costs for one set of input values (fractional pence). */
export function costsPresentValue(model: CompiledScenario, values: Float64Array): number {
  let total = 0;
  for (const c of model.costs) total += (values[c.slot] as number) * c.pvWeight;
  return total;
}

/** Present value of all benefits for one set of input values (fractional pence). */
export function benefitsPresentValue(model: CompiledScenario, values: Float64Array): number {
  let total = 0;
  for (const b of model.benefits) total += benefitPresentValue(model, b, values);
  return total;
}
