import { describe, expect, it } from 'vitest';
import { CONTEXT } from '../test/fixtures.ts';
import type { AppraisalScenarioInput } from './appraisal-scenario.ts';
import { appraise } from './appraise.ts';

const py = '2024-25';

/** Set-up £100,000 in year 0; `outcomes` placements a year avoided in years 1–3, each worth £50,000. */
function simple(outcomes: number): AppraisalScenarioInput {
  return {
    priceYear: py,
    horizonYears: 4,
    costs: [{ label: 'Set-up', kind: 'set-up', amount: { pence: 10_000_000, priceYear: py } }],
    benefits: [
      {
        label: 'Placements avoided',
        outcomesPerYear: outcomes,
        valuation: {
          label: 'Placement-year',
          money: { pence: 5_000_000, priceYear: py },
          agency: 'council-childrens-services',
          cashable: true,
        },
        startYear: 1,
        durationYears: 3,
      },
    ],
  };
}

describe('appraise', () => {
  it('works out NPV, BCR, ROI and payback', () => {
    // PV costs = 10,000,000p (year 0, undiscounted)
    // PV benefits = 5,000,000p × (0.966184 + 0.933511 + 0.901943) = 5,000,000 × 2.801637 = 14,008,184.9p → 14,008,185p
    // NPV = 4,008,185p; BCR = 1.400818; ROI = 0.400818
    // cumulative discounted net: −10,000,000; −5,169,082; −501,529; +4,008,185 → payback in year 3
    const r = appraise(simple(1), CONTEXT);
    expect(r.presentValueCosts.pence).toBe(10_000_000);
    expect(r.presentValueBenefits.pence).toBe(14_008_185);
    expect(r.npv.pence).toBe(4_008_185);
    expect(r.bcr).toBeCloseTo(1.400818, 6);
    expect(r.roi).toBeCloseTo(0.400818, 6);
    expect(r.discountedPaybackYear).toBe(3);
    expect(r.years.map((y) => y.cumulativeDiscountedNet.pence)).toEqual([
      -10_000_000, -5_169_082, -501_529, 4_008_185,
    ]);
    expect(r.stamp).toMatchObject({ methodVersion: '1.0.0', discountSchedule: { id: 'standard' } });
  });

  it('flips the sign of NPV at the break-even effect', () => {
    // break-even scale = PV costs ÷ PV benefits = 10,000,000 ÷ 14,008,184.9 = 0.713868 placements a year
    // at 0.70: 0.70 × 14,008,184.9 − 10,000,000 = −194,270.6p → −194,271p; at 0.72: +85,893.1p → +85,893p
    const r = appraise(simple(1), CONTEXT);
    expect(r.breakEvenEffect?.scale).toBeCloseTo(0.713868, 6);
    expect(r.breakEvenEffect?.benefits[0]?.outcomesPerYear).toBeCloseTo(0.713868, 6);
    expect(appraise(simple(0.7), CONTEXT).npv.pence).toBe(-194_271);
    expect(appraise(simple(0.72), CONTEXT).npv.pence).toBe(85_893);
    expect(Math.abs(appraise(simple(r.breakEvenEffect?.scale ?? 0), CONTEXT).npv.pence)).toBeLessThanOrEqual(
      1,
    );
  });

  it('values avoided outcomes with a reference unit cost uprated to the chosen price year', () => {
    // LAC unit cost £51,080 at 2013-14 × 100 ÷ 73.0337 = 6,994,031.52p → £69,940.32 a year
    const r = appraise(
      {
        priceYear: py,
        horizonYears: 2,
        costs: [],
        benefits: [
          {
            label: 'Care avoided',
            outcomesPerYear: 1,
            valuation: { unitCostId: 'lac-average-fiscal-per-year' },
            durationYears: 1,
          },
        ],
      },
      CONTEXT,
    );
    expect(r.valuations[0]?.uprated.pence).toBe(6_994_032);
    // discounted one year: 6,994,031.52 ÷ 1.035 = 6,757,518.38p
    expect(r.presentValueBenefits.pence).toBe(6_757_518);
    expect(r.presentValueByAgency['council-childrens-services'].pence).toBe(6_757_518);
    expect(r.presentValueCashable.pence).toBe(6_757_518);
    expect(r.presentValueNonCashable.pence).toBe(0);
    expect(r.bcr).toBeNull();
  });

  it('splits benefits by agency and cashability', () => {
    const scenario = simple(1);
    scenario.benefits.push({
      label: 'Fewer school exclusions',
      outcomesPerYear: 2,
      valuation: {
        label: 'Exclusion',
        money: { pence: 1_000_000, priceYear: py },
        agency: 'schools',
        cashable: false,
      },
      durationYears: 1,
    });
    const r = appraise(scenario, CONTEXT);
    // 2 × 1,000,000p ÷ 1.035 = 1,932,367p to schools, non-cashable
    expect(r.presentValueByAgency.schools.pence).toBe(1_932_367);
    expect(r.presentValueNonCashable.pence).toBe(1_932_367);
    expect(r.presentValueCashable.pence).toBe(14_008_185);
  });

  it('applies SROI adjustments and optimism bias', () => {
    const scenario = simple(1);
    const benefit = scenario.benefits[0];
    if (benefit) benefit.adjustments = { deadweightPercent: 20, attributionPercent: 25 };
    scenario.optimismBias = { grade: 'low' };
    const r = appraise(scenario, CONTEXT);
    // costs: set-up × 3 (200% uplift) = 30,000,000p
    // benefits: 14,008,184.9 × 0.8 × 0.75 ÷ 1.41 = 5,960,929.7p → 5,960,930p
    expect(r.presentValueCosts.pence).toBe(30_000_000);
    expect(r.presentValueBenefits.pence).toBe(5_960_930);
  });

  it('multiplies per-participant costs by the participants and runs recurring costs to the horizon', () => {
    const r = appraise(
      {
        priceYear: py,
        horizonYears: 3,
        participants: 10,
        costs: [
          {
            label: 'Key worker',
            kind: 'recurring',
            basis: 'per-participant',
            amount: { pence: 100_000, priceYear: py },
          },
        ],
        benefits: [],
      },
      CONTEXT,
    );
    // 10 × 100,000p × (1 + 0.966184 + 0.933511) = 2,899,694.3p → 2,899,694p
    expect(r.presentValueCosts.pence).toBe(2_899_694);
    expect(r.years.map((y) => y.costs.pence)).toEqual([1_000_000, 1_000_000, 1_000_000]);
    expect(r.discountedPaybackYear).toBeNull();
  });

  it('throws typed errors for invalid input', () => {
    expect(() => appraise({ ...simple(1), participants: -1 }, CONTEXT)).toThrow(
      expect.objectContaining({ code: 'negative-participants' }),
    );
    const overRate = simple(1);
    if (overRate.benefits[0]) overRate.benefits[0].adjustments = { deadweightPercent: 130 };
    expect(() => appraise(overRate, CONTEXT)).toThrow(expect.objectContaining({ code: 'invalid-rate' }));
    const noYear = simple(1);
    (noYear.costs[0] as { amount: { priceYear?: string } }).amount.priceYear = undefined;
    expect(() => appraise(noYear, CONTEXT)).toThrow(expect.objectContaining({ code: 'missing-price-year' }));
    expect(() => appraise({ ...simple(1), horizonYears: 3 }, CONTEXT)).toThrow(
      expect.objectContaining({ code: 'invalid-year' }),
    );
    expect(() => appraise({ ...simple(1), discounting: { scheduleId: 'reduced' } }, CONTEXT)).toThrow(
      expect.objectContaining({ code: 'unknown-discount-schedule' }),
    );
  });

  it('discounts at a custom flat rate when asked', () => {
    const r = appraise({ ...simple(1), discounting: { flatRatePercent: 0 } }, CONTEXT);
    // undiscounted: 3 × 5,000,000p = 15,000,000p
    expect(r.presentValueBenefits.pence).toBe(15_000_000);
    expect(r.stamp.discountSchedule?.id).toBe('flat-0');
  });
});
