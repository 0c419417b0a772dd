import { describe, expect, it } from 'vitest';
import { createPrng } from './create-prng.ts';
import {
  createSamplerTable,
  Distribution,
  drawInto,
  normalCdf,
  normalQuantile,
  pointValue,
  scaleUncertain,
} from './distributions.ts';

function draws(dist: Distribution, n: number, seed = 7): Float64Array {
  const table = createSamplerTable([dist]);
  const rng = createPrng(seed);
  const out = new Float64Array(n);
  const one = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    drawInto(table, rng, one);
    out[i] = one[0] as number;
  }
  return out;
}

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('createPrng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
  });

  it('stays in [0, 1) and averages one half', () => {
    const rng = createPrng(1);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(sum / 20_000).toBeCloseTo(0.5, 2);
  });

  it('refuses a seed that is not a 32-bit whole number', () => {
    expect(() => createPrng(-1)).toThrow(expect.objectContaining({ code: 'invalid-seed' }));
    expect(() => createPrng(1.5)).toThrow(expect.objectContaining({ code: 'invalid-seed' }));
  });
});

describe('distributions', () => {
  it('uses the most likely value as the point value', () => {
    expect(pointValue({ type: 'triangular', low: 1, likely: 2, high: 6 })).toBe(2);
    expect(pointValue({ type: 'pert', low: 1, likely: 2, high: 6 })).toBe(2);
    expect(pointValue({ type: 'normal', mean: 5, sd: 2, max: 4 })).toBe(4);
    expect(pointValue(3)).toBe(3);
  });

  it('samples a triangular distribution with mean (low + likely + high) ÷ 3', () => {
    // (1 + 2 + 6) ÷ 3 = 3
    const xs = draws({ type: 'triangular', low: 1, likely: 2, high: 6 }, 20_000);
    expect(mean(xs)).toBeCloseTo(3, 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(6);
  });

  it('samples a PERT distribution with mean (low + 4 × likely + high) ÷ 6', () => {
    // (1 + 8 + 6) ÷ 6 = 2.5
    const xs = draws({ type: 'pert', low: 1, likely: 2, high: 6 }, 20_000);
    expect(mean(xs)).toBeCloseTo(2.5, 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(6);
  });

  it('keeps a bounded normal within its bounds', () => {
    const xs = draws({ type: 'normal', mean: 10, sd: 20, min: 0, max: 30 }, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(30);
  });

  it('samples an unbounded normal with its mean and sd', () => {
    const xs = draws({ type: 'normal', mean: 100, sd: 15 }, 20_000);
    const m = mean(xs);
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
    expect(m).toBeCloseTo(100, 0);
    expect(sd).toBeCloseTo(15, 0);
  });

  it('treats a zero-width distribution as its value', () => {
    expect(Array.from(draws({ type: 'pert', low: 4, likely: 4, high: 4 }, 3))).toEqual([4, 4, 4]);
    expect(Array.from(draws({ type: 'normal', mean: 4, sd: 0 }, 3))).toEqual([4, 4, 4]);
  });

  it('inverts the normal CDF accurately', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('refuses badly ordered three-point estimates at the boundary', () => {
    expect(Distribution.safeParse({ type: 'triangular', low: 5, likely: 2, high: 6 }).success).toBe(false);
    expect(Distribution.safeParse({ type: 'normal', mean: 5, sd: -1 }).success).toBe(false);
    expect(Distribution.safeParse({ type: 'pert', low: 1, likely: 2, high: 6 }).success).toBe(true);
  });

  it('scales every parameter', () => {
    expect(scaleUncertain({ type: 'normal', mean: 2, sd: 1, min: 0, max: 4 }, 2)).toEqual({
      type: 'normal',
      mean: 4,
      sd: 2,
      min: 0,
      max: 8,
    });
  });
});
