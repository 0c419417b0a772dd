import { describe, expect, it } from 'vitest';
import { applySroiAdjustments, improvementAsCount, measureImpact } from './measure-impact.ts';

const base = { indicator: 'care-proceedings-under-2', unit: 'count' as const };

describe('measureImpact', () => {
  it('counts a fall as an improvement when lower is better', () => {
    // 40 → 30: change −10, relative −10 ÷ 40 = −25%; lower is better, so improvement +10
    const i = measureImpact({
      ...base,
      betterDirection: 'lower',
      baseline: { value: 40, year: '2012' },
      followUp: { value: 30, year: '2014' },
    });
    expect(i).toEqual({ absoluteChange: -10, relativeChange: -0.25, improvement: 10, direction: 'improved' });
  });

  it('counts a fall as worse when higher is better', () => {
    const i = measureImpact({
      ...base,
      betterDirection: 'higher',
      baseline: { value: 60, year: '2012' },
      followUp: { value: 55, year: '2014' },
    });
    expect(i.improvement).toBe(-5);
    expect(i.direction).toBe('worsened');
  });

  it('has no relative change from a zero baseline', () => {
    const i = measureImpact({
      ...base,
      betterDirection: 'higher',
      baseline: { value: 0, year: '2012' },
      followUp: { value: 3, year: '2014' },
    });
    expect(i.relativeChange).toBeNull();
  });

  it('refuses an outcome without a baseline', () => {
    expect(() =>
      measureImpact({ ...base, betterDirection: 'lower', followUp: { value: 3, year: '2014' } }),
    ).toThrow(expect.objectContaining({ code: 'missing-baseline' }));
  });
});

describe('improvementAsCount', () => {
  it('turns a percentage-point change into children with the population', () => {
    // NEET rate 8% → 6% of 2,500 young people: 2 points × 2,500 ÷ 100 = 50 fewer NEET
    expect(
      improvementAsCount({
        indicator: 'neet-rate',
        unit: 'percent',
        betterDirection: 'lower',
        baseline: { value: 8, year: '2012' },
        followUp: { value: 6, year: '2014' },
        population: 2500,
      }),
    ).toBe(50);
  });

  it('needs a population for a rate', () => {
    expect(() =>
      improvementAsCount({
        indicator: 'lac-rate',
        unit: 'rate-per-10000',
        betterDirection: 'lower',
        baseline: { value: 60, year: '2012' },
        followUp: { value: 55, year: '2014' },
      }),
    ).toThrow(expect.objectContaining({ code: 'not-countable' }));
  });
});

describe('applySroiAdjustments', () => {
  it('takes off deadweight, displacement and attribution, then drop-off from the second year', () => {
    // 100 × (1 − 0.20) × (1 − 0.10) × (1 − 0.25) = 54; then × 0.5 each year: 27, 13.5
    const net = applySroiAdjustments(
      100,
      { deadweightPercent: 20, displacementPercent: 10, attributionPercent: 25, dropOffPercent: 50 },
      3,
    );
    expect(net[0]).toBeCloseTo(54, 12);
    expect(net[1]).toBeCloseTo(27, 12);
    expect(net[2]).toBeCloseTo(13.5, 12);
  });

  it('refuses a rate over 100%', () => {
    expect(() => applySroiAdjustments(100, { deadweightPercent: 120 }, 1)).toThrow(
      expect.objectContaining({ code: 'invalid-rate' }),
    );
  });
});
