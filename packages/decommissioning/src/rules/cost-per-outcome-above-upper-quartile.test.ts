import { describe, expect, it } from 'vitest';
import { checksOf, healthyService } from '../../test/fixtures.ts';
import type { EvidenceComparator } from './rule-check.ts';

// £1,000 … £4,000 per outcome at 2024-25 prices: the upper quartile (PERCENTILE.INC) is £3,250.
const comparators: EvidenceComparator[] = [1000, 2000, 3000, 4000].map((pounds, i) => ({
  slug: `case-study-${i + 1}`,
  indicator: 'care-proceedings-under-2',
  priceYear: '2024-25',
  costPerOutcomePence: pounds * 100,
}));

// 10 fewer care proceedings a year: cost per outcome = annual cost ÷ 10.
const costing = (annualPounds: number, priceYear = '2024-25') =>
  healthyService({
    annualCost: { pence: annualPounds * 100, priceYear },
    indicators: [
      {
        indicator: 'care-proceedings-under-2',
        baseline: { value: 40, year: '2021-22' },
        latest: { value: 30, year: '2023-24' },
      },
    ],
  });

describe('cost-per-outcome-above-upper-quartile', () => {
  it('fires just above the upper quartile, naming the comparators, their count and the quartile', () => {
    const [check] = checksOf('cost-per-outcome-above-upper-quartile', [costing(32_510)], { comparators });
    expect(check).toMatchObject({
      status: 'fired',
      threshold: { costPercentile: 75, minComparators: 4, priceYear: '2024-25' },
      evidence: {
        indicator: 'care-proceedings-under-2',
        comparatorSlugs: ['case-study-1', 'case-study-2', 'case-study-3', 'case-study-4'],
        values: {
          costPerOutcomePence: 325_100,
          percentilePence: 325_000,
          comparatorCount: 4,
          outcomesPerYear: 10,
        },
      },
    });
    expect(check?.explanation).toContain('£3,251 per outcome against a 75th percentile of £3,250 across 4');
  });

  it('does not fire at or just below the upper quartile', () => {
    expect(
      checksOf('cost-per-outcome-above-upper-quartile', [costing(32_500)], { comparators })[0]?.status,
    ).toBe('clear');
    expect(
      checksOf('cost-per-outcome-above-upper-quartile', [costing(32_490)], { comparators })[0]?.status,
    ).toBe('clear');
  });

  it('says "too few comparators" and does not fire with fewer than the minimum', () => {
    const [check] = checksOf('cost-per-outcome-above-upper-quartile', [costing(1_000_000)], {
      comparators: comparators.slice(0, 3),
    });
    expect(check?.status).toBe('not-assessed');
    expect(check?.explanation).toMatch(
      /too few comparators \(3 case studies with a cost per outcome, 4 needed\)/,
    );
  });

  it('names the evidence on the indicator that reports no whole cost, never counting it', () => {
    const uncosted = {
      ...comparators[0],
      slug: 'no-cost-reported',
      costPerOutcomePence: null,
    } as (typeof comparators)[number];
    const [check] = checksOf('cost-per-outcome-above-upper-quartile', [costing(1_000_000)], {
      comparators: [...comparators.slice(0, 2), uncosted],
    });
    expect(check?.status).toBe('not-assessed');
    expect(check?.explanation).toContain(
      '2 case studies with a cost per outcome, 4 needed; 1 more reports this indicator without a whole cost (no-cost-reported)',
    );
    expect(check?.evidence.values.uncostedComparatorCount).toBe(1);
    expect(check?.evidence.comparatorSlugs).not.toContain('no-cost-reported');
  });

  it('converts the service and comparators to the review price year before comparing', () => {
    // £100 at 2012-13 prices is £139.77 at 2024-25 prices (index 100 ÷ 71.5454).
    const old = comparators.map((c) => ({
      ...c,
      priceYear: '2012-13',
      costPerOutcomePence: (c.costPerOutcomePence as number) * 0.715454,
    }));
    const [check] = checksOf('cost-per-outcome-above-upper-quartile', [costing(23_253.26, '2012-13')], {
      comparators: old,
    });
    // 23,253.26 × 100 ÷ 71.5454 = 32,501.6 → £3,250.16 per outcome, just above £3,250.
    expect(check?.status).toBe('fired');
    expect(check?.evidence.values.percentilePence).toBe(325_000);
  });

  it('ignores comparators on other indicators', () => {
    const other = comparators.map((c) => ({ ...c, indicator: 'neet-rate' }));
    expect(
      checksOf('cost-per-outcome-above-upper-quartile', [costing(1_000_000)], { comparators: other })[0]
        ?.status,
    ).toBe('not-assessed');
  });

  it('is not assessed when outcomes did not improve (no cost per outcome)', () => {
    const flat = healthyService({
      indicators: [
        {
          indicator: 'care-proceedings-under-2',
          baseline: { value: 30, year: '2021-22' },
          latest: { value: 30, year: '2023-24' },
        },
      ],
    });
    const [check] = checksOf('cost-per-outcome-above-upper-quartile', [flat], { comparators });
    expect(check?.status).toBe('not-assessed');
    expect(check?.explanation).toMatch(/did not improve/);
  });
});
