import { describe, expect, it } from 'vitest';
import { parseInt8, parseTimestamptz } from './type-parsers.ts';

describe('type parsers', () => {
  it('turns UTC timestamptz text into ISO 8601 keeping microseconds', () => {
    expect(parseTimestamptz('2024-05-01 12:00:00.123456+00')).toBe('2024-05-01T12:00:00.123456Z');
    expect(parseTimestamptz('2024-05-01 12:00:00+00')).toBe('2024-05-01T12:00:00Z');
  });

  it('converts a non-UTC offset to UTC', () => {
    expect(parseTimestamptz('2024-05-01 13:00:00.5+01')).toBe('2024-05-01T12:00:00.500Z');
  });

  it('reads bigints as numbers and refuses ones that would lose precision', () => {
    expect(parseInt8('9007199254740991')).toBe(9007199254740991);
    expect(() => parseInt8('9007199254740993')).toThrow(RangeError);
  });
});
