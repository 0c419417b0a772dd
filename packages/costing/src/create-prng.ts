import { CostingError } from './costing-error.ts';

/** A source of uniform numbers in [0, 1). */
export type Prng = () => number;

/** splitmix32: spreads one 32-bit seed over sfc32's four words so nearby seeds give unrelated streams. */
function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

/**
 * A seeded generator: Chris Doty-Humphrey's sfc32 ("small fast chaotic", 128-bit state, passes PractRand),
 * seeded through splitmix32. Same seed, same sequence, on every platform: it uses only 32-bit integer
 * arithmetic. `Math.random` is never used anywhere in this package.
 */
export function createPrng(seed: number): Prng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new CostingError(
      'invalid-seed',
      `Seed ${seed} is not usable: give a whole number from 0 to 4294967295 and record it to reproduce the run.`,
      { seed },
    );
  }
  const mix = splitmix32(seed);
  let a = mix() | 0;
  let b = mix() | 0;
  let c = mix() | 0;
  let d = mix() | 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The generator's author advises discarding the first outputs so the state is well mixed.
  for (let i = 0; i < 12; i++) next();
  return next;
}
