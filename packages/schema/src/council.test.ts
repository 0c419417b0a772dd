import { describe, expect, it } from 'vitest';
import { Council, councilTypeOf, GssCode } from './council.ts';

describe('GssCode', () => {
  it.each(['E06000011', 'E08000033', 'E09000012', 'E10000029'])('accepts %s', (c) => {
    expect(GssCode.safeParse(c).success).toBe(true);
  });
  it.each(['E07000200', 'W06000001', 'E0600001', 'e06000011', 'E060000111'])('refuses %s', (c) => {
    expect(GssCode.safeParse(c).success).toBe(false);
  });
  it('maps prefix to type', () => {
    expect(councilTypeOf('E09000012')).toBe('london-borough');
  });
  it('refuses a council whose type contradicts its code', () => {
    const r = Council.safeParse({
      gssCode: 'E06000011',
      name: 'East Riding of Yorkshire',
      officialName: 'East Riding of Yorkshire Council',
      type: 'county',
      region: 'Yorkshire and The Humber',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['type']);
  });
});
