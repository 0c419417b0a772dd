import type { Money } from '@costed/schema';
import { describe, expect, it } from 'vitest';
import { HEALTH, STANDARD } from '../test/fixtures.ts';
import { discountFactor, discountFactors, flatRateSchedule, presentValue } from './discount-factors.ts';

describe('discount factors', () => {
  it('leaves year 0 undiscounted', () => {
    expect(discountFactor(0, STANDARD)).toBe(1);
  });

  it('uses 3.5% a year up to year 30', () => {
    expect(discountFactor(1, STANDARD)).toBeCloseTo(1 / 1.035, 15);
    expect(discountFactor(30, STANDARD)).toBeCloseTo(1 / 1.035 ** 30, 14);
  });

  it('compounds band by band: year 40 is 1 ÷ (1.035^30 × 1.03^10), not 1 ÷ 1.035^40', () => {
    // 1.035^30 = 2.806794; 1.03^10 = 1.343916; product 3.772097 → 0.265105 (1 ÷ 1.035^40 would be 0.252572)
    expect(discountFactor(40, STANDARD)).toBeCloseTo(1 / (1.035 ** 30 * 1.03 ** 10), 14);
    expect(discountFactor(40, STANDARD)).not.toBeCloseTo(1 / 1.035 ** 40, 3);
  });

  it('reaches the 1% band after year 300', () => {
    const f = discountFactors(302, STANDARD);
    expect((f[302] as number) / (f[301] as number)).toBeCloseTo(1 / 1.01, 14);
    expect((f[301] as number) / (f[300] as number)).toBeCloseTo(1 / 1.01, 14);
    expect((f[300] as number) / (f[299] as number)).toBeCloseTo(1 / 1.015, 14);
  });

  it('applies the health schedule (1.5% to year 30)', () => {
    expect(discountFactor(10, HEALTH)).toBeCloseTo(1 / 1.015 ** 10, 14);
  });

  it('offers a custom flat rate', () => {
    const flat = flatRateSchedule(5);
    expect(flat.id).toBe('flat-5');
    expect(discountFactor(40, flat)).toBeCloseTo(1 / 1.05 ** 40, 14);
  });

  it('refuses a rate over 100% and a negative rate', () => {
    expect(() => flatRateSchedule(101)).toThrow(expect.objectContaining({ code: 'invalid-rate' }));
    expect(() => flatRateSchedule(-1)).toThrow(expect.objectContaining({ code: 'invalid-rate' }));
  });

  it('refuses a year that is not a whole number from 0', () => {
    expect(() => discountFactor(-1, STANDARD)).toThrow(expect.objectContaining({ code: 'invalid-year' }));
    expect(() => discountFactor(2.5, STANDARD)).toThrow(expect.objectContaining({ code: 'invalid-year' }));
  });
});

describe('presentValue', () => {
  it('discounts a five-year cost stream of £10,000 a year', () => {
    // factors 1, 0.966184, 0.933511, 0.901943, 0.871442 sum to 4.673079
    // 1,000,000p × 4.673079 = 4,673,079.21p → 4,673,079p (£46,730.79)
    const stream: Money[] = Array.from({ length: 5 }, () => ({ pence: 1_000_000, priceYear: '2024-25' }));
    const pv = presentValue(stream, STANDARD);
    expect(pv.money).toEqual({ pence: 4_673_079, priceYear: '2024-25' });
    expect(pv.stamp.discountSchedule).toEqual({ id: 'standard', edition: STANDARD.edition });
  });

  it('refuses a stream in mixed price years', () => {
    const stream: Money[] = [
      { pence: 1, priceYear: '2024-25' },
      { pence: 1, priceYear: '2023-24' },
    ];
    expect(() => presentValue(stream, STANDARD)).toThrow(
      expect.objectContaining({ code: 'price-year-mismatch' }),
    );
  });
});
