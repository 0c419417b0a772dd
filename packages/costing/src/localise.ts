import type { Agency, CaseStudy, CostBasis, CostKind, Council, Money, UnitCost } from '@costed/schema';
import { GssCode, IndicatorId, isReported, Money as MoneySchema, PriceYear } from '@costed/schema';
import { z } from 'zod';
import type { AppraisalScenarioInput } from './appraisal-scenario.ts';
import { createPriceConverter, type DeflatorInput } from './convert-price-year.ts';
import { CostingError } from './costing-error.ts';
import { scaleUncertain } from './distributions.ts';
import { improvementAsCount } from './measure-impact.ts';
import { createMethodStamp, type MethodStamp } from './method-stamp.ts';
import { toMoney } from './round-pence.ts';

export const LocalUnitCost = z
  .object({ unitCostId: z.string().min(1), money: MoneySchema.describe('The local value of one unit.') })
  .strict()
  .describe('A council’s own cost for one unit, used instead of the national figure.');
export type LocalUnitCost = z.infer<typeof LocalUnitCost>;

export const LocalisationRequest = z
  .object({
    targetCouncil: GssCode,
    priceYear: PriceYear.describe('The price year of every localised figure.'),
    scaleSetUpCosts: z
      .boolean()
      .default(false)
      .describe('Scale set-up costs with population too (default: keep them, as set-up is largely fixed).'),
    localUnitCosts: z.array(LocalUnitCost).default([]),
    valuations: z
      .array(z.object({ indicator: IndicatorId, unitCostId: z.string().min(1) }).strict())
      .default([])
      .describe('Which unit cost values one avoided case of each outcome.'),
  })
  .strict()
  .describe('Scale a case study to another council at a chosen price year.');
export type LocalisationRequest = z.input<typeof LocalisationRequest>;

export interface PopulationRatio {
  sourcePopulation: number;
  targetPopulation: number;
  /** Target children's population ÷ source children's population. */
  ratio: number;
}

function populationOf(code: string, councils: readonly Council[]): number {
  const council = councils.find((c) => c.gssCode === code);
  if (!council) {
    throw new CostingError(
      'unknown-council',
      `Council ${code} is not in the councils given: check the GSS code.`,
      {
        code,
      },
    );
  }
  if (council.population0to17 === undefined || council.population0to17 <= 0) {
    throw new CostingError(
      'missing-population',
      `${council.name} (${code}) has no children's population (population0to17): add it to data/reference/councils.yaml to localise.`,
      { code },
    );
  }
  return council.population0to17;
}

/** Ratio of children's populations (aged 0–17), target over source; several source councils are summed. */
export function populationRatio(
  sourceCouncils: readonly string[],
  targetCouncil: string,
  councils: readonly Council[],
): PopulationRatio {
  const sourcePopulation = sourceCouncils.reduce((sum, code) => sum + populationOf(code, councils), 0);
  const targetPopulation = populationOf(targetCouncil, councils);
  return { sourcePopulation, targetPopulation, ratio: targetPopulation / sourcePopulation };
}

/** Whether a cost line grows with the number of children: per-head and per-hour rates do not. */
function scalesWithPopulation(kind: CostKind, basis: CostBasis, scaleSetUp: boolean): boolean {
  if (basis === 'per-participant' || basis === 'per-hour') return false;
  return kind !== 'set-up' || scaleSetUp;
}

export interface LocalisationContext {
  councils: readonly Council[];
  deflators: DeflatorInput;
  unitCosts?: readonly UnitCost[];
}

export interface LocalisedCaseStudy {
  slug: string;
  targetCouncil: string;
  priceYear: string;
  population: PopulationRatio;
  cohortSize: { original: number; localised: number; unit: string } | null;
  costs: {
    label: string;
    kind: CostKind;
    basis: CostBasis;
    /** Null where the source reports no figure: never read as zero. */
    original: Money | null;
    converted: Money | null;
    localised: Money | null;
    scaled: boolean;
  }[];
  savings: { label: string; cashable: string; original: Money; converted: Money; localised: Money }[];
  benefits: {
    indicator: string;
    unitCostId: string;
    localUnitCost: boolean;
    unitValue: Money;
    /** Improvement in the source area, as a number of children or cases. */
    sourceOutcomes: number;
    localisedOutcomes: number;
    value: Money;
    agency: Agency;
    cashable: boolean;
  }[];
  totalBenefits: Money;
  stamp: MethodStamp;
}

function unitValuePence(
  unitCostId: string,
  priceYear: string,
  localUnitCosts: readonly LocalUnitCost[],
  unitCosts: readonly UnitCost[] | undefined,
  factor: (from: string, to: string) => number,
): { pence: number; local: boolean; reference: UnitCost | undefined } {
  const reference = unitCosts?.find((u) => u.id === unitCostId);
  const local = localUnitCosts.find((l) => l.unitCostId === unitCostId);
  const money = local?.money ?? reference?.money;
  if (!money) {
    throw new CostingError(
      'unknown-unit-cost',
      `Unit cost "${unitCostId}" was not given, nationally or locally: check the id against data/reference/unit-costs.yaml.`,
      { unitCostId },
    );
  }
  return { pence: money.pence * factor(money.priceYear, priceYear), local: local !== undefined, reference };
}

/**
 * Scales a case study's cohort, costs, savings and valued outcomes to another council by children's
 * population, at a chosen price year, using local unit costs where given.
 */
export function localiseCaseStudy(
  caseStudy: CaseStudy,
  request: LocalisationRequest,
  context: LocalisationContext,
): LocalisedCaseStudy {
  const population = populationRatio(caseStudy.councils, request.targetCouncil, context.councils);
  const { ratio } = population;
  const py = request.priceYear;
  const converter = createPriceConverter(context.deflators);
  const factor = (from: string, to: string) => converter.factor(from, to);
  const localUnitCosts = request.localUnitCosts ?? [];

  const costs = caseStudy.costs.map((line) => {
    const scaled = scalesWithPopulation(line.kind, line.basis, request.scaleSetUpCosts ?? false);
    if (!isReported(line.money)) {
      return {
        label: line.label,
        kind: line.kind,
        basis: line.basis,
        original: null,
        converted: null,
        localised: null,
        scaled,
      };
    }
    const converted = line.money.pence * factor(line.money.priceYear, py);
    return {
      label: line.label,
      kind: line.kind,
      basis: line.basis,
      original: line.money,
      converted: toMoney(converted, py),
      localised: toMoney(scaled ? converted * ratio : converted, py),
      scaled,
    };
  });

  const savings = caseStudy.savings.map((s) => {
    const converted = s.money.pence * factor(s.money.priceYear, py);
    return {
      label: s.label,
      cashable: s.cashable,
      original: s.money,
      converted: toMoney(converted, py),
      localised: toMoney(converted * ratio, py),
    };
  });

  let totalBenefits = 0;
  const benefits = (request.valuations ?? []).map((v) => {
    const outcome = caseStudy.outcomes.find((o) => o.indicator === v.indicator);
    if (!outcome) {
      throw new CostingError(
        'unknown-indicator',
        `Case study ${caseStudy.slug} has no outcome "${v.indicator}" to value: choose one of ${caseStudy.outcomes.map((o) => o.indicator).join(', ') || '(none)'}.`,
      );
    }
    const sourceOutcomes = improvementAsCount(outcome);
    const unit = unitValuePence(v.unitCostId, py, localUnitCosts, context.unitCosts, factor);
    const localisedOutcomes = sourceOutcomes * ratio;
    const value = localisedOutcomes * unit.pence;
    totalBenefits += value;
    return {
      indicator: v.indicator,
      unitCostId: v.unitCostId,
      localUnitCost: unit.local,
      unitValue: toMoney(unit.pence, py),
      sourceOutcomes,
      localisedOutcomes,
      value: toMoney(value, py),
      // A local cost with no national entry cannot say whose budget it is; "other" is the honest default.
      agency: unit.reference?.agency ?? ('other' as Agency),
      cashable: unit.reference?.cashable ?? false,
    };
  });

  const size = caseStudy.cohort.size;
  return {
    slug: caseStudy.slug,
    targetCouncil: request.targetCouncil,
    priceYear: py,
    population,
    cohortSize: size ? { original: size.count, localised: size.count * ratio, unit: size.unit } : null,
    costs,
    savings,
    benefits,
    totalBenefits: toMoney(totalBenefits, py),
    stamp: createMethodStamp({ deflatorRelease: converter.releaseFor(py) }),
  };
}

export interface ScenarioLocalisation {
  /** Target over source children's population (see `populationRatio`). */
  ratio: number;
  /** Express results at this price year instead of the scenario's. */
  priceYear?: string;
  localUnitCosts?: readonly LocalUnitCost[];
  /** Needed to keep the agency and cashability of a unit cost replaced by a local one. */
  unitCosts?: readonly UnitCost[];
  scaleSetUpCosts?: boolean;
}

/**
 * An appraisal scenario scaled to another council: participants, outcomes and whole-cohort running costs
 * scale with the population ratio; per-participant costs stay per head; set-up costs stay unless asked.
 */
export function localiseScenario(
  scenario: AppraisalScenarioInput,
  options: ScenarioLocalisation,
): AppraisalScenarioInput {
  const { ratio } = options;
  if (!Number.isFinite(ratio) || ratio < 0) {
    throw new CostingError(
      'invalid-amount',
      `A population ratio of ${ratio} cannot scale a scenario: give a ratio of 0 or more.`,
    );
  }
  const local = options.localUnitCosts ?? [];
  return {
    ...scenario,
    priceYear: options.priceYear ?? scenario.priceYear,
    participants: Math.round((scenario.participants ?? 0) * ratio),
    costs: scenario.costs.map((c) =>
      scalesWithPopulation(c.kind, c.basis ?? 'total', options.scaleSetUpCosts ?? false)
        ? { ...c, amount: { ...c.amount, pence: scaleUncertain(c.amount.pence, ratio) } }
        : c,
    ),
    benefits: scenario.benefits.map((b) => {
      const scaled = { ...b, outcomesPerYear: scaleUncertain(b.outcomesPerYear, ratio) };
      if (!('unitCostId' in b.valuation)) return scaled;
      const id = b.valuation.unitCostId;
      const override = local.find((l) => l.unitCostId === id);
      if (!override) return scaled;
      const reference = options.unitCosts?.find((u) => u.id === id);
      if (!reference) {
        throw new CostingError(
          'unknown-unit-cost',
          `A local value was given for unit cost "${id}", but the national entry was not passed: pass unitCosts so its agency and cashability are kept.`,
        );
      }
      return {
        ...scaled,
        valuation: {
          label: `${reference.item} (local value)`,
          money: override.money,
          agency: reference.agency,
          cashable: reference.cashable,
        },
      };
    }),
  };
}
