import { formatPence } from '@costed/schema';
import { quantile } from './quantile.ts';
import { emptyEvidence, type Rule, type RuleCheck } from './rule-check.ts';

const pounds = (pence: number) => formatPence(Math.round(pence));

/**
 * Per indicator: the service's cost per outcome (annual cost ÷ outcomes improved per year, at the review's
 * price year) against the chosen percentile of comparable case studies on the same indicator. With fewer
 * comparators than the minimum the quartile means little, so the rule says "too few comparators" instead.
 */
export const costPerOutcomeAboveUpperQuartile: Rule = (s, { thresholds, comparators, priceYear }) => {
  const { costPercentile, minComparators } = thresholds;
  return s.outcomes.map((o): RuleCheck => {
    const base = {
      rule: 'cost-per-outcome-above-upper-quartile' as const,
      severity: 'warning' as const,
      category: 'performance' as const,
      threshold: { costPercentile, minComparators, priceYear },
    };
    const pool = comparators.filter(
      (c) =>
        c.indicator === o.info.id &&
        typeof c.costPerOutcomePence === 'number' &&
        Number.isFinite(c.costPerOutcomePence),
    );
    const evidence = {
      ...emptyEvidence(o.info.id),
      comparatorSlugs: pool.map((c) => c.slug),
      values: {
        annualCostPence: s.annualCostPence === null ? null : Math.round(s.annualCostPence),
        outcomesPerYear: o.outcomesPerYear,
        comparatorCount: pool.length,
      } as Record<string, number | string | null>,
    };
    if (s.annualCostPence === null) {
      return {
        ...base,
        status: 'not-assessed',
        evidence,
        explanation: `${o.info.name}: cost per outcome needs the annual cost at ${priceYear} prices (${s.costNote ?? 'not recorded'}).`,
      };
    }
    if (o.outcomesPerYear === null || o.outcomesPerYear <= 0) {
      return {
        ...base,
        status: 'not-assessed',
        evidence,
        explanation: `${o.info.name}: no cost per outcome, because ${o.outcomesNote ?? 'no outcomes improved'}.`,
      };
    }
    const costPerOutcome = s.annualCostPence / o.outcomesPerYear;
    evidence.values.costPerOutcomePence = Math.round(costPerOutcome);
    if (pool.length < minComparators) {
      // Evidence on the indicator without a whole cost is named, so a commissioner sees that the gap is in
      // what the sources report (a cost is never filled in), not in the search.
      const uncosted = [
        ...new Set(
          comparators.filter((c) => c.indicator === o.info.id && !pool.includes(c)).map((c) => c.slug),
        ),
      ];
      evidence.values.uncostedComparatorCount = uncosted.length;
      const without =
        uncosted.length === 0
          ? ''
          : `; ${uncosted.length} more ${uncosted.length === 1 ? 'reports' : 'report'} this indicator without a whole cost (${uncosted.join(', ')})`;
      return {
        ...base,
        status: 'not-assessed',
        evidence,
        explanation: `${o.info.name}: too few comparators (${pool.length} case ${pool.length === 1 ? 'study' : 'studies'} with a cost per outcome, ${minComparators} needed${without}), so ${pounds(costPerOutcome)} per outcome is not compared.`,
      };
    }
    const limit = quantile(
      pool.map((c) => c.costPerOutcomePence as number),
      costPercentile,
    );
    evidence.values.percentilePence = Math.round(limit);
    const compared = `${pounds(costPerOutcome)} per outcome against a ${costPercentile}th percentile of ${pounds(limit)} across ${pool.length} comparable case studies (${priceYear} prices)`;
    return costPerOutcome > limit
      ? {
          ...base,
          status: 'fired',
          evidence,
          explanation: `${o.info.name}: ${compared}, so it costs more per outcome than most comparable evidence.`,
        }
      : {
          ...base,
          status: 'clear',
          evidence,
          explanation: `${o.info.name}: ${compared}, which is not above it.`,
        };
  });
};
