import { describe, expect, it } from 'vitest';
import { equivalentAnnualCost, summariseUnitCosts } from './summarise-unit-costs.ts';

const py = '2024-25';

describe('summariseUnitCosts', () => {
  it('gives total, per participant, per year and per successful outcome', () => {
    // set-up £100,000; running £50,000 a year for 3 years → total £250,000
    // per participant: £250,000 ÷ 200 = £1,250; per success: £250,000 ÷ 50 = £5,000
    // set-up annualised over 3 years at 3.5%: 100,000 × 0.035 ÷ (1 − 1.035^−3) = £35,693.42
    // per year: £35,693.42 + £50,000 = £85,693.42
    const s = summariseUnitCosts({
      setUpCosts: [{ pence: 10_000_000, priceYear: py }],
      recurringCostsPerYear: [{ pence: 5_000_000, priceYear: py }],
      years: 3,
      participants: 200,
      successfulOutcomes: 50,
    });
    expect(s.total.pence).toBe(25_000_000);
    expect(s.perParticipant?.pence).toBe(125_000);
    expect(s.perSuccessfulOutcome?.pence).toBe(500_000);
    expect(s.equivalentAnnualSetUpCost.pence).toBe(3_569_342);
    expect(s.perYear.pence).toBe(8_569_342);
  });

  it('has no per-participant or per-success cost when there are none', () => {
    const s = summariseUnitCosts({
      setUpCosts: [],
      recurringCostsPerYear: [{ pence: 100, priceYear: py }],
      years: 1,
      participants: 0,
    });
    expect(s.perParticipant).toBeNull();
    expect(s.perSuccessfulOutcome).toBeNull();
  });

  it('refuses negative participants', () => {
    expect(() =>
      summariseUnitCosts({
        setUpCosts: [],
        recurringCostsPerYear: [{ pence: 1, priceYear: py }],
        years: 1,
        participants: -3,
      }),
    ).toThrow(expect.objectContaining({ code: 'negative-participants' }));
  });

  it('refuses costs in different price years', () => {
    expect(() =>
      summariseUnitCosts({
        setUpCosts: [{ pence: 1, priceYear: py }],
        recurringCostsPerYear: [{ pence: 1, priceYear: '2012-13' }],
        years: 1,
        participants: 1,
      }),
    ).toThrow(expect.objectContaining({ code: 'price-year-mismatch' }));
  });
});

describe('equivalentAnnualCost', () => {
  it('spreads evenly at a 0% rate', () => {
    expect(equivalentAnnualCost({ pence: 900, priceYear: py }, 3, 0).pence).toBe(300);
  });

  it('annualises at the given rate', () => {
    // 1,000,000p × 0.05 ÷ (1 − 1.05^−10) = 129,504.57p → 129,505p
    expect(equivalentAnnualCost({ pence: 1_000_000, priceYear: py }, 10, 5).pence).toBe(129_505);
  });
});
