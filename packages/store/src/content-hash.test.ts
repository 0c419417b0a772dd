import { describe, expect, it } from 'vitest';
import { canonicalJson, hashContent } from './content-hash.ts';

describe('canonicalJson / hashContent', () => {
  it('ignores key order and undefined members at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(hashContent({ a: 1, b: [2, 3] })).toBe(hashContent({ b: [2, 3], a: 1 }));
  });

  it('distinguishes what differs: array order, values and types', () => {
    expect(hashContent([1, 2])).not.toBe(hashContent([2, 1]));
    expect(hashContent({ a: '1' })).not.toBe(hashContent({ a: 1 }));
    expect(hashContent({ a: null })).not.toBe(hashContent({}));
  });

  it('is SHA-256 hex', () => {
    expect(hashContent({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});
