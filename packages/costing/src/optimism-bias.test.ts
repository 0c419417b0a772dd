import { describe, expect, it } from 'vitest';
import { haircutBenefit, optimismBiasForGrade, resolveOptimismBias, upliftCost } from './optimism-bias.ts';

const py = '2024-25';

describe('optimism bias by confidence grade', () => {
  it('takes the Green Book lower bounds for high confidence', () => {
    // set-up ← Equipment/Development capex lower 10%; running ← Outsourcing OPEX lower 0%
    expect(optimismBiasForGrade('high')).toEqual({
      grade: 'high',
      setUpCostUpliftPercent: 10,
      runningCostUpliftPercent: 0,
      benefitHaircutPercent: 0,
    });
  });

  it('takes the midpoints for medium confidence', () => {
    // (10 + 200) ÷ 2 = 105%; (0 + 41) ÷ 2 = 20.5%; haircut 1 − 1 ÷ 1.205 = 17.01%
    const r = optimismBiasForGrade('medium');
    expect(r.setUpCostUpliftPercent).toBe(105);
    expect(r.runningCostUpliftPercent).toBe(20.5);
    expect(r.benefitHaircutPercent).toBeCloseTo(17.012448, 5);
  });

  it('takes the upper bounds for low confidence', () => {
    // 200%; 41%; haircut 1 − 1 ÷ 1.41 = 29.08%
    const r = optimismBiasForGrade('low');
    expect(r.setUpCostUpliftPercent).toBe(200);
    expect(r.runningCostUpliftPercent).toBe(41);
    expect(r.benefitHaircutPercent).toBeCloseTo(29.078014, 5);
  });

  it('uplifts costs by kind and cuts benefits', () => {
    // £10,000 running cost × 1.41 = £14,100; £10,000 set-up × 3 = £30,000; £10,000 benefit ÷ 1.41 = £7,092.20
    expect(upliftCost({ pence: 1_000_000, priceYear: py }, 'recurring', { grade: 'low' }).pence).toBe(
      1_410_000,
    );
    expect(upliftCost({ pence: 1_000_000, priceYear: py }, 'set-up', { grade: 'low' }).pence).toBe(3_000_000);
    expect(haircutBenefit({ pence: 1_000_000, priceYear: py }, { grade: 'low' }).pence).toBe(709_220);
  });

  it('applies nothing when no bias is asked for, and refuses a haircut over 100%', () => {
    expect(resolveOptimismBias(undefined).benefitHaircutPercent).toBe(0);
    expect(() =>
      resolveOptimismBias({
        setUpCostUpliftPercent: 0,
        runningCostUpliftPercent: 0,
        benefitHaircutPercent: 150,
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid-rate' }));
  });
});
