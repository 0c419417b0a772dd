import { describe, expect, it } from 'vitest';
import { detectPostcodes } from './detect-postcodes.ts';

describe('detectPostcodes', () => {
  it('finds full postcodes with or without the space, in any case', () => {
    for (const [text, raw, match] of [
      ['Lives at 14 Ashdown Road, Leeds LS6 2QP.', 'LS6 2QP', 'LS6 ***'],
      ['Address SW1A2AA on file', 'SW1A2AA', 'SW1A ***'],
      ['found at ng7 2rd after', 'ng7 2rd', 'NG7 ***'],
      ['Croydon CR0 1NX', 'CR0 1NX', 'CR0 ***'],
    ] as const) {
      const found = detectPostcodes(text);
      expect(found, text).toHaveLength(1);
      expect(text.slice(found[0]?.start, found[0]?.end)).toBe(raw);
      expect(found[0]?.match).toBe(match);
    }
  });

  it('passes postcode districts, GSS codes and key stages', () => {
    for (const text of [
      'The LS1 and LS2 districts had the highest demand.',
      'Hubs in SW1A opened in 2016.',
      'Leeds (E08000035) and Essex (E10000012).',
      'KS4 1AB is not a place; QQ1 1AA neither.',
      'Ward-level data for LS6 and LS7 were combined.',
    ]) {
      expect(detectPostcodes(text)).toEqual([]);
    }
  });
});
