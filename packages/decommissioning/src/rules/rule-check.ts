import type { BetterDirection, OutcomeUnit, PriceYear } from '@costed/schema';
import type { PortfolioService } from '../portfolio-service.ts';
import type { ReviewThresholds } from '../review-thresholds.ts';

export const RULE_IDS = [
  'no-outcome-data',
  'outcomes-not-improving',
  'cost-per-outcome-above-upper-quartile',
  'dominated',
  'weak-evidence-after-n-years',
  'duplicate-provision',
  'contract-ending-soon',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** `info` times a decision; `warning` asks for a closer look; `concern` is a sign of poor value. */
export type Severity = 'info' | 'warning' | 'concern';

/**
 * What a flag is about. The recommendation table reads categories, never raw counts of flags, so an
 * evidence gap can never add up to a reason to cut.
 */
export type RuleCategory = 'evidence-gap' | 'performance' | 'overlap' | 'timing';

/** Where a rule's figures came from, so a reader can check them. */
export interface RuleEvidence {
  indicator: string | null;
  /** Case studies used (comparators or alternatives). */
  comparatorSlugs: string[];
  /** Other services in the portfolio involved (duplicate provision), by name. */
  relatedServices: string[];
  /** The figures the rule compared, named; money in pence at the review's price year. */
  values: Record<string, number | string | null>;
}

/** One rule's verdict on one service (and, for per-indicator rules, one indicator). */
export interface RuleCheck {
  rule: RuleId;
  /** `fired` is a flag; `clear` means checked and fine; `not-assessed` says why it could not be checked. */
  status: 'fired' | 'clear' | 'not-assessed';
  severity: Severity;
  category: RuleCategory;
  evidence: RuleEvidence;
  /** The thresholds this rule applied, with their values. */
  threshold: Record<string, number | string>;
  /** One plain-English sentence. */
  explanation: string;
}

/** A fired check. */
export type Flag = RuleCheck & { status: 'fired' };

/** What a rule needs to know about an indicator, from the taxonomy. */
export interface IndicatorInfo {
  id: string;
  name: string;
  unit: OutcomeUnit;
  betterDirection: BetterDirection;
}

/** One target outcome of a service, measured once for every rule. */
export interface MeasuredOutcome {
  info: IndicatorInfo;
  baseline: { value: number; year: string } | null;
  latest: { value: number; year: string } | null;
  /** latest − baseline signed so positive is better; null without both values. */
  improvement: number | null;
  /** improvement ÷ |baseline| × 100; null without both values or with a zero baseline. */
  improvementPercent: number | null;
  /** Children (or cases) with a better outcome per year; null when it cannot be counted (see note). */
  outcomesPerYear: number | null;
  outcomesNote: string | null;
}

/** A service with its figures prepared at the review's price year. */
export interface PreparedService {
  service: PortfolioService;
  position: number;
  /** Annual cost at the review's price year, fractional pence; null when unknown or not convertible. */
  annualCostPence: number | null;
  costNote: string | null;
  outcomes: MeasuredOutcome[];
}

/** Evidence from Costed case studies, converted or not, as plain data. */
export interface EvidenceComparator {
  slug: string;
  indicator: string;
  priceYear: PriceYear;
  /** Cost per outcome improved, in pence at `priceYear`; null when the case study cannot give one. */
  costPerOutcomePence?: number | null;
  /** Cost per participant per year, in pence at `priceYear`. */
  costPerParticipantPence?: number | null;
  /** The case study's improvement on the indicator, % of baseline, signed so positive is better. */
  improvementPercent?: number | null;
  evidenceLevel?: number | null;
  /** The named model, so a service is never compared with itself. */
  intervention?: string | null;
}

export interface RuleContext {
  thresholds: ReviewThresholds;
  today: string;
  priceYear: PriceYear;
  services: readonly PreparedService[];
  /** Comparators with money already converted to `priceYear`. */
  comparators: readonly EvidenceComparator[];
}

export type Rule = (service: PreparedService, context: RuleContext) => RuleCheck[];

export function emptyEvidence(indicator: string | null = null): RuleEvidence {
  return { indicator, comparatorSlugs: [], relatedServices: [], values: {} };
}

/** Rounded for display in explanations: "12.3%". */
export function percent(value: number): string {
  return `${Number(value.toFixed(1))}%`;
}
