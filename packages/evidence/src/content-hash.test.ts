import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash.ts';

describe('contentHash', () => {
  it('ignores key order at every depth', () => {
    const a = { slug: 'x', money: { pence: 1, priceYear: '2012-13' }, tags: ['a', 'b'] };
    const b = { tags: ['a', 'b'], money: { priceYear: '2012-13', pence: 1 }, slug: 'x' };
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('changes when a value or the order of an array changes', () => {
    const base = contentHash({ tags: ['a', 'b'], n: 1 });
    expect(contentHash({ tags: ['b', 'a'], n: 1 })).not.toBe(base);
    expect(contentHash({ tags: ['a', 'b'], n: 2 })).not.toBe(base);
  });

  it('is the sha256 of the canonical JSON, in hex', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    // sha256 of the string "null", the canonical form of undefined.
    expect(contentHash(undefined)).toBe('74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b');
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
