import { describe, expect, it } from 'vitest';
import { detectNiNumbers } from './detect-ni-numbers.ts';

describe('detectNiNumbers', () => {
  it('finds National Insurance numbers spaced or not, with or without the suffix', () => {
    for (const text of [
      'NI number AB123456C',
      'NINO JT 48 21 90 A issued',
      'checking SE908172B',
      'NI: LZ 77 30 14',
    ]) {
      expect(detectNiNumbers(text).map((f) => f.kind)).toEqual(['ni-number']);
    }
  });

  it('masks all but the prefix', () => {
    expect(detectNiNumbers('NI number AB 12 34 56 C')[0]?.match).toBe('AB ** ** ** *');
  });

  it('applies HMRC prefix exclusions', () => {
    for (const prefix of [
      'DA',
      'FA',
      'IA',
      'QQ',
      'UA',
      'VA',
      'AD',
      'AO',
      'BG',
      'GB',
      'KN',
      'NK',
      'NT',
      'TN',
      'ZZ',
    ]) {
      expect(detectNiNumbers(`NI number ${prefix}123456C`)).toEqual([]);
    }
  });

  it('accepts lower-case numbers only after National Insurance words', () => {
    expect(detectNiNumbers('national insurance number ce 38 47 29 b')).toHaveLength(1);
    expect(detectNiNumbers('they met at 12 34 56 sites')).toEqual([]);
  });

  it('rejects suffix letters beyond D', () => {
    expect(detectNiNumbers('NI number AB123456E')).toEqual([]);
  });
});
