import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectNhsNumbers } from './detect-nhs-numbers.ts';

// Modulus 11 as NHS Digital defines it, written independently of the library the detector uses.
function checkDigit(nine: string): number | undefined {
  const sum = [...nine].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const c = 11 - (sum % 11);
  return c === 11 ? 0 : c === 10 ? undefined : c;
}

describe('detectNhsNumbers', () => {
  it('finds valid numbers as one block, spaced 3-3-4 or hyphenated 3-3-4', () => {
    for (const [text, raw] of [
      ['NHS number 926 018 1593 was shared', '926 018 1593'],
      ['NHS No: 4830166134 confirmed', '4830166134'],
      ['number, 986-091-3900, on the summary', '986-091-3900'],
    ] as const) {
      const found = detectNhsNumbers(text);
      expect(found).toHaveLength(1);
      expect(text.slice(found[0]?.start, found[0]?.end)).toBe(raw);
      expect(found[0]?.match).not.toContain(raw.slice(0, 3));
    }
  });

  it('does not flag a number whose check digit is wrong', () => {
    expect(detectNhsNumbers('NHS number 926 018 1596')).toEqual([]);
    expect(detectNhsNumbers('Order 4830166137 raised')).toEqual([]);
  });

  it('does not flag digits inside money, decimals, longer numbers or mixed separators', () => {
    for (const text of [
      '£9260181593 total',
      'ratio 1.9260181593',
      '19260181593 records',
      '926 018-1593 mixed',
      'ISBN 978-1-78105-734-2',
      '1,012,334 pupil records',
      '0000000000 placeholder',
    ]) {
      expect(detectNhsNumbers(text)).toEqual([]);
    }
  });

  it('flags random ten-digit numbers exactly when they pass modulus 11', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10}$/), fc.constantFrom('', ' ', '-'), (digits, sep) => {
        const grouped = `${digits.slice(0, 3)}${sep}${digits.slice(3, 6)}${sep}${digits.slice(6)}`;
        const found = detectNhsNumbers(`In 2012-13 there were ${grouped} contacts.`);
        const valid = checkDigit(digits.slice(0, 9)) === Number(digits[9]) && !/^(\d)\1{9}$/.test(digits);
        expect(found.length).toBe(valid ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });
});
