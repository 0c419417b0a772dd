import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from './embedded-engine.ts';

describe('topK', () => {
  it('returns the same first k as a full sort, for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), fc.nat(60), (values, k) => {
        const compare = (a: number, b: number) => values[a]! - values[b]! || a - b;
        const expected = values
          .map((_, i) => i)
          .sort(compare)
          .slice(0, k);
        expect(topK(values.length, Math.min(k, values.length), compare)).toEqual(expected);
      }),
    );
  });
});
