import { describe, expect, it } from 'vitest';
import { CY_DEFLATORS, FY_DEFLATORS } from '../test/fixtures.ts';
import { convertPriceYear, createPriceConverter } from './convert-price-year.ts';
import { CostingError } from './costing-error.ts';

const BOTH = [FY_DEFLATORS, CY_DEFLATORS];

describe('convertPriceYear', () => {
  it('uprates £100,000 at 2012-13 prices to 2024-25 prices', () => {
    // 10,000,000p × index[2024-25] 100 ÷ index[2012-13] 71.5454 = 13,977,138.99p → 13,977,139p (£139,771.39)
    const r = convertPriceYear({ pence: 10_000_000, priceYear: '2012-13' }, '2024-25', BOTH);
    expect(r.money).toEqual({ pence: 13_977_139, priceYear: '2024-25' });
    expect(r.factor).toBeCloseTo(100 / 71.5454, 12);
    expect(r.deflatorRelease).toBe(FY_DEFLATORS.release);
    expect(r.stamp).toEqual({ methodVersion: '1.0.0', deflatorRelease: FY_DEFLATORS.release });
  });

  it('deflates too: £139,771.39 at 2024-25 prices back to 2012-13 is £100,000', () => {
    // 13,977,139p × 71.5454 ÷ 100 = 10,000,000.007p → 10,000,000p
    const r = convertPriceYear({ pence: 13_977_139, priceYear: '2024-25' }, '2012-13', FY_DEFLATORS);
    expect(r.money.pence).toBe(10_000_000);
  });

  it('converts calendar years with the calendar series', () => {
    // 10,000,000p × 100 ÷ 71.9294 (2012) = 13,902,521.08p → 13,902,521p
    const r = convertPriceYear({ pence: 10_000_000, priceYear: '2012' }, '2024', BOTH);
    expect(r.money).toEqual({ pence: 13_902_521, priceYear: '2024' });
    expect(r.deflatorRelease).toBe(CY_DEFLATORS.release);
  });

  it('leaves the amount alone when the years are equal', () => {
    expect(convertPriceYear({ pence: 12_345, priceYear: '2016-17' }, '2016-17', BOTH).money.pence).toBe(
      12_345,
    );
  });

  it('names the year when it is outside the series', () => {
    const call = () => convertPriceYear({ pence: 100, priceYear: '1990-91' }, '2024-25', FY_DEFLATORS);
    expect(call).toThrow(CostingError);
    expect(call).toThrow(
      /1990-91 is outside the deflator series hmt-gdp-deflator-fy-2026-03 \(2004-05 to 2026-27\)/,
    );
    try {
      call();
    } catch (e) {
      expect((e as CostingError).code).toBe('price-year-out-of-series');
    }
  });

  it('refuses to mix financial and calendar years', () => {
    expect(() => convertPriceYear({ pence: 100, priceYear: '2012' }, '2024-25', BOTH)).toThrow(
      expect.objectContaining({ code: 'price-year-kind-mismatch' }),
    );
  });

  it('refuses money without a price year', () => {
    const noYear = { pence: 100 } as unknown as { pence: number; priceYear: string };
    expect(() => convertPriceYear(noYear, '2024-25', BOTH)).toThrow(
      expect.objectContaining({ code: 'missing-price-year' }),
    );
  });

  it('asks for a series when none of the right kind is given', () => {
    expect(() => convertPriceYear({ pence: 100, priceYear: '2012' }, '2024', FY_DEFLATORS)).toThrow(
      expect.objectContaining({ code: 'missing-deflator-series' }),
    );
  });

  it('refuses two series of one kind, so one figure never mixes releases', () => {
    expect(() => createPriceConverter([FY_DEFLATORS, FY_DEFLATORS])).toThrow(
      expect.objectContaining({ code: 'missing-deflator-series' }),
    );
  });
});
