import { z } from 'zod';
import { CostingError } from './costing-error.ts';
import type { Prng } from './create-prng.ts';

const finite = z.number().finite();

const ThreePoint = z
  .object({ low: finite, likely: finite, high: finite })
  .strict()
  .refine((d) => d.low <= d.likely && d.likely <= d.high, {
    message: 'Order the three points: low ≤ likely ≤ high',
  });

export const Distribution = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('point'), value: finite }).strict(),
    z.object({ type: z.literal('triangular'), low: finite, likely: finite, high: finite }).strict(),
    z.object({ type: z.literal('pert'), low: finite, likely: finite, high: finite }).strict(),
    z
      .object({
        type: z.literal('normal'),
        mean: finite,
        sd: z.number().finite().min(0),
        min: finite.optional(),
        max: finite.optional(),
      })
      .strict(),
  ])
  .superRefine((d, ctx) => {
    if (d.type === 'triangular' || d.type === 'pert') {
      const r = ThreePoint.safeParse({ low: d.low, likely: d.likely, high: d.high });
      if (!r.success)
        ctx.addIssue({ code: 'custom', message: 'Order the three points: low ≤ likely ≤ high' });
    }
    if (d.type === 'normal') {
      if ((d.min !== undefined && d.mean < d.min) || (d.max !== undefined && d.mean > d.max)) {
        ctx.addIssue({ code: 'custom', message: 'The mean of a bounded normal must lie within its bounds' });
      }
    }
  })
  .describe(
    'An uncertain input: a point value, a triangular or PERT distribution from low/likely/high, or a normal distribution (optionally bounded by min/max).',
  );
export type Distribution = z.infer<typeof Distribution>;

/** A plain number (a point value) or a distribution. */
export const Uncertain = z.union([finite, Distribution]).describe('A number, or a distribution around it.');
export type Uncertain = z.infer<typeof Uncertain>;

function invalid(message: string): never {
  throw new CostingError('invalid-distribution', message);
}

/** Checks a distribution the way the zod schema does, for callers that skip parsing. */
export function checkUncertain(value: Uncertain, what: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(`${what} is ${value}: give a finite number.`);
    return;
  }
  const r = Distribution.safeParse(value);
  if (!r.success)
    invalid(`${what} is not a valid distribution: ${r.error.issues.map((i) => i.message).join('; ')}.`);
}

/**
 * The value used by the deterministic appraisal: the number itself, the most likely value of a triangular
 * or PERT distribution, or the mean of a normal (held within its bounds).
 */
export function pointValue(value: Uncertain): number {
  if (typeof value === 'number') return value;
  switch (value.type) {
    case 'point':
      return value.value;
    case 'triangular':
    case 'pert':
      return value.likely;
    case 'normal':
      return Math.min(
        value.max ?? Number.POSITIVE_INFINITY,
        Math.max(value.min ?? Number.NEGATIVE_INFINITY, value.mean),
      );
  }
}

/** The smallest and largest values a draw can take. */
export function supportOf(value: Uncertain): [number, number] {
  if (typeof value === 'number') return [value, value];
  switch (value.type) {
    case 'point':
      return [value.value, value.value];
    case 'triangular':
    case 'pert':
      return [value.low, value.high];
    case 'normal':
      return value.sd === 0
        ? [value.mean, value.mean]
        : [value.min ?? Number.NEGATIVE_INFINITY, value.max ?? Number.POSITIVE_INFINITY];
  }
}

/** The same distribution with every value multiplied by `factor` (≥ 0), e.g. to change price year. */
export function scaleUncertain(value: Uncertain, factor: number): Uncertain {
  if (typeof value === 'number') return value * factor;
  switch (value.type) {
    case 'point':
      return { type: 'point', value: value.value * factor };
    case 'triangular':
    case 'pert':
      return {
        type: value.type,
        low: value.low * factor,
        likely: value.likely * factor,
        high: value.high * factor,
      };
    case 'normal': {
      const out: Distribution = { type: 'normal', mean: value.mean * factor, sd: value.sd * factor };
      if (value.min !== undefined) out.min = value.min * factor;
      if (value.max !== undefined) out.max = value.max * factor;
      return out;
    }
  }
}

// --- Standard normal helpers -------------------------------------------------------------------------

/** Complementary error function, Numerical Recipes' Chebyshev fit (fractional error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const ans = t * Math.exp(-z * z + poly);
  return x >= 0 ? ans : 2 - ans;
}

/** Standard normal cumulative distribution. */
export function normalCdf(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  return 0.5 * erfc(-x / Math.SQRT2);
}

// Coefficients as plain constants: destructuring arrays on every call would go through the iterator protocol.
const A0 = -39.69683028665376;
const A1 = 220.9460984245205;
const A2 = -275.928510446969;
const A3 = 138.357751867269;
const A4 = -30.66479806614716;
const A5 = 2.506628277459239;
const B0 = -54.47609879822406;
const B1 = 161.5858368580409;
const B2 = -155.6989798598866;
const B3 = 66.80131188771972;
const B4 = -13.28068155288572;
const C0 = -0.007784894002430293;
const C1 = -0.3223964580411365;
const C2 = -2.400758277161838;
const C3 = -2.549732539343734;
const C4 = 4.374664141464968;
const C5 = 2.938163982698783;
const D0 = 0.007784695709041462;
const D1 = 0.3224671290700398;
const D2 = 2.445134137142996;
const D3 = 3.754408661907416;
const P_LOW = 0.02425;

/** Inverse standard normal CDF, Peter Acklam's rational approximation (relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
      ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
    );
  }
  if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    return (
      ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) /
      (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1)
    );
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return (
    -(((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
  );
}

// --- Compiled samplers (no allocation per draw) ------------------------------------------------------

const CONSTANT = 0;
const TRIANGULAR = 1;
const PERT = 2;
const NORMAL = 3;
const STRIDE = 6;

/**
 * Distributions packed into typed arrays so a simulation draws every input of an iteration without
 * allocating. Slot i has kind[i] and six parameters at params[6i..6i+5].
 */
export interface SamplerTable {
  size: number;
  kinds: Uint8Array;
  params: Float64Array;
  /** The point value of each slot (what the deterministic appraisal uses). */
  points: Float64Array;
}

export function createSamplerTable(values: readonly Uncertain[]): SamplerTable {
  const size = values.length;
  const kinds = new Uint8Array(size);
  const params = new Float64Array(size * STRIDE);
  const points = new Float64Array(size);
  values.forEach((value, i) => {
    const point = pointValue(value);
    points[i] = point;
    const [lo, hi] = supportOf(value);
    if (typeof value === 'number' || value.type === 'point' || lo === hi) {
      // Zero-width distributions are constants, so a simulation of them reproduces the point estimate.
      kinds[i] = CONSTANT;
      params[STRIDE * i] = point;
      return;
    }
    if (value.type === 'triangular') {
      kinds[i] = TRIANGULAR;
      params.set(
        [value.low, value.likely, value.high, (value.likely - value.low) / (value.high - value.low)],
        STRIDE * i,
      );
    } else if (value.type === 'pert') {
      const range = value.high - value.low;
      kinds[i] = PERT;
      params.set(
        [
          1 + (4 * (value.likely - value.low)) / range,
          1 + (4 * (value.high - value.likely)) / range,
          value.low,
          range,
        ],
        STRIDE * i,
      );
    } else {
      kinds[i] = NORMAL;
      const pLo = normalCdf(((value.min ?? Number.NEGATIVE_INFINITY) - value.mean) / value.sd);
      const pHi = normalCdf(((value.max ?? Number.POSITIVE_INFINITY) - value.mean) / value.sd);
      params.set(
        [
          value.mean,
          value.sd,
          pLo,
          pHi - pLo,
          value.min ?? Number.NEGATIVE_INFINITY,
          value.max ?? Number.POSITIVE_INFINITY,
        ],
        STRIDE * i,
      );
    }
  });
  return { size, kinds, params, points };
}

/** A uniform strictly inside (0, 1), so quantile functions stay finite. */
function openUniform(rng: Prng): number {
  let u = rng();
  while (u === 0) u = rng();
  return u;
}

/** Marsaglia and Tsang's gamma sampler for shape ≥ 1 (PERT shapes are always ≥ 1). */
function sampleGamma(shape: number, rng: Prng): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalQuantile(openUniform(rng));
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = openUniform(rng);
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function drawSlot(table: SamplerTable, i: number, rng: Prng): number {
  const p = table.params;
  const o = STRIDE * i;
  switch (table.kinds[i]) {
    case TRIANGULAR: {
      const low = p[o] as number;
      const mode = p[o + 1] as number;
      const high = p[o + 2] as number;
      const u = rng();
      return u < (p[o + 3] as number)
        ? low + Math.sqrt(u * (high - low) * (mode - low))
        : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
    }
    case PERT: {
      const x = sampleGamma(p[o] as number, rng);
      const y = sampleGamma(p[o + 1] as number, rng);
      return (p[o + 2] as number) + (p[o + 3] as number) * (x / (x + y));
    }
    case NORMAL: {
      // Inverse-CDF sampling within the bounds: one uniform per draw, no rejection loop.
      const u = (p[o + 2] as number) + (p[o + 3] as number) * openUniform(rng);
      const x = (p[o] as number) + (p[o + 1] as number) * normalQuantile(u);
      // The CDF approximation can land a hair outside a bound; a bound is a promise, so hold to it.
      return Math.min(p[o + 5] as number, Math.max(p[o + 4] as number, x));
    }
    default:
      return p[o] as number;
  }
}

/** Fills `out` with one draw of every slot. */
export function drawInto(table: SamplerTable, rng: Prng, out: Float64Array): void {
  for (let i = 0; i < table.size; i++) out[i] = drawSlot(table, i, rng);
}

/** One draw from a distribution (convenient; simulations use compiled tables instead). */
export function sampleUncertain(value: Uncertain, rng: Prng): number {
  const table = createSamplerTable([value]);
  return drawSlot(table, 0, rng);
}
