import { describe, expect, it } from 'vitest';
import { financialYearStartingIn, PriceYear, priceYearKind, priceYearStart } from './price-year.ts';

describe('PriceYear', () => {
  it.each(['2012-13', '1999-00', '2024-25', '2012'])('accepts %s', (y) => {
    expect(PriceYear.safeParse(y).success).toBe(true);
  });

  it('refuses a financial year whose halves are not consecutive, and suggests the fix', () => {
    const result = PriceYear.safeParse('2012-14');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('did you mean "2012-13"');
  });

  it.each(['12-13', '2012/13', '201213', 'FY2012', ''])(
    'refuses %j with a message saying how to write one',
    (y) => {
      const result = PriceYear.safeParse(y);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/price year|financial year/);
    },
  );

  it('knows the kind and start of a year', () => {
    expect(priceYearKind('2012-13')).toBe('financial');
    expect(priceYearKind('2012')).toBe('calendar');
    expect(priceYearStart('1999-00')).toBe(1999);
    expect(financialYearStartingIn(1999)).toBe('1999-00');
  });
});
