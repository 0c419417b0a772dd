import type { Recommendation } from './recommendation.ts';
import type { Flag, RuleId } from './rules/rule-check.ts';

const PERFORMANCE_RULES: readonly RuleId[] = [
  'outcomes-not-improving',
  'cost-per-outcome-above-upper-quartile',
  'dominated',
];

export interface RecommendationWithReason {
  recommendation: Recommendation;
  explanation: string;
}

const list = (rules: Iterable<string>) => [...rules].join(', ');

/**
 * The recommendation table (README). It reads which *kinds* of rule fired, never how many flags there are,
 * so several evidence gaps never add up to a reason to cut:
 *
 * | Rules fired (contract-ending-soon only times the decision)     | Recommendation           |
 * | -------------------------------------------------------------- | ------------------------ |
 * | none                                                           | keep                     |
 * | only evidence gaps (no-outcome-data, weak-evidence-after-n-years) | evaluate-before-deciding |
 * | duplicate-provision, or exactly one performance rule           | review                   |
 * | two or more different performance rules                       | consider-decommissioning |
 *
 * Performance rules: outcomes-not-improving, cost-per-outcome-above-upper-quartile, dominated.
 */
export function recommend(flags: readonly Flag[]): RecommendationWithReason {
  const fired = new Set(flags.map((f) => f.rule));
  const performance = PERFORMANCE_RULES.filter((r) => fired.has(r));
  const gaps = [...fired].filter((r) => flags.some((f) => f.rule === r && f.category === 'evidence-gap'));
  const duplicate = fired.has('duplicate-provision');
  const contract = flags.find((f) => f.rule === 'contract-ending-soon');
  const timing = contract ? ` ${contract.explanation}` : '';
  const gapNote =
    gaps.length > 0
      ? ` The evidence is also incomplete (${list(gaps)}): missing evidence is never on its own a reason to decommission.`
      : '';

  if (performance.length >= 2) {
    return {
      recommendation: 'consider-decommissioning',
      explanation: `Consider decommissioning: ${performance.length} independent signs of poor value (${list(performance)}). The rules inform the decision; a commissioner decides, with the rationale recorded.${gapNote}${timing}`,
    };
  }
  if (performance.length === 1 || duplicate) {
    const reasons = [...performance, ...(duplicate ? ['duplicate-provision'] : [])];
    return {
      recommendation: 'review',
      explanation: `Review: ${list(reasons)} fired, which calls for a closer look (redesign, merge or re-specify) rather than a cut on this alone.${gapNote}${timing}`,
    };
  }
  if (gaps.length > 0) {
    return {
      recommendation: 'evaluate-before-deciding',
      explanation: `Evaluate before deciding: the only concerns are missing or weak evidence (${list(gaps)}), and missing evidence is never on its own a reason to decommission. Collect outcome data or commission an evaluation first.${timing}`,
    };
  }
  return {
    recommendation: 'keep',
    explanation: `Keep: no rule found a concern.${timing}`,
  };
}
