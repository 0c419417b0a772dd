import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Finding } from './finding.ts';
import { scanText } from './scan-text.ts';

const CLEAN_PROSE = `In 2012-13 North Yorkshire County Council (E10000023) spent £108m on children's social care,
up from £96.4m in 2011-12. The No Wrong Door hubs supported 154 young people aged 11 to 17 in the first
year, and the number of looked-after children fell from 1,192 to 1,037 between March 2013 and March 2016.
Care proceedings for children under 2 fell by 47%. Set-up costs were £1.2m (2015-16 prices) and the unit
cost of a residential placement was £3,830 per week. Source: Sebba, J. et al. (2017), p. 47, published on
12 March 2019. Rates are 412.3 per 10,000; staff turnover fell from 22.4% to 13.1%. LS1 and SW1A hubs.`;

describe('scanText', () => {
  it('passes clean case-study prose full of numbers, money, codes and dates', () => {
    expect(scanText(CLEAN_PROSE)).toEqual([]);
    expect(scanText('')).toEqual([]);
  });

  it('reports every kind in one text, sorted by position, each a valid Finding', () => {
    const text =
      'Jamie, aged 7, lives at LS6 2QP (NHS 926 018 1593, NI AB123456C), DOB 03/03/2009; mum on 07700 900123 or mum.j@example.com.';
    const found = scanText(text);
    expect(found.map((f) => f.kind)).toEqual([
      'named-child',
      'postcode',
      'nhs-number',
      'ni-number',
      'date-of-birth',
      'phone',
      'email',
    ]);
    for (const f of found) expect(Finding.parse(f)).toEqual(f);
    expect(found.map((f) => f.start)).toEqual([...found.map((f) => f.start)].sort((a, b) => a - b));
  });

  it('never reveals the identifier in full in `match`', () => {
    const text = 'NHS 926 018 1593, NI AB123456C, 07700 900123, born on 3 March 2009, LS6 2QP.';
    for (const f of scanText(text)) {
      expect(f.match).not.toBe(text.slice(f.start, f.end));
      expect(f.match).toContain('*');
    }
  });

  it('finds nothing in random clean numeric prose (money, financial years, percentages, counts, GSS codes)', () => {
    const money = fc.integer({ min: 1, max: 999_999 }).map((n) => `£${n.toLocaleString('en-GB')}`);
    const fy = fc
      .integer({ min: 2000, max: 2030 })
      .map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`);
    const pct = fc.float({ min: 0, max: 100, noNaN: true }).map((p) => `${p.toFixed(1)}%`);
    const count = fc.integer({ min: 0, max: 100_000 }).map((n) => `${n.toLocaleString('en-GB')} children`);
    const gss = fc.integer({ min: 0, max: 999_999 }).map((n) => `E06${String(n).padStart(6, '0')}`);
    const word = fc.constantFrom(
      'in',
      'the council spent',
      'rates fell to',
      'per 10,000',
      'and',
      'Leeds',
      'by March 2016,',
    );
    const prose = fc
      .array(fc.oneof(money, fy, pct, count, gss, word), { minLength: 1, maxLength: 30 })
      .map((p) => p.join(' '));
    fc.assert(
      fc.property(prose, (text) => {
        expect(scanText(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
