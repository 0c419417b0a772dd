import type { OutcomeMeasure } from '@costed/schema';
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, layoutOutcomeChart, niceCeiling } from './outcome-chart.ts';

const citation = { source: 's', quote: 'a quoted sentence' };
const gcse: OutcomeMeasure = {
  indicator: 'gcse',
  unit: 'percent',
  betterDirection: 'higher',
  baseline: { value: 32, year: '2000' },
  followUp: { value: 50, year: '2012' },
  citation,
};
const neet: OutcomeMeasure = {
  indicator: 'neet',
  unit: 'percent',
  betterDirection: 'lower',
  followUp: { value: 18.6, year: '2015' },
  comparator: { label: 'national average', value: 37 },
  citation,
};

describe('layoutOutcomeChart', () => {
  it('draws each outcome on its own scale from zero, inside the chart', () => {
    const chart = layoutOutcomeChart([gcse, neet], (id) => id.toUpperCase());
    expect(chart.rows).toHaveLength(2);
    const [first, second] = chart.rows;
    expect(first?.axisMax.label).toBe('50%');
    expect(first?.baseline?.x).toBeLessThan(first?.followUp.x ?? 0);
    expect(second?.axisMax.label).toBe('50%');
    expect(second?.comparator?.x).toBeGreaterThan(second?.followUp.x ?? Infinity);
    for (const row of chart.rows) {
      for (const p of [row.baseline, row.followUp, row.comparator]) {
        if (!p) continue;
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(CHART_WIDTH);
      }
    }
    // A label at the right edge grows leftwards so it is not cut off.
    expect(first?.followUp.anchor).toBe('end');
    expect(second?.trackY).toBeGreaterThan(first?.trackY ?? 0);
  });

  it('describes the same figures in words, with which way is better', () => {
    const chart = layoutOutcomeChart([gcse, neet], (id) => id.toUpperCase());
    expect(chart.description).toBe(
      'GCSE: from 32% in 2000 to 50% in 2012 (better; higher is better). ' +
        'NEET: 18.6% in 2015, no baseline reported (lower is better); national average: 37%.',
    );
  });

  it('has no rows for no outcomes', () => {
    expect(layoutOutcomeChart([], (id) => id).rows).toEqual([]);
  });
});

describe('niceCeiling', () => {
  it('rounds a scale end up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(50)).toBe(50);
    expect(niceCeiling(51)).toBe(100);
    expect(niceCeiling(19)).toBe(20);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(0)).toBe(1);
  });
});
