import { percent, type Rule, type RuleCheck } from './rule-check.ts';

/**
 * Per indicator with both a baseline and a latest value: fires when the indicator did not move the better
 * way (from the taxonomy's `betterDirection`) by more than the tolerance, as a % of the baseline. A zero
 * baseline has no percentage, so any move the better way counts as improving.
 */
export const outcomesNotImproving: Rule = (s, { thresholds }) => {
  const tolerance = thresholds.outcomeTolerancePercent;
  return s.outcomes.map((o): RuleCheck => {
    const base = {
      rule: 'outcomes-not-improving' as const,
      severity: 'concern' as const,
      category: 'performance' as const,
      threshold: { outcomeTolerancePercent: tolerance },
      evidence: {
        indicator: o.info.id,
        comparatorSlugs: [],
        relatedServices: [],
        values: {
          baseline: o.baseline?.value ?? null,
          baselineYear: o.baseline?.year ?? null,
          latest: o.latest?.value ?? null,
          latestYear: o.latest?.year ?? null,
          betterDirection: o.info.betterDirection,
          improvementPercent: o.improvementPercent,
        },
      },
    };
    if (!o.baseline || !o.latest || o.improvement === null) {
      return {
        ...base,
        status: 'not-assessed',
        explanation: `${o.info.name}: a baseline and a latest value are both needed to see whether it is improving.`,
      };
    }
    const better = o.info.betterDirection === 'lower' ? 'falls' : 'rises';
    const moved = `${o.info.name} went from ${o.baseline.value} (${o.baseline.year}) to ${o.latest.value} (${o.latest.year})`;
    const improving = o.improvementPercent === null ? o.improvement > 0 : o.improvementPercent > tolerance;
    const change =
      o.improvementPercent === null
        ? 'from a zero baseline'
        : `an improvement of ${percent(o.improvementPercent)}`;
    return improving
      ? {
          ...base,
          status: 'clear',
          explanation: `${moved}, ${change}, more than the ${percent(tolerance)} tolerance (better when it ${better}).`,
        }
      : {
          ...base,
          status: 'fired',
          explanation: `${moved}, ${change}, which is not more than the ${percent(tolerance)} tolerance in the better direction (better when it ${better}).`,
        };
  });
};
