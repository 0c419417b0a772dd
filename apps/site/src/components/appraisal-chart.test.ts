import { describe, expect, it } from 'vitest';
import { layoutAppraisalChart } from './appraisal-chart.ts';

const years = [-300, -220, -150, -70, 10].map((pounds, year) => ({
  year,
  cumulativeDiscountedNet: { pence: pounds * 100_000 },
}));

describe('layoutAppraisalChart', () => {
  const chart = layoutAppraisalChart(years, 4);

  it('draws each bar from the zero line, below it while the option has not paid back', () => {
    expect(chart.bars).toHaveLength(5);
    for (const bar of chart.bars.slice(0, 4)) {
      expect(bar.positive).toBe(false);
      expect(bar.y).toBeCloseTo(chart.zeroY);
    }
    const last = chart.bars[4];
    expect(last?.positive).toBe(true);
    expect((last?.y ?? 0) + (last?.height ?? 0)).toBeCloseTo(chart.zeroY);
  });

  it('makes bar height proportional to the amount and keeps bars inside the plot', () => {
    const [first, second] = chart.bars;
    expect((first?.height ?? 0) / (second?.height ?? 1)).toBeCloseTo(300 / 220);
    for (const bar of chart.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(chart.plot.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(chart.plot.right);
      expect(bar.y).toBeGreaterThanOrEqual(chart.plot.top);
      expect(bar.y + bar.height).toBeLessThanOrEqual(chart.plot.bottom + 1e-9);
    }
  });

  it('describes the chart in words, payback included', () => {
    expect(chart.description).toBe(
      'Cumulative discounted net benefit at the end of each year, from -£300,000 in year 0 to £10,000 in year 4. It pays back, in discounted terms, in year 4.',
    );
    expect(layoutAppraisalChart(years.slice(0, 3), null).description).toContain(
      'It does not pay back within the years appraised.',
    );
  });

  it('copes with an all-zero series', () => {
    const flat = layoutAppraisalChart([{ year: 0, cumulativeDiscountedNet: { pence: 0 } }], null);
    expect(flat.bars[0]?.height).toBe(0);
    expect(Number.isFinite(flat.zeroY)).toBe(true);
  });
});
