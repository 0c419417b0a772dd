import { describe, expect, it } from 'vitest';
import { detectPhones } from './detect-phones.ts';

describe('detectPhones', () => {
  it('finds UK mobiles and landlines in common layouts, including Ofcom drama numbers', () => {
    for (const [text, raw] of [
      ['Mum on 07700 900123 after 5pm', '07700 900123'],
      ['call 0113 496 0201 today', '0113 496 0201'],
      ['number +44 7700 900311 for', '+44 7700 900311'],
      ['landline 01632 960427 recorded', '01632 960427'],
      ['father on +44 (0)20 7946 0990', '+44 (0)20 7946 0990'],
      ['texted from 07700900617 that night', '07700900617'],
      ['mobile 07700-900-254 off', '07700-900-254'],
      ['real 020 7219 3000 number', '020 7219 3000'],
    ] as const) {
      const found = detectPhones(text);
      expect(found, text).toHaveLength(1);
      expect(text.slice(found[0]?.start, found[0]?.end)).toBe(raw);
    }
  });

  it('passes statistics, years, codes and invalid numbers', () => {
    for (const text of [
      'In 2012-13 there were 154 young people; 0.7 per 1,000.',
      'Contacts per 10,000: 2,010 (2013-14), 1,842 (2014-15).',
      'Reference 2017/CS/0412 and E06000011.',
      'The service runs 8am to 8pm, 7 days a week, 365 days a year.',
      'Dial 00000 000000 for nothing.',
      'The ratio was 0 10 20 30 40 across waves.',
      '£173,028 2000-01 10,000 children 2000-01',
    ]) {
      expect(detectPhones(text), text).toEqual([]);
    }
  });

  it('masks all but the first five digits', () => {
    expect(detectPhones('on 07700 900123')[0]?.match).toBe('07700 ******');
  });
});
