import { describe, expect, it } from 'vitest';
import { CONTEXT } from '../test/fixtures.ts';
import type { AppraisalScenarioInput } from './appraisal-scenario.ts';
import { appraise } from './appraise.ts';
import { simulateAppraisal } from './simulate-appraisal.ts';

const py = '2024-25';

const uncertain: AppraisalScenarioInput = {
  priceYear: py,
  horizonYears: 6,
  participants: 40,
  costs: [
    { label: 'Set-up', kind: 'set-up', amount: { pence: 20_000_000, priceYear: py } },
    {
      label: 'Team',
      kind: 'recurring',
      startYear: 1,
      amount: {
        pence: { type: 'triangular', low: 30_000_000, likely: 35_000_000, high: 45_000_000 },
        priceYear: py,
      },
    },
  ],
  benefits: [
    {
      label: 'Care avoided',
      outcomesPerYear: { type: 'pert', low: 2, likely: 7, high: 12 },
      valuation: { unitCostId: 'lac-average-fiscal-per-year' },
      durationYears: 5,
      adjustments: {
        deadweightPercent: { type: 'normal', mean: 20, sd: 10, min: 0, max: 60 },
        dropOffPercent: { type: 'triangular', low: 0, likely: 10, high: 30 },
      },
    },
  ],
};

describe('simulateAppraisal', () => {
  it('gives the same result for the same seed', () => {
    const a = simulateAppraisal(uncertain, CONTEXT, { seed: 2024, iterations: 2000 });
    const b = simulateAppraisal(uncertain, CONTEXT, { seed: 2024, iterations: 2000 });
    expect(b).toEqual(a);
    const c = simulateAppraisal(uncertain, CONTEXT, { seed: 2025, iterations: 2000 });
    expect(c.npv.p50).not.toEqual(a.npv.p50);
  });

  it('runs 10,000 iterations by default and stamps the seed and iterations', () => {
    const r = simulateAppraisal(uncertain, CONTEXT, { seed: 1 });
    expect(r.iterations).toBe(10_000);
    expect(r.stamp).toMatchObject({ methodVersion: '1.0.0', seed: 1, iterations: 10_000 });
    expect(r.stamp.discountSchedule?.id).toBe('standard');
  });

  it('orders its percentiles and gives a probability', () => {
    const r = simulateAppraisal(uncertain, CONTEXT, { seed: 9 });
    expect(r.npv.p10.pence).toBeLessThan(r.npv.p50.pence);
    expect(r.npv.p50.pence).toBeLessThan(r.npv.p90.pence);
    expect(r.bcr && r.bcr.p10 < r.bcr.p50 && r.bcr.p50 < r.bcr.p90).toBe(true);
    expect(r.probabilityNpvPositive).toBeGreaterThan(0);
    expect(r.probabilityNpvPositive).toBeLessThan(1);
    expect(r.warnings).toEqual([]);
  });

  it('reproduces the point estimate when nothing is uncertain', () => {
    const certain: AppraisalScenarioInput = {
      ...uncertain,
      costs: [{ label: 'Team', kind: 'recurring', amount: { pence: 35_000_000, priceYear: py } }],
      benefits: [
        {
          label: 'Care avoided',
          outcomesPerYear: 7,
          valuation: { unitCostId: 'lac-average-fiscal-per-year' },
          durationYears: 5,
        },
      ],
    };
    const point = appraise(certain, CONTEXT);
    const r = simulateAppraisal(certain, CONTEXT, { seed: 3, iterations: 500 });
    expect(r.npv.p10).toEqual(point.npv);
    expect(r.npv.p90).toEqual(point.npv);
    expect(r.probabilityNpvPositive).toBe(point.npv.pence > 0 ? 1 : 0);
  });

  it('warns that the BCR is unstable when costs can be near zero', () => {
    const r = simulateAppraisal(
      {
        ...uncertain,
        costs: [
          {
            label: 'Light-touch change',
            kind: 'one-off',
            amount: { pence: { type: 'triangular', low: 0, likely: 1_000, high: 5_000_000 }, priceYear: py },
          },
        ],
      },
      CONTEXT,
      { seed: 5 },
    );
    expect(r.warnings.map((w) => w.code)).toEqual(['unstable-bcr']);
  });

  it('refuses a bad iteration count or seed', () => {
    expect(() => simulateAppraisal(uncertain, CONTEXT, { seed: 1, iterations: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-iterations' }),
    );
    expect(() => simulateAppraisal(uncertain, CONTEXT, { seed: -4 })).toThrow(
      expect.objectContaining({ code: 'invalid-seed' }),
    );
  });
});
