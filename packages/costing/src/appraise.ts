import type { Agency, CostKind, Money, PriceYear } from '@costed/schema';
import { Agency as AgencySchema } from '@costed/schema';
import type { AppraisalScenarioInput } from './appraisal-scenario.ts';
import {
  type AppraisalContext,
  benefitPresentValue,
  benefitsPresentValue,
  type CompiledScenario,
  compileScenario,
  costsPresentValue,
  netFirstYearValue,
  type ResolvedValuation,
} from './compile-scenario.ts';
import { createMethodStamp, type MethodStamp } from './method-stamp.ts';
import type { OptimismBiasRates } from './optimism-bias.ts';
import { toMoney } from './round-pence.ts';

export interface AppraisalYear {
  year: number;
  discountFactor: number;
  /** Undiscounted, at the scenario's price year, after optimism bias. */
  costs: Money;
  benefits: Money;
  /** (benefits − costs) × discount factor, summed from year 0 to this year. */
  cumulativeDiscountedNet: Money;
}

export interface AppraisalResult {
  label: string | null;
  priceYear: PriceYear;
  presentValueCosts: Money;
  presentValueBenefits: Money;
  /** Net present value: PV benefits − PV costs. */
  npv: Money;
  /** Benefit-cost ratio: PV benefits ÷ PV costs; null when PV costs are 0 or less. */
  bcr: number | null;
  /** Return on investment: (PV benefits − PV costs) ÷ PV costs; null when PV costs are 0 or less. */
  roi: number | null;
  /** First year from which the cumulative discounted net stays at 0 or above; null if it never does. */
  discountedPaybackYear: number | null;
  /**
   * The switching value of the effect: the share of the estimated outcomes at which NPV = 0 (e.g. 0.4 = the
   * option breaks even if it achieves 40% of the outcomes assumed). Null when benefits are 0 or negative.
   */
  breakEvenEffect: {
    scale: number;
    benefits: { label: string; indicator: string | null; outcomesPerYear: number }[];
  } | null;
  presentValueByAgency: Record<Agency, Money>;
  presentValueCashable: Money;
  presentValueNonCashable: Money;
  presentValueCostsByKind: Record<CostKind, Money>;
  valuations: (Omit<ResolvedValuation, 'upratedPence'> & { uprated: Money; benefit: string })[];
  optimismBias: OptimismBiasRates;
  years: AppraisalYear[];
  stamp: MethodStamp;
}

/** Unrounded headline figures from one set of inputs: shared by the appraisal and the simulation. */
export function evaluateCompiled(
  model: CompiledScenario,
  values: Float64Array,
): { pvc: number; pvb: number } {
  return { pvc: costsPresentValue(model, values), pvb: benefitsPresentValue(model, values) };
}

function stampFor(model: CompiledScenario, extra: { seed?: number; iterations?: number } = {}): MethodStamp {
  return createMethodStamp({
    deflatorRelease: model.deflatorRelease,
    discountSchedule: { id: model.schedule.id, edition: model.schedule.edition },
    ...extra,
  });
}

export function appraiseCompiled(model: CompiledScenario, label: string | null): AppraisalResult {
  const values = model.table.points;
  const { pvc, pvb } = evaluateCompiled(model, values);
  const py = model.priceYear;

  const byAgency = Object.fromEntries(AgencySchema.options.map((a) => [a, 0])) as Record<Agency, number>;
  let cashable = 0;
  let nonCashable = 0;
  for (const b of model.benefits) {
    const pv = benefitPresentValue(model, b, values);
    byAgency[b.valuation.agency] += pv;
    if (b.valuation.cashable) cashable += pv;
    else nonCashable += pv;
  }
  const byKind: Record<CostKind, number> = { 'set-up': 0, recurring: 0, 'one-off': 0 };
  for (const c of model.costs) byKind[c.kind] += (values[c.slot] as number) * c.pvWeight;

  const yearCosts = new Float64Array(model.horizonYears);
  const yearBenefits = new Float64Array(model.horizonYears);
  for (const c of model.costs) {
    const perYear = (values[c.slot] as number) * c.yearlyMultiplier;
    for (let t = c.firstYear; t <= c.lastYear; t++) yearCosts[t] = (yearCosts[t] as number) + perYear;
  }
  for (const b of model.benefits) {
    const keep = 1 - (values[b.dropOffSlot] as number) / 100;
    let level = netFirstYearValue(b, values);
    for (let t = b.firstYear; t <= b.lastYear; t++) {
      yearBenefits[t] = (yearBenefits[t] as number) + level;
      level *= keep;
    }
  }
  const years: AppraisalYear[] = [];
  const cumulative: number[] = [];
  let running = 0;
  for (let t = 0; t < model.horizonYears; t++) {
    const factor = model.factors[t] as number;
    running += ((yearBenefits[t] as number) - (yearCosts[t] as number)) * factor;
    cumulative.push(running);
    years.push({
      year: t,
      discountFactor: factor,
      costs: toMoney(yearCosts[t] as number, py),
      benefits: toMoney(yearBenefits[t] as number, py),
      cumulativeDiscountedNet: toMoney(running, py),
    });
  }
  // Payback is when the cumulative position turns non-negative for good: a later cost can undo an early one.
  let discountedPaybackYear: number | null = null;
  for (let t = cumulative.length - 1; t >= 0 && (cumulative[t] as number) >= -0.5; t--)
    discountedPaybackYear = t;

  const scale = pvb > 0 ? pvc / pvb : null;
  return {
    label,
    priceYear: py,
    presentValueCosts: toMoney(pvc, py),
    presentValueBenefits: toMoney(pvb, py),
    npv: toMoney(pvb - pvc, py),
    bcr: pvc > 0 ? pvb / pvc : null,
    roi: pvc > 0 ? (pvb - pvc) / pvc : null,
    discountedPaybackYear,
    breakEvenEffect:
      scale === null
        ? null
        : {
            scale,
            benefits: model.benefits.map((b) => ({
              label: b.label,
              indicator: b.indicator,
              outcomesPerYear: (values[b.outcomesSlot] as number) * scale,
            })),
          },
    presentValueByAgency: Object.fromEntries(
      Object.entries(byAgency).map(([a, v]) => [a, toMoney(v, py)]),
    ) as Record<Agency, Money>,
    presentValueCashable: toMoney(cashable, py),
    presentValueNonCashable: toMoney(nonCashable, py),
    presentValueCostsByKind: {
      'set-up': toMoney(byKind['set-up'], py),
      recurring: toMoney(byKind.recurring, py),
      'one-off': toMoney(byKind['one-off'], py),
    },
    valuations: model.benefits.map((b) => {
      const { upratedPence, ...rest } = b.valuation;
      return { ...rest, benefit: b.label, uprated: toMoney(upratedPence, py) };
    }),
    optimismBias: model.optimismBias,
    years,
    stamp: stampFor(model),
  };
}

/**
 * Deterministic cost-benefit appraisal of one option at its point values: present values, NPV, BCR, ROI,
 * discounted payback, the break-even effect, and benefits split by agency and cashability.
 */
export function appraise(scenario: AppraisalScenarioInput, context: AppraisalContext): AppraisalResult {
  return appraiseCompiled(compileScenario(scenario, context), scenario.label ?? null);
}

export { stampFor as methodStampForCompiled };
