import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT, FY_DEFLATORS, HEALTH, STANDARD } from '../test/fixtures.ts';
import type { AppraisalScenarioInput } from './appraisal-scenario.ts';
import { appraise } from './appraise.ts';
import { type ComparisonOption, findFrontier } from './compare-options.ts';
import { convertPriceYear } from './convert-price-year.ts';
import { discountFactors, flatRateSchedule } from './discount-factors.ts';
import type { Uncertain } from './distributions.ts';
import { simulateAppraisal } from './simulate-appraisal.ts';

const years = FY_DEFLATORS.points.map((p) => p.year);
const py = '2024-25';

describe('properties', () => {
  it('converting A → B → A returns the amount within a penny', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom(...years),
        fc.constantFrom(...years),
        (pence, a, b) => {
          const there = convertPriceYear({ pence, priceYear: a }, b, FY_DEFLATORS).money;
          const back = convertPriceYear(there, a, FY_DEFLATORS).money;
          // Rounding to whole pence at B loses at most half a penny, magnified by index[A] ÷ index[B];
          // over this series that ratio stays below 2, so the round trip is within one penny.
          expect(Math.abs(back.pence - pence)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('discount factors are positive and fall strictly with time', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(STANDARD, HEALTH),
          fc.double({ min: 0.01, max: 100, noNaN: true }).map((r) => flatRateSchedule(r)),
        ),
        fc.integer({ min: 1, max: 400 }),
        (schedule, lastYear) => {
          const f = discountFactors(lastYear, schedule);
          for (let t = 1; t <= lastYear; t++) {
            expect(f[t] as number).toBeGreaterThan(0);
            expect(f[t] as number).toBeLessThan(f[t - 1] as number);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('NPV is linear in benefits', () => {
    const scenario = (outcomes: number, cost: number, dropOff: number): AppraisalScenarioInput => ({
      priceYear: py,
      horizonYears: 10,
      costs: [{ label: 'Team', kind: 'recurring', amount: { pence: cost, priceYear: py } }],
      benefits: [
        {
          label: 'Care avoided',
          outcomesPerYear: outcomes,
          valuation: { unitCostId: 'lac-average-fiscal-per-year' },
          durationYears: 8,
          adjustments: { deadweightPercent: 15, dropOffPercent: dropOff },
        },
      ],
    });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (outcomes, k, cost, dropOff) => {
          const base = appraise(scenario(0, cost, dropOff), CONTEXT).npv.pence;
          const one = appraise(scenario(outcomes, cost, dropOff), CONTEXT).npv.pence;
          const scaled = appraise(scenario(outcomes * k, cost, dropOff), CONTEXT).npv.pence;
          // NPV(k·b) − NPV(0) = k · (NPV(b) − NPV(0)), up to the half-penny roundings of three figures.
          expect(Math.abs(scaled - base - k * (one - base))).toBeLessThanOrEqual(1 + k);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a dominated option never sits on the frontier', () => {
    const options = fc
      .uniqueArray(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 4 }),
          pence: fc.integer({ min: 0, max: 1_000_000 }),
          effect: fc.integer({ min: -50, max: 50 }),
        }),
        { selector: (o) => o.id, minLength: 1, maxLength: 12 },
      )
      .map((list) =>
        list.map(
          (o): ComparisonOption => ({ id: o.id, cost: { pence: o.pence, priceYear: py }, effect: o.effect }),
        ),
      );
    fc.assert(
      fc.property(options, (list) => {
        const onFrontier = new Set(findFrontier(list).frontier.map((f) => f.id));
        for (const x of list) {
          const dominated = list.some(
            (y) =>
              y !== x &&
              y.cost.pence <= x.cost.pence &&
              y.effect >= x.effect &&
              (y.cost.pence < x.cost.pence || y.effect > x.effect),
          );
          if (dominated) expect(onFrontier.has(x.id)).toBe(false);
        }
        // Along the frontier cost and effect rise together and ICERs never fall.
        const frontier = findFrontier(list).frontier;
        for (let i = 1; i < frontier.length; i++) {
          const prev = frontier[i - 1];
          const cur = frontier[i];
          expect(cur && prev && cur.effect > prev.effect).toBe(true);
          if (i > 1) expect((cur?.icer?.pence ?? 0) >= (prev?.icer?.pence ?? 0) - 1).toBe(true);
        }
      }),
    );
  });

  it('Monte Carlo with zero-width distributions equals the point estimate', () => {
    const zeroWidth = (v: number): fc.Arbitrary<Uncertain> =>
      fc.constantFrom<Uncertain>(
        v,
        { type: 'point', value: v },
        { type: 'triangular', low: v, likely: v, high: v },
        { type: 'pert', low: v, likely: v, high: v },
        { type: 'normal', mean: v, sd: 0 },
      );
    const arb = fc
      .record({
        cost: fc.integer({ min: 0, max: 1e9 }),
        outcomes: fc.double({ min: 0, max: 100, noNaN: true }),
        deadweight: fc.double({ min: 0, max: 100, noNaN: true }),
        dropOff: fc.double({ min: 0, max: 100, noNaN: true }),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
      })
      .chain((r) =>
        fc.record({
          r: fc.constant(r),
          cost: zeroWidth(r.cost),
          outcomes: zeroWidth(r.outcomes),
          deadweight: zeroWidth(r.deadweight),
          dropOff: zeroWidth(r.dropOff),
        }),
      );
    fc.assert(
      fc.property(arb, ({ r, cost, outcomes, deadweight, dropOff }) => {
        const scenario: AppraisalScenarioInput = {
          priceYear: py,
          horizonYears: 6,
          costs: [
            { label: 'Set-up', kind: 'set-up', amount: { pence: cost, priceYear: '2012-13' } },
            { label: 'Team', kind: 'recurring', startYear: 1, amount: { pence: cost, priceYear: py } },
          ],
          benefits: [
            {
              label: 'Care avoided',
              outcomesPerYear: outcomes,
              valuation: { unitCostId: 'lac-average-fiscal-per-year' },
              durationYears: 5,
              adjustments: { deadweightPercent: deadweight, dropOffPercent: dropOff },
            },
          ],
        };
        const point = appraise(scenario, CONTEXT);
        const sim = simulateAppraisal(scenario, CONTEXT, { seed: r.seed, iterations: 50 });
        expect(sim.npv.p10).toEqual(point.npv);
        expect(sim.npv.p50).toEqual(point.npv);
        expect(sim.npv.p90).toEqual(point.npv);
        expect(Math.abs(sim.npv.mean.pence - point.npv.pence)).toBeLessThanOrEqual(1);
        if (point.bcr !== null) expect(sim.bcr?.p50).toBe(point.bcr);
      }),
      { numRuns: 60 },
    );
  });
});
