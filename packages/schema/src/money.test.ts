import { describe, expect, it } from 'vitest';
import { formatPence, isReported, Money, MoneyOrNotReported, poundsToPence } from './money.ts';

describe('Money', () => {
  it('is integer pence with a price year', () => {
    expect(Money.parse({ pence: 10_800_000_000, priceYear: '2002-03' })).toEqual({
      pence: 10_800_000_000,
      priceYear: '2002-03',
    });
  });

  it('refuses fractional pence and a missing price year', () => {
    expect(Money.safeParse({ pence: 10.5, priceYear: '2012-13' }).success).toBe(false);
    const noYear = Money.safeParse({ pence: 100 });
    expect(noYear.success).toBe(false);
    expect(noYear.error?.issues[0]?.path).toEqual(['priceYear']);
  });

  it('keeps "not reported" distinct from zero', () => {
    const nr = MoneyOrNotReported.parse({ notReported: true, reason: 'The article gives no cost.' });
    expect(isReported(nr)).toBe(false);
    const zero = MoneyOrNotReported.parse({ pence: 0, priceYear: '2012' });
    expect(isReported(zero)).toBe(true);
  });

  it('converts and formats', () => {
    expect(poundsToPence(108_000_000)).toBe(10_800_000_000);
    expect(poundsToPence(-0.005)).toBe(-1);
    expect(formatPence(10_800_000_000)).toBe('£108,000,000');
    expect(formatPence(123_456)).toBe('£1,234.56');
  });
});
