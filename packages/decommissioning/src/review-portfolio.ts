import {
  createMethodStamp,
  createPriceConverter,
  type DeflatorInput,
  improvementAsCount,
  isCostingError,
  type MethodStamp,
  measureImpact,
  type PriceConverter,
} from '@costed/costing';
import { PriceYear } from '@costed/schema';
import { DecommissioningError } from './decommissioning-error.ts';
import { isIsoDate } from './iso-date.ts';
import { PortfolioService, type PortfolioServiceInput } from './portfolio-service.ts';
import { recommend } from './recommend.ts';
import type { Recommendation } from './recommendation.ts';
import { ReviewThresholds, type ReviewThresholdsInput } from './review-thresholds.ts';
import { contractEndingSoon } from './rules/contract-ending-soon.ts';
import { costPerOutcomeAboveUpperQuartile } from './rules/cost-per-outcome-above-upper-quartile.ts';
import { dominated } from './rules/dominated.ts';
import { duplicateProvision } from './rules/duplicate-provision.ts';
import { noOutcomeData } from './rules/no-outcome-data.ts';
import { outcomesNotImproving } from './rules/outcomes-not-improving.ts';
import type {
  EvidenceComparator,
  Flag,
  IndicatorInfo,
  MeasuredOutcome,
  PreparedService,
  Rule,
  RuleCheck,
  RuleContext,
} from './rules/rule-check.ts';
import { weakEvidenceAfterNYears } from './rules/weak-evidence-after-n-years.ts';

/** Bumped whenever a rule or the recommendation table changes in a way that could change a result. */
export const RULES_VERSION = '1.0.0';

/** The rules, in the order their checks are reported. */
export const RULES: readonly Rule[] = [
  noOutcomeData,
  outcomesNotImproving,
  costPerOutcomeAboveUpperQuartile,
  dominated,
  weakEvidenceAfterNYears,
  duplicateProvision,
  contractEndingSoon,
];

export interface ReviewOptions {
  thresholds?: ReviewThresholdsInput;
  /** The review date, YYYY-MM-DD: the rules never read the clock. */
  today: string;
  /** The outcome-indicator taxonomy (at least every indicator the services name). */
  indicators: readonly IndicatorInfo[];
  deflators: DeflatorInput;
  /** Case-study evidence as plain data; money is converted here to `priceYear`. */
  comparators?: readonly EvidenceComparator[];
  /** The price year every figure is compared at, e.g. `2024-25`. */
  priceYear: string;
}

export interface ServiceReview {
  service: PortfolioService;
  /** Position in the portfolio as given (0-based). */
  position: number;
  /** Fired checks only. */
  flags: Flag[];
  /** Every check, including those clear or not assessed, each with its explanation. */
  checks: RuleCheck[];
  recommendation: Recommendation;
  explanation: string;
}

export interface PortfolioReview {
  results: ServiceReview[];
  thresholds: ReviewThresholds;
  methodStamp: MethodStamp & { rulesVersion: string };
  reviewedOn: string;
  priceYear: string;
}

function measureOutcomes(
  service: PortfolioService,
  indicators: ReadonlyMap<string, IndicatorInfo>,
): MeasuredOutcome[] {
  return service.indicators.map((target) => {
    const info = indicators.get(target.indicator);
    if (!info) {
      throw new DecommissioningError(
        'unknown-indicator',
        `Service "${service.name}" names the indicator "${target.indicator}", which is not in the taxonomy passed in: pass the full indicator taxonomy, or correct the indicator id.`,
        { indicator: target.indicator, service: service.name },
      );
    }
    const { baseline, latest } = target;
    const outcome: MeasuredOutcome = {
      info,
      baseline,
      latest,
      improvement: null,
      improvementPercent: null,
      outcomesPerYear: null,
      outcomesNote: null,
    };
    if (!baseline || !latest) {
      outcome.outcomesNote = 'a baseline and a latest value are both needed';
      return outcome;
    }
    const measure = {
      indicator: info.id,
      betterDirection: info.betterDirection,
      unit: info.unit,
      baseline,
      followUp: latest,
      // A percentage of the service's own participants is the one rate a portfolio row can turn into a count.
      population:
        info.unit === 'percent' && service.participantsPerYear ? service.participantsPerYear : undefined,
    };
    const impact = measureImpact(measure);
    outcome.improvement = impact.improvement;
    outcome.improvementPercent =
      baseline.value === 0 ? null : (impact.improvement * 100) / Math.abs(baseline.value);
    if (info.unit !== 'count' && info.unit !== 'percent') {
      outcome.outcomesNote = `a ${info.unit} cannot be turned into a number of children improved per year`;
    } else if (info.unit === 'percent' && !service.participantsPerYear) {
      outcome.outcomesNote = 'a percentage needs participants per year to count outcomes';
    } else {
      outcome.outcomesPerYear = improvementAsCount(measure);
      if (outcome.outcomesPerYear <= 0) outcome.outcomesNote = 'the indicator did not improve';
    }
    return outcome;
  });
}

function convert(
  converter: PriceConverter,
  pence: number,
  from: string,
  to: string,
): { pence: number | null; note: string | null } {
  try {
    return { pence: pence * converter.factor(from, to), note: null };
  } catch (error) {
    // One service in a calendar price year, or outside the series, should not stop the whole review:
    // its cost rules say why they could not be assessed instead.
    if (isCostingError(error)) return { pence: null, note: error.message };
    throw error;
  }
}

/**
 * Reviews every service in a portfolio against the rules. Pure: no I/O and no clock (`today` is passed in).
 * Each result lists every check, the flags among them, and a recommendation from the documented table.
 */
export function reviewPortfolio(
  services: readonly PortfolioServiceInput[],
  options: ReviewOptions,
): PortfolioReview {
  if (!isIsoDate(options.today)) {
    throw new DecommissioningError(
      'invalid-date',
      `"${options.today}" is not a date: pass today as YYYY-MM-DD.`,
    );
  }
  const priceYear = PriceYear.safeParse(options.priceYear);
  if (!priceYear.success) {
    throw new DecommissioningError(
      'invalid-review-options',
      `The review price year is not valid: ${priceYear.error.issues[0]?.message}.`,
    );
  }
  const thresholds = ReviewThresholds.safeParse(options.thresholds ?? {});
  if (!thresholds.success) {
    const details = thresholds.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new DecommissioningError(
      'invalid-review-options',
      `The review thresholds are not valid (${details.join('; ')}): correct them or leave them out to use the defaults.`,
      { details },
    );
  }
  const parsed = services.map((s, i) => {
    const result = PortfolioService.safeParse(s);
    if (!result.success) {
      const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new DecommissioningError(
        'invalid-service',
        `Service ${i + 1} is not a valid portfolio service (${details.join('; ')}): import it again or correct it.`,
        { details, position: i },
      );
    }
    return result.data;
  });

  const target = priceYear.data;
  const converter = createPriceConverter(options.deflators);
  const indicators = new Map(options.indicators.map((i) => [i.id, i]));

  const prepared: PreparedService[] = parsed.map((service, position) => {
    const cost = service.annualCost
      ? convert(converter, service.annualCost.pence, service.annualCost.priceYear, target)
      : { pence: null, note: 'the annual cost is not recorded' };
    return {
      service,
      position,
      annualCostPence: cost.pence,
      costNote: cost.note,
      outcomes: measureOutcomes(service, indicators),
    };
  });

  // Comparators whose money cannot be converted are left out rather than compared at the wrong prices.
  const comparators: EvidenceComparator[] = [];
  for (const c of options.comparators ?? []) {
    const out: EvidenceComparator = { ...c, priceYear: target };
    let convertible = true;
    for (const key of ['costPerOutcomePence', 'costPerParticipantPence'] as const) {
      const value = c[key];
      if (typeof value !== 'number') continue;
      const converted = convert(converter, value, c.priceYear, target);
      if (converted.pence === null) convertible = false;
      out[key] = converted.pence;
    }
    if (convertible) comparators.push(out);
  }

  const context: RuleContext = {
    thresholds: thresholds.data,
    today: options.today,
    priceYear: target,
    services: prepared,
    comparators,
  };
  const results = prepared.map((s): ServiceReview => {
    const checks = RULES.flatMap((rule) => rule(s, context));
    const flags = checks.filter((c): c is Flag => c.status === 'fired');
    return { service: s.service, position: s.position, flags, checks, ...recommend(flags) };
  });

  return {
    results,
    thresholds: thresholds.data,
    methodStamp: {
      ...createMethodStamp({ deflatorRelease: converter.releaseFor(target) }),
      rulesVersion: RULES_VERSION,
    },
    reviewedOn: options.today,
    priceYear: target,
  };
}
