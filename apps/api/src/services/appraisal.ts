import {
  type AppraisalContext,
  type AppraisalResult,
  AppraisalScenario,
  type AppraisalScenarioInput,
  appraise as appraiseScenario,
  type CostingError,
  improvementAsCount,
  isCostingError,
  type LocalisedCaseStudy,
  type LocalUnitCost,
  localiseCaseStudy,
  type MethodStamp,
  type MonteCarloOptions,
  type SimulationResult,
  type SimulationWarning,
  simulateAppraisal,
  supportOf,
  toMoney,
  type Uncertain,
} from '@costed/costing';
import {
  type CaseStudy,
  type CostLine,
  isReported,
  type Money,
  type PriceYear,
  priceYearKind,
} from '@costed/schema';
import { ApiError, type FieldError } from '../errors.ts';
import { getPublished } from './catalogue.ts';
import type { AppServices } from './create-services.ts';
import type { ReferenceSnapshot } from './reference-cache.ts';

/**
 * Limits that keep one request from holding the event loop. Each factor is capped, and so is their product
 * (`maxSimulationWork`, see simulationWork). Without the product cap, 50,000 iterations of 25 costs and 25
 * benefits over 100 years took 1.2–1.5 s on a 2-core machine; at the cap the heaviest case measured took
 * 0.15–0.7 s on a busy machine (e.g. 20,000 iterations of 100 PERT inputs: 0.3–0.4 s).
 */
export const APPRAISAL_LIMITS = {
  maxIterations: 50_000,
  maxSimulationWork: 2_000_000,
  maxHorizonYears: 100,
  maxCosts: 25,
  maxBenefits: 25,
  defaultLocalisationHorizonYears: 5,
} as const;

type Services = Pick<AppServices, 'store' | 'reference'>;

/** A simulation as the API returns it: the point estimate is already the response's `appraisal`. */
export type SimulationSummary = Omit<SimulationResult, 'pointEstimate'>;

export interface AppraisalResponse {
  appraisal: AppraisalResult;
  simulation: SimulationSummary | null;
  warnings: SimulationWarning[];
  /** The stamp of the figures as a whole: the simulation's (with seed and iterations) when one ran. */
  stamp: MethodStamp;
}

function contextOf(reference: ReferenceSnapshot): AppraisalContext {
  return {
    deflators: reference.deflators,
    discountSchedules: reference.discountSchedules,
    unitCosts: reference.unitCosts,
  };
}

/** Codes a client fixes by changing a value it sent; the rest say the data cannot support the request. */
const CLIENT_CODES = new Set<string>([
  'invalid-year',
  'invalid-rate',
  'invalid-distribution',
  'invalid-iterations',
  'invalid-seed',
  'invalid-amount',
  'negative-participants',
  'missing-price-year',
  'price-year-out-of-series',
  'price-year-kind-mismatch',
  'unknown-discount-schedule',
  'unknown-unit-cost',
  'unknown-council',
]);

/** A CostingError as a problem: 400 when the caller can fix a field, 422 when the data cannot support it. */
export function costingProblem(error: CostingError, path = 'body'): ApiError {
  return new ApiError(CLIENT_CODES.has(error.code) ? 'validation-failed' : 'unprocessable', error.message, {
    errors: [{ path, message: error.message, code: error.code }],
  });
}

/** Runs a costing calculation, turning CostingErrors into problems (never a 500 for a client's input). */
function withCostingErrors<T>(fn: () => T, path = 'body'): T {
  try {
    return fn();
  } catch (error) {
    if (isCostingError(error)) throw costingProblem(error, path);
    throw error;
  }
}

/** Where a price year cannot be used with the reference deflators: outside the series, or of the other kind. */
function priceYearIssue(
  year: PriceYear,
  target: PriceYear,
  reference: ReferenceSnapshot,
): { code: string; message: string } | null {
  if (priceYearKind(year) !== priceYearKind(target)) {
    return {
      code: 'price-year-kind-mismatch',
      message: `${year} is a ${priceYearKind(year)} year and ${target} a ${priceYearKind(target)} year; HM Treasury publishes them as separate series: give both as ${priceYearKind(target)} years.`,
    };
  }
  const series = reference.deflators.find((s) => s.kind === priceYearKind(year));
  if (!series) {
    return {
      code: 'missing-deflator-series',
      message: `There is no ${priceYearKind(year)}-year deflator series in the reference data, so ${year} cannot be used.`,
    };
  }
  if (!series.points.some((p) => p.year === year)) {
    const first = series.points[0]?.year;
    const last = series.points.at(-1)?.year;
    return {
      code: 'price-year-out-of-series',
      message: `${year} is outside the deflator series ${series.id} (${first} to ${last}, ${series.release}): use a year inside it.`,
    };
  }
  return null;
}

/** Checks a price year a caller chose as the target of every figure; 400 naming the field otherwise. */
export function assertTargetPriceYear(year: PriceYear, reference: ReferenceSnapshot, path: string): void {
  const issue = priceYearIssue(year, year, reference);
  if (issue) {
    throw new ApiError('validation-failed', issue.message, {
      errors: [{ path, message: issue.message, code: issue.code }],
    });
  }
}

/**
 * Checks a scenario against the reference data before any maths, so each problem names its field
 * (`body.scenario.benefits.0.valuation.unitCostId`) instead of surfacing as one costing error.
 */
export function checkScenario(
  scenario: AppraisalScenarioInput,
  reference: ReferenceSnapshot,
  prefix = 'body.scenario',
): FieldError[] {
  const errors: FieldError[] = [];
  const target = scenario.priceYear;
  const targetIssue = priceYearIssue(target, target, reference);
  if (targetIssue) {
    errors.push({ path: `${prefix}.priceYear`, ...targetIssue });
    return errors;
  }
  const horizon = scenario.horizonYears;
  const lastYear = horizon - 1;
  const discounting = scenario.discounting;
  if (
    discounting &&
    'scheduleId' in discounting &&
    !reference.discountSchedules.some((s) => s.id === discounting.scheduleId)
  ) {
    errors.push({
      path: `${prefix}.discounting.scheduleId`,
      code: 'unknown-discount-schedule',
      message: `There is no discount schedule "${discounting.scheduleId}" in the reference data (have: ${reference.discountSchedules.map((s) => s.id).join(', ')}).`,
    });
  }
  scenario.costs.forEach((cost, i) => {
    const issue = priceYearIssue(cost.amount.priceYear, target, reference);
    if (issue) errors.push({ path: `${prefix}.costs.${i}.amount.priceYear`, ...issue });
    const start = cost.startYear ?? 0;
    const end = cost.kind === 'recurring' ? (cost.endYear ?? lastYear) : start;
    if (start > lastYear) {
      errors.push({
        path: `${prefix}.costs.${i}.startYear`,
        code: 'invalid-year',
        message: `Cost "${cost.label}" starts in year ${start}, after the last year appraised (${lastYear}): lengthen horizonYears or move the cost.`,
      });
    } else if (end > lastYear || end < start) {
      errors.push({
        path: `${prefix}.costs.${i}.endYear`,
        code: 'invalid-year',
        message: `Cost "${cost.label}" ends in year ${end}: give a year from ${start} (its start) to ${lastYear} (the last year appraised).`,
      });
    }
  });
  scenario.benefits.forEach((benefit, i) => {
    const v = benefit.valuation;
    if ('unitCostId' in v) {
      const unitCost = reference.unitCosts.find((u) => u.id === v.unitCostId);
      if (!unitCost) {
        errors.push({
          path: `${prefix}.benefits.${i}.valuation.unitCostId`,
          code: 'unknown-unit-cost',
          message: `There is no unit cost "${v.unitCostId}" in the reference data: see GET /v1/reference for the ids.`,
        });
      } else {
        const issue = priceYearIssue(unitCost.money.priceYear, target, reference);
        if (issue) errors.push({ path: `${prefix}.priceYear`, ...issue });
      }
    } else {
      const issue = priceYearIssue(v.money.priceYear, target, reference);
      if (issue) errors.push({ path: `${prefix}.benefits.${i}.valuation.money.priceYear`, ...issue });
    }
    const start = benefit.startYear ?? 1;
    const end = start + benefit.durationYears - 1;
    if (end > lastYear) {
      errors.push({
        path: `${prefix}.benefits.${i}.durationYears`,
        code: 'invalid-year',
        message: `Benefit "${benefit.label}" runs from year ${start} to year ${end}, beyond the last year appraised (${lastYear}): shorten durationYears or lengthen horizonYears.`,
      });
    }
  });
  return errors;
}

function isUncertain(value: Uncertain | undefined): boolean {
  if (value === undefined) return false;
  const [lo, hi] = supportOf(value);
  return lo !== hi;
}

/**
 * What a simulation costs, in draws: iterations × (uncertain inputs + a tenth of the years of every benefit
 * whose drop-off is uncertain). Those years are re-weighted on each draw, but a year's step measured about a
 * tenth of the cost of one PERT draw.
 */
export function simulationWork(scenario: AppraisalScenarioInput, iterations: number): number {
  let perIteration = 0;
  for (const c of scenario.costs) if (isUncertain(c.amount.pence)) perIteration++;
  for (const b of scenario.benefits) {
    const adj = b.adjustments ?? {};
    const inputs = [
      b.outcomesPerYear,
      b.valueMultiplier,
      adj.deadweightPercent,
      adj.displacementPercent,
      adj.attributionPercent,
    ];
    perIteration += inputs.filter(isUncertain).length;
    if (isUncertain(adj.dropOffPercent)) perIteration += 1 + b.durationYears / 10;
  }
  return Math.ceil(iterations * Math.max(1, perIteration));
}

function assertSimulationWork(
  scenario: AppraisalScenarioInput,
  monteCarlo: MonteCarloOptions | undefined,
  path: string,
): void {
  if (!monteCarlo) return;
  const iterations = monteCarlo.iterations ?? 10_000;
  const work = simulationWork(scenario, iterations);
  if (work <= APPRAISAL_LIMITS.maxSimulationWork) return;
  const allowed = Math.floor((APPRAISAL_LIMITS.maxSimulationWork * iterations) / work);
  const message = `This simulation needs ${work.toLocaleString('en-GB')} draws (iterations × uncertain inputs, each year of an uncertain drop-off counting as a tenth), above the limit of ${APPRAISAL_LIMITS.maxSimulationWork.toLocaleString('en-GB')}: use at most ${allowed.toLocaleString('en-GB')} iterations, or fewer uncertain inputs.`;
  throw new ApiError('validation-failed', message, {
    errors: [{ path, message, code: 'too-much-work' }],
  });
}

function runAppraisal(
  scenario: AppraisalScenarioInput,
  reference: ReferenceSnapshot,
  monteCarlo: MonteCarloOptions | undefined,
  path: string,
): AppraisalResponse {
  const context = contextOf(reference);
  const appraisal = withCostingErrors(() => appraiseScenario(scenario, context), path);
  if (!monteCarlo) return { appraisal, simulation: null, warnings: [], stamp: appraisal.stamp };
  const { pointEstimate: _point, ...simulation } = withCostingErrors(
    () => simulateAppraisal(scenario, context, monteCarlo),
    path,
  );
  return { appraisal, simulation, warnings: simulation.warnings, stamp: simulation.stamp };
}

/** Appraises a caller's scenario (and simulates it when asked) with the cached reference data. */
export async function appraise(
  services: Services,
  input: { scenario: AppraisalScenarioInput; monteCarlo?: MonteCarloOptions | undefined },
): Promise<AppraisalResponse> {
  const reference = await services.reference.get();
  const errors = checkScenario(input.scenario, reference);
  if (errors.length > 0) {
    throw new ApiError(
      'validation-failed',
      `${errors.length} field(s) cannot be used with the reference data: ${errors.map((e) => e.path).join(', ')}`,
      { errors },
    );
  }
  assertSimulationWork(input.scenario, input.monteCarlo, 'body.monteCarlo.iterations');
  return runAppraisal(input.scenario, reference, input.monteCarlo, 'body.scenario');
}

/** A published case study, or 404: drafts, submissions and withdrawn studies are not computed over. */
export async function getPublishedCaseStudy(
  services: Pick<Services, 'store'>,
  slug: string,
): Promise<CaseStudy> {
  // One rule for every route: 404 when never published, 410 with the reason when withdrawn.
  return (await getPublished(services, slug)).document;
}

// --- Localisation -------------------------------------------------------------------------------------

export interface LocaliseInput {
  targetCouncil: string;
  priceYear: PriceYear;
  scaleSetUpCosts?: boolean | undefined;
  localUnitCosts?: LocalUnitCost[] | undefined;
  valuations?: { indicator: string; unitCostId: string }[] | undefined;
  horizonYears?: number | undefined;
  adjustments?: AppraisalScenarioInput['benefits'][number]['adjustments'];
  discounting?: AppraisalScenarioInput['discounting'];
  optimismBias?: AppraisalScenarioInput['optimismBias'];
  monteCarlo?: MonteCarloOptions | undefined;
}

/** Why a cost line or an outcome did not enter the localised appraisal, in words for the reader. */
export interface LeftOut {
  item: string;
  reason: string;
}

export interface LocalisationResponse {
  slug: string;
  title: string;
  source: { councils: { gssCode: string; name: string }[] };
  target: { gssCode: string; name: string };
  priceYear: PriceYear;
  /** Children's population (0–17) of the source councils and the target, and their ratio. */
  population: LocalisedCaseStudy['population'];
  localisation: Omit<LocalisedCaseStudy, 'stamp' | 'population'>;
  /** The scenario appraised, built from the localised figures; pass it to POST /v1/appraisals to vary it. */
  scenario: AppraisalScenario | null;
  appraisal: AppraisalResult | null;
  simulation: SimulationSummary | null;
  /**
   * When the case study reports no usable cost: the present value of the localised benefits, and the level
   * yearly cost at which the change would only just pay for itself here. Never a cost estimate.
   */
  breakEven: {
    presentValueBenefits: Money;
    presentValueByAgency: AppraisalResult['presentValueByAgency'];
    maximumCostPerYear: Money;
    years: number;
  } | null;
  assumptions: string[];
  leftOut: LeftOut[];
  /** What is missing for a full appraisal, in plain words; empty when the appraisal is complete. */
  missing: string[];
  warnings: SimulationWarning[];
  stamp: MethodStamp;
}

const PARTICIPANT_UNITS = new Set(['children', 'young-people', 'families']);

/** The valuations to use: the caller's, or every unit cost the indicator taxonomy lists for each outcome. */
function chooseValuations(
  caseStudy: CaseStudy,
  input: LocaliseInput,
  reference: ReferenceSnapshot,
  leftOut: LeftOut[],
): { indicator: string; unitCostId: string }[] {
  const countable = new Set<string>();
  for (const outcome of caseStudy.outcomes) {
    const name = reference.indicatorsById.get(outcome.indicator)?.name ?? outcome.indicator;
    try {
      improvementAsCount(outcome);
      countable.add(outcome.indicator);
    } catch (error) {
      if (!isCostingError(error)) throw error;
      const reason =
        error.code === 'missing-baseline'
          ? 'no baseline is reported, so the change cannot be measured'
          : error.code === 'not-countable' && outcome.unit === 'score'
            ? 'it is a score, which cannot be counted as children or cases'
            : `it is a ${outcome.unit} with no population, so it cannot be turned into a number of children`;
      leftOut.push({ item: `Outcome: ${name}`, reason });
    }
  }
  if (input.valuations && input.valuations.length > 0) {
    const errors: FieldError[] = [];
    input.valuations.forEach((v, i) => {
      if (!caseStudy.outcomes.some((o) => o.indicator === v.indicator)) {
        errors.push({
          path: `body.valuations.${i}.indicator`,
          code: 'unknown-indicator',
          message: `${caseStudy.slug} has no outcome "${v.indicator}" (it has: ${caseStudy.outcomes.map((o) => o.indicator).join(', ') || 'none'}).`,
        });
      } else if (!countable.has(v.indicator)) {
        errors.push({
          path: `body.valuations.${i}.indicator`,
          code: 'not-countable',
          message: `Outcome "${v.indicator}" of ${caseStudy.slug} cannot be valued: ${leftOut.find((l) => l.item.endsWith(reference.indicatorsById.get(v.indicator)?.name ?? v.indicator))?.reason ?? 'it cannot be counted'}.`,
        });
      }
      const known =
        reference.unitCosts.some((u) => u.id === v.unitCostId) ||
        (input.localUnitCosts ?? []).some((l) => l.unitCostId === v.unitCostId);
      if (!known) {
        errors.push({
          path: `body.valuations.${i}.unitCostId`,
          code: 'unknown-unit-cost',
          message: `There is no unit cost "${v.unitCostId}" in the reference data or in localUnitCosts.`,
        });
      }
    });
    if (errors.length > 0) {
      throw new ApiError('validation-failed', errors.map((e) => e.message).join(' '), { errors });
    }
    return input.valuations;
  }
  const chosen: { indicator: string; unitCostId: string }[] = [];
  for (const outcome of caseStudy.outcomes) {
    if (!countable.has(outcome.indicator)) continue;
    const indicator = reference.indicatorsById.get(outcome.indicator);
    const ids = (indicator?.unitCostIds ?? []).filter((id) => reference.unitCosts.some((u) => u.id === id));
    if (ids.length === 0) {
      leftOut.push({
        item: `Outcome: ${indicator?.name ?? outcome.indicator}`,
        reason:
          'the reference data holds no unit cost that values one case of it (which is not the same as it being worth nothing)',
      });
      continue;
    }
    for (const unitCostId of ids) chosen.push({ indicator: outcome.indicator, unitCostId });
  }
  return chosen;
}

/** A case-study cost line as a scenario cost, or the reason it cannot be one. */
function scenarioCostOf(
  line: CostLine,
  localised: LocalisedCaseStudy['costs'][number],
  horizonYears: number,
  participants: number,
): AppraisalScenarioInput['costs'][number] | string {
  if (!localised.localised) return 'not reported by the source';
  if (line.isReduction) return 'money taken out of a budget (a cut), not money spent';
  const amount = localised.localised;
  const lastYear = horizonYears - 1;
  if (line.basis === 'per-hour') return 'an hourly rate, with no number of hours to total it';
  if (line.basis === 'per-participant') {
    if (participants <= 0)
      return 'a cost per participant, but the case study gives no number of participants';
    return {
      label: line.label,
      kind: line.kind,
      basis: 'per-participant',
      amount,
      ...(line.kind === 'recurring' ? { startYear: 0, endYear: lastYear } : { startYear: 0 }),
    };
  }
  if (line.kind !== 'recurring') return { label: line.label, kind: line.kind, amount, startYear: 0 };
  if (line.basis === 'per-year') {
    const years = line.years ? Math.min(Math.ceil(line.years), horizonYears) : horizonYears;
    return { label: line.label, kind: 'recurring', amount, startYear: 0, endYear: years - 1 };
  }
  // A recurring total spread evenly over the years it covers, as far as the horizon reaches.
  if (!line.years) return 'a recurring total with no number of years to spread it over';
  const years = Math.min(Math.ceil(line.years), horizonYears);
  return {
    label: `${line.label} (per year: total ÷ ${line.years})`,
    kind: 'recurring',
    amount: { pence: amount.pence / line.years, priceYear: amount.priceYear },
    startYear: 0,
    endYear: years - 1,
  };
}

/**
 * Localises a published case study to another council by children's population at one price year, then
 * appraises what it would return there. Nothing missing is filled in: unreported costs leave the appraisal
 * out (with the break-even cost instead), and a study with no outcome that can be valued is refused (422).
 */
export async function localise(
  services: Services,
  slug: string,
  input: LocaliseInput,
): Promise<LocalisationResponse> {
  const caseStudy = await getPublishedCaseStudy(services, slug);
  const reference = await services.reference.get();
  assertTargetPriceYear(input.priceYear, reference, 'body.priceYear');
  const target = reference.councilsByCode.get(input.targetCouncil);
  if (!target) {
    throw new ApiError(
      'validation-failed',
      `There is no council ${input.targetCouncil} in the reference data.`,
      {
        errors: [
          {
            path: 'body.targetCouncil',
            code: 'unknown-council',
            message: `There is no council ${input.targetCouncil} in the reference data: see GET /v1/reference for the GSS codes.`,
          },
        ],
      },
    );
  }
  (input.localUnitCosts ?? []).forEach((l, i) => {
    const issue = priceYearIssue(l.money.priceYear, input.priceYear, reference);
    if (issue) {
      throw new ApiError('validation-failed', issue.message, {
        errors: [{ path: `body.localUnitCosts.${i}.money.priceYear`, ...issue }],
      });
    }
  });

  const leftOut: LeftOut[] = [];
  const valuations = chooseValuations(caseStudy, input, reference, leftOut);
  if (valuations.length === 0) {
    const outcomes =
      caseStudy.outcomes.length === 0
        ? 'it reports no outcome measures'
        : 'none of its outcomes can be valued with a unit cost';
    const noCost = !caseStudy.costs.some((l) => isReported(l.money));
    const costs = noCost ? ', and it reports no cost either' : '';
    const detail = leftOut.length > 0 ? ` (${leftOut.map((l) => `${l.item}: ${l.reason}`).join('; ')})` : '';
    throw new ApiError(
      'unprocessable',
      `"${caseStudy.title}" cannot be appraised for another council because ${outcomes}${costs}${detail}. Costed does not invent figures: evaluate before deciding, or appraise your own estimates with POST /v1/appraisals.`,
      {
        extensions: {
          slug,
          missing: [
            `No outcome of ${slug} can be valued with a unit cost.`,
            ...(noCost ? [`${slug} reports no cost.`] : []),
          ],
          leftOut,
        },
      },
    );
  }
  const localised = withCostingErrors(
    () =>
      localiseCaseStudy(
        caseStudy,
        {
          targetCouncil: input.targetCouncil,
          priceYear: input.priceYear,
          scaleSetUpCosts: input.scaleSetUpCosts ?? false,
          localUnitCosts: input.localUnitCosts ?? [],
          valuations,
        },
        { councils: reference.councils, deflators: reference.deflators, unitCosts: reference.unitCosts },
      ),
    'body',
  );

  const horizonYears = input.horizonYears ?? APPRAISAL_LIMITS.defaultLocalisationHorizonYears;
  const size = localised.cohortSize;
  const participants = size && PARTICIPANT_UNITS.has(size.unit) ? Math.round(size.localised) : 0;
  const costs: AppraisalScenarioInput['costs'] = [];
  caseStudy.costs.forEach((line, i) => {
    const result = scenarioCostOf(
      line,
      localised.costs[i] as LocalisedCaseStudy['costs'][number],
      horizonYears,
      participants,
    );
    if (typeof result === 'string') leftOut.push({ item: `Cost: ${line.label}`, reason: result });
    else costs.push(result);
  });
  const benefits: AppraisalScenarioInput['benefits'] = localised.benefits.map((b) => {
    const indicator = reference.indicatorsById.get(b.indicator);
    const unitCost = reference.unitCosts.find((u) => u.id === b.unitCostId);
    const item = unitCost?.item ?? b.unitCostId;
    return {
      label: `${indicator?.name ?? b.indicator}: ${item}`,
      indicator: b.indicator,
      outcomesPerYear: b.localisedOutcomes,
      valuation: {
        label: b.localUnitCost ? `${item} (local value)` : item,
        money: b.unitValue,
        agency: b.agency,
        cashable: b.cashable,
      },
      startYear: 1,
      durationYears: horizonYears - 1,
      ...(input.adjustments ? { adjustments: input.adjustments } : {}),
    };
  });

  const missing: string[] = [];
  if (costs.length === 0) {
    missing.push(
      `${caseStudy.title} reports no cost that can be appraised, so there is no NPV, BCR or payback: the break-even cost shows the most it could cost here each year and still pay for itself. Evaluate before deciding.`,
    );
  }

  // Parsed so the scenario returned is complete (defaults written out) and can be sent back as it is.
  const scenario: AppraisalScenario = AppraisalScenario.parse({
    label: `${caseStudy.title}, localised to ${target.name}`,
    priceYear: input.priceYear,
    horizonYears,
    participants,
    ...(input.discounting ? { discounting: input.discounting } : {}),
    ...(input.optimismBias ? { optimismBias: input.optimismBias } : {}),
    costs,
    benefits,
  });
  const assumptions = [
    `Figures scale with the ratio of children's populations (0–17): ${target.name} ${localised.population.targetPopulation.toLocaleString('en-GB')} ÷ ${localised.population.sourcePopulation.toLocaleString('en-GB')} = ${localised.population.ratio.toFixed(4)}.`,
    `Each outcome's improvement (baseline to follow-up, as a number of children or cases) is taken as a yearly effect from year 1 to year ${horizonYears - 1}${input.adjustments ? ', after the adjustments given' : ', with no deadweight, displacement, attribution or drop-off unless you give them'}.`,
    `Reported costs fall from year 0: set-up and one-off costs once${input.scaleSetUpCosts ? ' (scaled with population, as asked)' : ' (not scaled: they are largely fixed)'}, running costs each year they cover.`,
  ];
  const { stamp: localisationStamp, population, ...localisation } = localised;
  const base = {
    slug,
    title: caseStudy.title,
    source: {
      councils: caseStudy.councils.map((code) => ({
        gssCode: code,
        name: reference.councilsByCode.get(code)?.name ?? code,
      })),
    },
    target: { gssCode: target.gssCode, name: target.name },
    priceYear: input.priceYear,
    population,
    localisation,
    scenario,
    assumptions,
    leftOut,
    missing,
  };

  if (costs.length === 0) {
    const benefitsOnly = withCostingErrors(() => appraiseScenario(scenario, contextOf(reference)), 'body');
    const annuity = benefitsOnly.years.reduce((sum, y) => sum + y.discountFactor, 0);
    return {
      ...base,
      appraisal: null,
      simulation: null,
      breakEven: {
        presentValueBenefits: benefitsOnly.presentValueBenefits,
        presentValueByAgency: benefitsOnly.presentValueByAgency,
        // Unrounded PV ÷ annuity factor would be a penny truer; the PV is already the published figure.
        maximumCostPerYear: toMoney(benefitsOnly.presentValueBenefits.pence / annuity, input.priceYear),
        years: horizonYears,
      },
      warnings: [],
      stamp: {
        ...benefitsOnly.stamp,
        deflatorRelease: benefitsOnly.stamp.deflatorRelease ?? localisationStamp.deflatorRelease,
      },
    };
  }
  assertSimulationWork(scenario, input.monteCarlo, 'body.monteCarlo.iterations');
  const result = runAppraisal(scenario, reference, input.monteCarlo, 'body');
  return {
    ...base,
    appraisal: result.appraisal,
    simulation: result.simulation,
    breakEven: null,
    warnings: result.warnings,
    stamp: result.stamp,
  };
}
