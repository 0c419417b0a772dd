import type { ProblemFieldError } from '../lib/api-client.ts';
import type {
  DecisionValue,
  RecommendationValue,
  RuleCheck,
  ServiceReview,
  Severity,
} from './portfolio-schemas.ts';
import type { TagColour } from './tag.astro';

/**
 * Pure presentation helpers for the decommissioning review pages: labels, tag colours, ordering and the
 * mapping of API problems onto form fields. Kept out of the .astro files so they can be unit-tested.
 */

export interface TagView {
  text: string;
  colour: TagColour;
}

/** Recommendations as a commissioner reads them. They prompt a look; they never decide. */
export const RECOMMENDATION_TAGS: Record<RecommendationValue, TagView> = {
  keep: { text: 'Keep', colour: 'green' },
  review: { text: 'Review', colour: 'yellow' },
  'consider-decommissioning': { text: 'Consider decommissioning', colour: 'red' },
  'evaluate-before-deciding': { text: 'Evaluate before deciding', colour: 'blue' },
};

/** The sentence that goes with "evaluate before deciding" wherever it appears. */
export const EVALUATE_EXPLANATION =
  'Evaluate before deciding: the service lacks outcome data or strong evidence. Missing evidence is not a reason to cut on its own; gather it first.';

export const SEVERITY_TAGS: Record<Severity, TagView> = {
  concern: { text: 'Concern', colour: 'red' },
  warning: { text: 'Warning', colour: 'orange' },
  info: { text: 'Information', colour: 'grey' },
};

const SEVERITY_ORDER: Record<Severity, number> = { concern: 0, warning: 1, info: 2 };

/** Plain names for the seven rules; an unknown rule id is shown as written. */
export const RULE_NAMES: Record<string, string> = {
  'no-outcome-data': 'No outcome data',
  'outcomes-not-improving': 'Outcomes not improving',
  'cost-per-outcome-above-upper-quartile': 'Cost per outcome above the upper quartile',
  dominated: 'A cheaper, at-least-as-effective alternative exists',
  'weak-evidence-after-n-years': 'Weak evidence after several years',
  'duplicate-provision': 'Possible duplicate provision',
  'contract-ending-soon': 'Contract ending soon',
};

export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? rule;
}

export const DECISION_LABELS: Record<DecisionValue, string> = {
  keep: 'Keep',
  change: 'Change (redesign or re-specify)',
  decommission: 'Decommission',
  evaluate: 'Evaluate first',
};

/** Threshold names from the review, in words with their units. */
const THRESHOLD_LABELS: Record<string, { label: string; unit?: string }> = {
  outcomeTolerancePercent: {
    label: 'Outcome tolerance (change smaller than this counts as not improving)',
    unit: '%',
  },
  costPercentile: { label: 'Cost-per-outcome percentile of comparable evidence' },
  minComparators: { label: 'Fewest comparators for a cost comparison' },
  dominanceCostMarginPercent: { label: 'How much cheaper an alternative must be', unit: '%' },
  dominanceMinEvidenceLevel: { label: 'Weakest evidence level an alternative may have' },
  weakEvidenceMaxLevel: { label: 'Evidence level at or below which evidence is weak' },
  weakEvidenceAfterYears: { label: 'Years of delivery before weak evidence is flagged', unit: ' years' },
  duplicateKeywordOverlap: { label: 'Cohort keyword overlap that counts as the same cohort' },
  contractWindowMonths: { label: 'Decision window before a contract ends', unit: ' months' },
};

export interface ThresholdRow {
  key: string;
  label: string;
  value: string;
}

/** The thresholds a review used, in a stable order (known ones first, as documented), labelled. */
export function describeThresholds(thresholds: Record<string, number | string>): ThresholdRow[] {
  const known = Object.keys(THRESHOLD_LABELS).filter((key) => key in thresholds);
  const other = Object.keys(thresholds)
    .filter((key) => !(key in THRESHOLD_LABELS))
    .sort();
  return [...known, ...other].map((key) => {
    const meta = THRESHOLD_LABELS[key];
    const value = thresholds[key];
    return { key, label: meta?.label ?? key, value: `${String(value)}${meta?.unit ?? ''}` };
  });
}

/** Fired flags, most severe first; rules keep their review order within a severity. */
export function sortFlags(flags: readonly RuleCheck[]): RuleCheck[] {
  return flags
    .map((flag, index) => ({ flag, index }))
    .sort((a, b) => SEVERITY_ORDER[a.flag.severity] - SEVERITY_ORDER[b.flag.severity] || a.index - b.index)
    .map(({ flag }) => flag);
}

/** One tag per rule fired at the highest severity it fired with (a rule on three indicators is one tag). */
export function summariseFlags(
  flags: readonly RuleCheck[],
): { rule: string; severity: Severity; count: number }[] {
  const byRule = new Map<string, { rule: string; severity: Severity; count: number }>();
  for (const flag of sortFlags(flags)) {
    const seen = byRule.get(flag.rule);
    if (seen) seen.count += 1;
    else byRule.set(flag.rule, { rule: flag.rule, severity: flag.severity, count: 1 });
  }
  return [...byRule.values()];
}

/** How many services got each recommendation, in the order of the table (zero counts left out). */
export function countRecommendations(
  results: readonly ServiceReview[],
): { recommendation: RecommendationValue; count: number }[] {
  const order: RecommendationValue[] = [
    'consider-decommissioning',
    'review',
    'evaluate-before-deciding',
    'keep',
  ];
  return order
    .map((recommendation) => ({
      recommendation,
      count: results.filter((r) => r.recommendation === recommendation).length,
    }))
    .filter((entry) => entry.count > 0);
}

/** A figure from a rule's evidence, named in words: `costPerOutcomePence` → "Cost per outcome: £1,234". */
export function formatEvidenceValue(
  name: string,
  value: number | string | null,
): { label: string; value: string } {
  const words = name
    .replace(/Pence$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  if (value === null) return { label, value: 'not known' };
  if (typeof value === 'string') return { label, value };
  if (name.endsWith('Pence')) {
    return { label, value: `£${Math.round(value / 100).toLocaleString('en-GB')}` };
  }
  // A year is a label, not a quantity: "2019", never "2,019".
  if (/Year$/.test(name)) return { label, value: String(value) };
  const rounded = Number.isInteger(value) ? value : Number(value.toFixed(2));
  return { label, value: `${rounded.toLocaleString('en-GB')}${/Percent$/.test(name) ? '%' : ''}` };
}

/** The method stamp in one line: "Method 1.0.0, rules 1.0.0, deflators HM Treasury … March 2026". */
export function formatMethodStamp(stamp: {
  methodVersion: string;
  rulesVersion?: string | undefined;
  deflatorRelease?: string | null | undefined;
}): string {
  return [
    `Method ${stamp.methodVersion}`,
    stamp.rulesVersion && `rules ${stamp.rulesVersion}`,
    stamp.deflatorRelease && `deflators ${stamp.deflatorRelease}`,
  ]
    .filter(Boolean)
    .join(', ');
}

export interface FieldErrors {
  /** Messages for the error summary, each linking to its field. */
  summary: { text: string; href: string }[];
  /** Message per form field id. */
  byField: Record<string, string>;
}

/**
 * Maps an API problem's `errors[].path` (`body.rationale`) onto form field ids (`rationale`). A path the
 * form has no field for goes to `fallbackField`, so no message is lost.
 */
export function mapFieldErrors(
  errors: readonly ProblemFieldError[],
  fields: Readonly<Record<string, string>>,
  fallbackField: string,
): FieldErrors {
  const result: FieldErrors = { summary: [], byField: {} };
  for (const error of errors) {
    const key = error.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    const field = fields[key] ?? fallbackField;
    result.summary.push({ text: error.message, href: `#${field}` });
    result.byField[field] ??= error.message;
  }
  return result;
}

/** Orders decision history newest first (dates are YYYY-MM-DD; ties keep the API's order, newest last). */
export function newestFirst<T extends { decidedOn: string }>(decisions: readonly T[]): T[] {
  return decisions
    .map((decision, index) => ({ decision, index }))
    .sort((a, b) => b.decision.decidedOn.localeCompare(a.decision.decidedOn) || b.index - a.index)
    .map(({ decision }) => decision);
}
