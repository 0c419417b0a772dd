import type { CaseStudy } from '@costed/schema';
import { describe, expect, it } from 'vitest';
import { CONTEXT, COUNCILS, FY_DEFLATORS, UNIT_COSTS } from '../test/fixtures.ts';
import type { AppraisalScenarioInput } from './appraisal-scenario.ts';
import { appraise } from './appraise.ts';
import { localiseCaseStudy, localiseScenario, populationRatio } from './localise.ts';

const citation = { source: 's1', quote: 'A quoted sentence from the source.' };

const caseStudy = {
  slug: 'east-riding-edge-of-care',
  councils: ['E06000011'],
  cohort: {
    description: 'Adolescents at the edge of care',
    needLevels: ['specialist'],
    size: { count: 120, unit: 'young-people', citation },
  },
  costs: [
    {
      label: 'Hub set-up',
      kind: 'set-up',
      basis: 'total',
      money: { pence: 10_000_000, priceYear: '2012-13' },
      citation,
    },
    {
      label: 'Running cost',
      kind: 'recurring',
      basis: 'per-year',
      money: { pence: 50_000_000, priceYear: '2012-13' },
      citation,
    },
    {
      label: 'Cost per family',
      kind: 'recurring',
      basis: 'per-participant',
      money: { pence: 500_000, priceYear: '2012-13' },
      citation,
    },
    {
      label: 'Evaluation',
      kind: 'one-off',
      basis: 'total',
      money: { notReported: true, reason: 'Not given.' },
    },
  ],
  savings: [],
  outcomes: [
    {
      indicator: 'looked-after-children',
      unit: 'count',
      betterDirection: 'lower',
      baseline: { value: 400, year: '2012' },
      followUp: { value: 380, year: '2014' },
      citation,
    },
  ],
} as unknown as CaseStudy;

describe('populationRatio', () => {
  it('divides the target children’s population by the source’s', () => {
    // Hackney 54,352 ÷ East Riding 62,209 = 0.873700
    const r = populationRatio(['E06000011'], 'E09000012', COUNCILS);
    expect(r.ratio).toBeCloseTo(0.8737, 4);
  });

  it('needs a population', () => {
    const withoutPopulation = COUNCILS.map((c) => ({ ...c, population0to17: undefined }));
    expect(() => populationRatio(['E06000011'], 'E09000012', withoutPopulation)).toThrow(
      expect.objectContaining({ code: 'missing-population' }),
    );
  });
});

describe('localiseCaseStudy', () => {
  const ratio = 54_352 / 62_209;
  const r = localiseCaseStudy(
    caseStudy,
    {
      targetCouncil: 'E09000012',
      priceYear: '2024-25',
      valuations: [{ indicator: 'looked-after-children', unitCostId: 'lac-average-fiscal-per-year' }],
    },
    { councils: COUNCILS, deflators: FY_DEFLATORS, unitCosts: UNIT_COSTS },
  );

  it('scales running costs by population at the chosen price year, keeping set-up and per-head costs', () => {
    // running: 50,000,000p × 100 ÷ 71.5454 = 69,885,694.96p; × 0.873700 = 61,059,127.98p → 61,059,128p
    expect(r.costs[1]?.converted?.pence).toBe(69_885_695);
    expect(r.costs[1]?.localised?.pence).toBe(61_059_128);
    expect(r.costs[0]?.scaled).toBe(false);
    expect(r.costs[0]?.localised).toEqual(r.costs[0]?.converted);
    expect(r.costs[2]?.localised).toEqual(r.costs[2]?.converted);
  });

  it('keeps “not reported” as unknown, never zero', () => {
    expect(r.costs[3]?.original).toBeNull();
    expect(r.costs[3]?.localised).toBeNull();
  });

  it('scales the cohort and values the avoided outcomes with the unit cost', () => {
    // 20 fewer looked-after children × 0.873700 = 17.474; × £69,940.32 = £1,222,136.99
    expect(r.cohortSize?.localised).toBeCloseTo(120 * ratio, 9);
    expect(r.benefits[0]?.localisedOutcomes).toBeCloseTo(20 * ratio, 9);
    expect(r.totalBenefits.pence).toBe(122_213_699);
  });

  it('uses a local unit cost where given', () => {
    const local = localiseCaseStudy(
      caseStudy,
      {
        targetCouncil: 'E09000012',
        priceYear: '2024-25',
        localUnitCosts: [
          { unitCostId: 'lac-average-fiscal-per-year', money: { pence: 8_000_000, priceYear: '2024-25' } },
        ],
        valuations: [{ indicator: 'looked-after-children', unitCostId: 'lac-average-fiscal-per-year' }],
      },
      { councils: COUNCILS, deflators: FY_DEFLATORS, unitCosts: UNIT_COSTS },
    );
    expect(local.benefits[0]?.localUnitCost).toBe(true);
    expect(local.totalBenefits.pence).toBe(Math.round(20 * ratio * 8_000_000));
  });
});

describe('localiseScenario', () => {
  const scenario: AppraisalScenarioInput = {
    priceYear: '2012-13',
    horizonYears: 3,
    participants: 100,
    costs: [
      { label: 'Set-up', kind: 'set-up', amount: { pence: 1_000_000, priceYear: '2012-13' } },
      { label: 'Team', kind: 'recurring', amount: { pence: 2_000_000, priceYear: '2012-13' } },
      {
        label: 'Per head',
        kind: 'recurring',
        basis: 'per-participant',
        amount: { pence: 1_000, priceYear: '2012-13' },
      },
    ],
    benefits: [
      {
        label: 'Care avoided',
        outcomesPerYear: { type: 'triangular', low: 1, likely: 2, high: 4 },
        valuation: { unitCostId: 'lac-average-fiscal-per-year' },
        durationYears: 2,
      },
    ],
  };

  it('scales participants, outcomes and whole-cohort running costs, and swaps in local unit costs', () => {
    const local = localiseScenario(scenario, {
      ratio: 0.5,
      priceYear: '2024-25',
      unitCosts: UNIT_COSTS,
      localUnitCosts: [
        { unitCostId: 'lac-average-fiscal-per-year', money: { pence: 7_000_000, priceYear: '2024-25' } },
      ],
    });
    expect(local.priceYear).toBe('2024-25');
    expect(local.participants).toBe(50);
    expect(local.costs.map((c) => c.amount.pence)).toEqual([1_000_000, 1_000_000, 1_000]);
    expect(local.benefits[0]?.outcomesPerYear).toEqual({ type: 'triangular', low: 0.5, likely: 1, high: 2 });
    expect(local.benefits[0]?.valuation).toMatchObject({
      money: { pence: 7_000_000 },
      agency: 'council-childrens-services',
    });
  });

  it('halves an appraisal’s running costs and benefits when the population halves', () => {
    const noSetUp = { ...scenario, costs: scenario.costs.slice(1, 2) };
    const full = appraise(noSetUp, CONTEXT);
    const half = appraise(localiseScenario(noSetUp, { ratio: 0.5 }), CONTEXT);
    expect(Math.abs(half.npv.pence * 2 - full.npv.pence)).toBeLessThanOrEqual(2);
  });
});
