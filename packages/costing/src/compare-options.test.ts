import { describe, expect, it } from 'vitest';
import { type ComparisonOption, findFrontier, incrementalCostEffectiveness } from './compare-options.ts';

const py = '2024-25';
const option = (id: string, pounds: number, effect: number): ComparisonOption => ({
  id,
  cost: { pence: pounds * 100, priceYear: py },
  effect,
});

describe('incrementalCostEffectiveness', () => {
  it('divides extra cost by extra effect', () => {
    // (£300,000 − £100,000) ÷ (12 − 4 placements avoided) = £25,000 per extra placement avoided
    const r = incrementalCostEffectiveness(option('a', 100_000, 4), option('b', 300_000, 12));
    expect(r.icer).toEqual({ pence: 2_500_000, priceYear: py });
    expect(r.incrementalCost.pence).toBe(20_000_000);
    expect(r.incrementalEffect).toBe(8);
    expect(r.quadrant).toBe('more-costly-more-effective');
  });

  it('names dominance', () => {
    expect(incrementalCostEffectiveness(option('a', 100, 4), option('b', 80, 6)).quadrant).toBe('dominant');
    expect(incrementalCostEffectiveness(option('a', 100, 4), option('b', 120, 2)).quadrant).toBe('dominated');
  });

  it('refuses equal effects and mixed price years', () => {
    expect(() => incrementalCostEffectiveness(option('a', 1, 4), option('b', 2, 4))).toThrow(
      expect.objectContaining({ code: 'equal-effects' }),
    );
    expect(() =>
      incrementalCostEffectiveness(option('a', 1, 4), {
        ...option('b', 2, 5),
        cost: { pence: 200, priceYear: '2012-13' },
      }),
    ).toThrow(expect.objectContaining({ code: 'price-year-mismatch' }));
  });
});

describe('findFrontier', () => {
  it('drops strictly and extendedly dominated options', () => {
    // A £0, 0; B £200, 5 (ICER 40 over A); C £300, 10 (ICER 20 over B, 30 over A); D £400, 8; E £900, 20 (ICER 60 over C)
    // D costs more than C and achieves less → strictly dominated by C.
    // B's ICER (40) exceeds the next one (20) → extendedly dominated: a mix of A and C beats it.
    const r = findFrontier([
      option('A', 0, 0),
      option('B', 200, 5),
      option('C', 300, 10),
      option('D', 400, 8),
      option('E', 900, 20),
    ]);
    expect(r.frontier.map((f) => [f.id, f.icer?.pence ?? null])).toEqual([
      ['A', null],
      ['C', 3_000],
      ['E', 6_000],
    ]);
    const status = Object.fromEntries(r.options.map((o) => [o.id, o.status]));
    expect(status).toEqual({
      A: 'frontier',
      B: 'extendedly-dominated',
      C: 'frontier',
      D: 'strictly-dominated',
      E: 'frontier',
    });
    expect(r.options.find((o) => o.id === 'D')?.dominatedBy).toEqual(['C']);
  });

  it('keeps one of two identical options', () => {
    const r = findFrontier([option('X', 100, 1), option('Y', 100, 1)]);
    expect(r.frontier.map((f) => f.id)).toEqual(['X']);
  });

  it('refuses an empty list and repeated ids', () => {
    expect(() => findFrontier([])).toThrow(expect.objectContaining({ code: 'no-options' }));
    expect(() => findFrontier([option('X', 1, 1), option('X', 2, 2)])).toThrow(
      expect.objectContaining({ code: 'no-options' }),
    );
  });
});
