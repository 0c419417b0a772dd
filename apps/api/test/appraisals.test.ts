import { type AppraisalScenarioInput, appraise, createPriceConverter } from '@costed/costing';
import type { CaseStudy } from '@costed/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORGS, type TestApp } from './helpers.ts';

// The costing README's worked example: £100,000 set-up, one £50,000 placement a year avoided in years 1–3.
const WORKED: AppraisalScenarioInput = {
  label: 'Worked example',
  priceYear: '2024-25',
  horizonYears: 4,
  costs: [{ label: 'Set-up', kind: 'set-up', amount: { pence: 10_000_000, priceYear: '2024-25' } }],
  benefits: [
    {
      label: 'Placements avoided',
      outcomesPerYear: 1,
      valuation: {
        label: 'One placement for a year',
        money: { pence: 5_000_000, priceYear: '2024-25' },
        agency: 'council-childrens-services',
        cashable: true,
      },
      durationYears: 3,
    },
  ],
};

const UNCERTAIN: AppraisalScenarioInput = {
  ...WORKED,
  benefits: [
    {
      label: 'Care entries avoided',
      outcomesPerYear: { type: 'pert', low: 0, likely: 1, high: 3 },
      valuation: { unitCostId: 'lac-average-fiscal-per-year' },
      durationYears: 3,
      adjustments: { deadweightPercent: { type: 'triangular', low: 10, likely: 20, high: 40 } },
    },
  ],
};

type Benefit = AppraisalScenarioInput['benefits'][number];
const WORKED_BENEFIT = WORKED.benefits[0] as Benefit;
const UNCERTAIN_BENEFIT = UNCERTAIN.benefits[0] as Benefit;
const SET_UP_AMOUNT = { pence: 10_000_000, priceYear: '2024-25' };

describe('POST /v1/appraisals and POST /v1/case-studies/:slug/localise', () => {
  let t: TestApp;
  const post = (url: string, payload: unknown, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp();
    // East Riding's study as published reports no cost; this copy reports one, so the full appraisal path runs.
    const east = await t.store.caseStudies.get('east-riding-early-help-shift');
    const document: CaseStudy = structuredClone(east?.document as CaseStudy);
    document.slug = 'test-east-riding-with-cost';
    document.version = 1;
    document.costs = [
      {
        label: 'Intensive early help team',
        money: { pence: 40_000_000, priceYear: '2014-15' },
        kind: 'recurring',
        basis: 'per-year',
        citation: { source: 'cypn-pillars-and-foundations', quote: 'A figure made up for this test only.' },
      },
      {
        label: 'Training the team',
        money: { pence: 5_000_000, priceYear: '2014-15' },
        kind: 'set-up',
        basis: 'total',
        citation: { source: 'cypn-pillars-and-foundations', quote: 'A figure made up for this test only.' },
      },
    ];
    await t.store.caseStudies.save({ document, actor: 'system:test' });
    await t.store.caseStudies.save({
      document: { ...document, slug: 'test-draft-study', status: 'draft' },
      actor: 'system:test',
    });
  }, 60_000);
  afterAll(async () => t?.close());

  describe('appraisal', () => {
    it('gives the NPV worked by hand, with BCR, payback, break-even, agency split and the stamp', async () => {
      const res = await post('/v1/appraisals', { scenario: WORKED });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      // Green Book 3.5%: PV benefits = £50,000 × (1/1.035 + 1/1.035² + 1/1.035³) = £140,081.85.
      const pvb = 5_000_000 * (1 / 1.035 + 1 / 1.035 ** 2 + 1 / 1.035 ** 3);
      expect(body.appraisal.presentValueBenefits).toEqual({ pence: 14_008_185, priceYear: '2024-25' });
      expect(body.appraisal.npv).toEqual({ pence: 4_008_185, priceYear: '2024-25' });
      expect(body.appraisal.npv.pence).toBe(Math.round(pvb - 10_000_000));
      expect(body.appraisal.bcr).toBeCloseTo(pvb / 10_000_000, 12);
      expect(body.appraisal.roi).toBeCloseTo(pvb / 10_000_000 - 1, 12);
      expect(body.appraisal.discountedPaybackYear).toBe(3);
      expect(body.appraisal.breakEvenEffect.scale).toBeCloseTo(10_000_000 / pvb, 12);
      expect(body.appraisal.presentValueByAgency['council-childrens-services'].pence).toBe(14_008_185);
      expect(body.appraisal.presentValueCashable.pence).toBe(14_008_185);
      expect(body.appraisal.presentValueNonCashable.pence).toBe(0);
      expect(body.appraisal.years.map((y: { year: number }) => y.year)).toEqual([0, 1, 2, 3]);
      expect(body.appraisal.years[0].costs.pence).toBe(10_000_000);
      expect(body.simulation).toBeNull();
      expect(body.stamp).toMatchObject({
        methodVersion: '1.0.0',
        deflatorRelease: expect.stringContaining('March 2026'),
        discountSchedule: { id: 'standard' },
      });
    });

    it('returns exactly what the costing package computes from the same reference data', async () => {
      const reference = await t.services.reference.get();
      const direct = appraise(UNCERTAIN, reference);
      const res = await post('/v1/appraisals', { scenario: UNCERTAIN });
      expect(res.json().appraisal).toEqual(JSON.parse(JSON.stringify(direct)));
    });

    it('simulates with a seed: the same seed gives an identical response, another seed does not', async () => {
      const body = { scenario: UNCERTAIN, monteCarlo: { seed: 42, iterations: 2_000 } };
      const a = await post('/v1/appraisals', body);
      const b = await post('/v1/appraisals', body);
      expect(a.statusCode).toBe(200);
      expect(a.body).toBe(b.body);
      const sim = a.json().simulation;
      expect(sim.probabilityNpvPositive).toBeGreaterThan(0);
      expect(sim.probabilityNpvPositive).toBeLessThan(1);
      expect(sim.npv.p10.pence).toBeLessThanOrEqual(sim.npv.p50.pence);
      expect(sim.npv.p50.pence).toBeLessThanOrEqual(sim.npv.p90.pence);
      expect(sim.bcr.p10).toBeLessThanOrEqual(sim.bcr.p90);
      expect(a.json().stamp).toMatchObject({
        seed: 42,
        iterations: 2_000,
        discountSchedule: { id: 'standard' },
      });
      const other = await post('/v1/appraisals', { ...body, monteCarlo: { seed: 43, iterations: 2_000 } });
      expect(other.json().simulation.npv.p50).not.toEqual(sim.npv.p50);
    });

    it('runs up to 50,000 iterations and refuses more with a 400 naming the field', async () => {
      const ok = await post('/v1/appraisals', {
        scenario: UNCERTAIN,
        monteCarlo: { seed: 1, iterations: 50_000 },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().simulation.iterations).toBe(50_000);
      const res = await post('/v1/appraisals', {
        scenario: UNCERTAIN,
        monteCarlo: { seed: 1, iterations: 50_001 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.monteCarlo.iterations']);
    });

    it('refuses a simulation whose draws exceed the work limit, and says how many iterations fit', async () => {
      const heavy: AppraisalScenarioInput = {
        ...UNCERTAIN,
        horizonYears: 100,
        benefits: Array.from({ length: 5 }, (_, i) => ({
          ...UNCERTAIN_BENEFIT,
          label: `Benefit ${i}`,
          durationYears: 99,
          adjustments: { dropOffPercent: { type: 'pert', low: 0, likely: 10, high: 30 } },
        })),
      };
      // Per iteration: 5 × (uncertain outcomes + uncertain drop-off + 99 years ÷ 10) = 59.5 draws; × 50,000 > 2m.
      const res = await post('/v1/appraisals', {
        scenario: heavy,
        monteCarlo: { seed: 1, iterations: 50_000 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ path: 'body.monteCarlo.iterations', code: 'too-much-work' }),
      ]);
      expect(res.json().detail).toContain('use at most 33,613 iterations');
      const fits = await post('/v1/appraisals', {
        scenario: heavy,
        monteCarlo: { seed: 1, iterations: 33_613 },
      });
      expect(fits.statusCode).toBe(200);
    });

    it('refuses a horizon above 100 years, naming the field', async () => {
      const res = await post('/v1/appraisals', { scenario: { ...WORKED, horizonYears: 101 } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.scenario.horizonYears']);
    });

    it('lists every failing field of a bad body', async () => {
      const res = await post('/v1/appraisals', {
        scenario: {
          priceYear: '2024-26',
          horizonYears: 4,
          costs: [{ label: 'Set-up', kind: 'set-up', amount: { pence: 'lots', priceYear: '2024-25' } }],
          benefits: [{ ...WORKED_BENEFIT, durationYears: undefined }],
        },
        monteCarlo: { seed: -1 },
        surprise: true,
      });
      expect(res.statusCode).toBe(400);
      const problem = res.json();
      expect(problem).toMatchObject({
        code: 'validation-failed',
        status: 400,
        type: '/problems/validation-failed',
      });
      const paths = problem.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'body.scenario.priceYear',
          'body.scenario.costs.0.amount.pence',
          'body.scenario.benefits.0.durationYears',
          'body.monteCarlo.seed',
          'body',
        ]),
      );
    });

    it('names the field when a value does not fit the reference data, never a 500', async () => {
      const cases: [AppraisalScenarioInput, string][] = [
        [{ ...WORKED, priceYear: '1900-01' }, 'body.scenario.priceYear'],
        [
          { ...WORKED, costs: [{ label: 'x', kind: 'set-up', amount: { pence: 1, priceYear: '2020' } }] },
          'body.scenario.costs.0.amount.priceYear',
        ],
        [
          {
            ...UNCERTAIN,
            benefits: [{ ...UNCERTAIN_BENEFIT, valuation: { unitCostId: 'no-such-cost' } }],
          },
          'body.scenario.benefits.0.valuation.unitCostId',
        ],
        [
          { ...WORKED, benefits: [{ ...WORKED_BENEFIT, durationYears: 9 }] },
          'body.scenario.benefits.0.durationYears',
        ],
        [
          {
            ...WORKED,
            costs: [{ label: 'Run', kind: 'recurring', amount: SET_UP_AMOUNT, endYear: 7 }],
          },
          'body.scenario.costs.0.endYear',
        ],
      ];
      for (const [scenario, path] of cases) {
        const res = await post('/v1/appraisals', { scenario });
        expect(res.statusCode, path).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      const bounds = await post('/v1/appraisals', {
        scenario: {
          ...WORKED,
          benefits: [
            {
              ...WORKED_BENEFIT,
              adjustments: { deadweightPercent: { type: 'normal', mean: 50, sd: 10 } },
            },
          ],
        },
      });
      expect(bounds.statusCode).toBe(400);
      expect(bounds.json().errors[0]).toMatchObject({ path: 'body.scenario', code: 'invalid-rate' });
    });
  });

  describe('localisation', () => {
    it('localises East Riding to Suffolk: scales by children, values outcomes, never reads a missing cost as zero', async () => {
      const res = await post('/v1/case-studies/east-riding-early-help-shift/localise', {
        targetCouncil: ORGS.suffolk.gssCode,
        priceYear: '2024-25',
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.population).toEqual({
        sourcePopulation: 62_209,
        targetPopulation: 150_357,
        ratio: 150_357 / 62_209,
      });
      expect(body.target).toEqual({ gssCode: 'E10000029', name: 'Suffolk' });
      const ratio = 150_357 / 62_209;
      const proceedings = body.localisation.benefits.filter(
        (b: { indicator: string }) => b.indicator === 'care-proceedings-under-2',
      );
      // Four parts of a section 31 application value one case; 95 → 45 is 50 fewer a year in East Riding.
      expect(proceedings).toHaveLength(4);
      expect(proceedings[0].sourceOutcomes).toBe(50);
      expect(proceedings[0].localisedOutcomes).toBeCloseTo(50 * ratio, 10);
      const lac = body.localisation.benefits.find(
        (b: { indicator: string }) => b.indicator === 'looked-after-children-under-4',
      );
      expect(lac).toMatchObject({ sourceOutcomes: 59, unitCostId: 'lac-average-fiscal-per-year' });
      // The cost is not reported: no figure, no appraisal, and the break-even cost in its place.
      expect(body.localisation.costs[0]).toMatchObject({ original: null, converted: null, localised: null });
      expect(body.appraisal).toBeNull();
      expect(body.missing[0]).toMatch(/reports no cost/);
      expect(body.leftOut).toContainEqual({
        item: 'Cost: Intensive early help support funded from the safeguarding budget',
        reason: 'not reported by the source',
      });
      const direct = appraise(body.scenario, await t.services.reference.get());
      expect(body.breakEven.presentValueBenefits).toEqual(direct.presentValueBenefits);
      const annuity = direct.years.reduce((s, y) => s + y.discountFactor, 0);
      expect(body.breakEven.maximumCostPerYear.pence).toBe(
        Math.round(direct.presentValueBenefits.pence / annuity),
      );
      expect(body.stamp.deflatorRelease).toMatch(/March 2026/);
    });

    it('appraises and simulates a study with reported costs, scaling running costs but not set-up', async () => {
      const payload = {
        targetCouncil: 'E10000029',
        priceYear: '2024-25',
        horizonYears: 6,
        adjustments: { deadweightPercent: { type: 'triangular', low: 20, likely: 40, high: 60 } },
        monteCarlo: { seed: 7, iterations: 1_000 },
      };
      const res = await post('/v1/case-studies/test-east-riding-with-cost/localise', payload);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const reference = await t.services.reference.get();
      const factor = createPriceConverter(reference.deflators).factor('2014-15', '2024-25');
      const [running, setUp] = body.localisation.costs;
      expect(running.scaled).toBe(true);
      expect(running.localised.pence).toBe(Math.round(40_000_000 * factor * body.population.ratio));
      expect(setUp.scaled).toBe(false);
      expect(setUp.localised.pence).toBe(Math.round(5_000_000 * factor));
      expect(body.scenario.costs).toHaveLength(2);
      expect(body.scenario.costs[0]).toMatchObject({ kind: 'recurring', startYear: 0, endYear: 5 });
      expect(body.appraisal).toEqual(JSON.parse(JSON.stringify(appraise(body.scenario, reference))));
      expect(body.simulation.iterations).toBe(1_000);
      expect(body.stamp).toMatchObject({ seed: 7, iterations: 1_000, discountSchedule: { id: 'standard' } });
      expect(body.missing).toEqual([]);
      const again = await post('/v1/case-studies/test-east-riding-with-cost/localise', payload);
      expect(again.body).toBe(res.body);
    });

    it('answers 422 with what is missing when a study has no outcome to value', async () => {
      const res = await post('/v1/case-studies/suffolk-signs-of-safety/localise', {
        targetCouncil: 'E06000011',
        priceYear: '2024-25',
      });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json();
      expect(problem.code).toBe('unprocessable');
      expect(problem.detail).toMatch(/reports no outcome measures/);
      expect(problem.detail).toMatch(/no cost either/);
      expect(problem.detail).toMatch(/evaluate before deciding/);
      expect(problem.missing).toEqual([
        'No outcome of suffolk-signs-of-safety can be valued with a unit cost.',
        'suffolk-signs-of-safety reports no cost.',
      ]);
    });

    it('answers 404 for an unknown or unpublished study, and 400 naming each bad field', async () => {
      for (const slug of ['no-such-study', 'test-draft-study']) {
        const res = await post(`/v1/case-studies/${slug}/localise`, {
          targetCouncil: 'E10000029',
          priceYear: '2024-25',
        });
        expect(res.statusCode).toBe(404);
        expect(res.json().detail).toContain(slug);
      }
      const shape = await post('/v1/case-studies/east-riding-early-help-shift/localise', {
        targetCouncil: 'Suffolk',
        priceYear: '2024',
        horizonYears: 1,
        monteCarlo: { seed: 1, iterations: 60_000 },
      });
      expect(shape.statusCode).toBe(400);
      expect(
        shape
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['body.horizonYears', 'body.monteCarlo.iterations', 'body.targetCouncil']);
      const cases: [object, string][] = [
        [{ targetCouncil: 'E06999999', priceYear: '2024-25' }, 'body.targetCouncil'],
        [{ targetCouncil: 'E10000029', priceYear: '1900-01' }, 'body.priceYear'],
        [
          {
            targetCouncil: 'E10000029',
            priceYear: '2024-25',
            valuations: [{ indicator: 'neet-16-18-rate', unitCostId: 'lac-average-fiscal-per-year' }],
          },
          'body.valuations.0.indicator',
        ],
        [
          {
            targetCouncil: 'E10000029',
            priceYear: '2024-25',
            valuations: [{ indicator: 'looked-after-children-under-4', unitCostId: 'nope' }],
          },
          'body.valuations.0.unitCostId',
        ],
      ];
      for (const [payload, path] of cases) {
        const res = await post('/v1/case-studies/east-riding-early-help-shift/localise', payload);
        expect(res.statusCode, path).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      }
    });

    it('uses a local unit cost in place of the national one', async () => {
      const res = await post('/v1/case-studies/east-riding-early-help-shift/localise', {
        targetCouncil: 'E10000029',
        priceYear: '2024-25',
        valuations: [
          { indicator: 'looked-after-children-under-4', unitCostId: 'lac-average-fiscal-per-year' },
        ],
        localUnitCosts: [
          { unitCostId: 'lac-average-fiscal-per-year', money: { pence: 9_000_000, priceYear: '2024-25' } },
        ],
      });
      expect(res.statusCode).toBe(200);
      const [benefit] = res.json().localisation.benefits;
      expect(res.json().localisation.benefits).toHaveLength(1);
      expect(benefit).toMatchObject({
        localUnitCost: true,
        unitValue: { pence: 9_000_000, priceYear: '2024-25' },
      });
    });
  });

  it('lets every role call both routes, anonymous too', async () => {
    const users = [
      undefined,
      (await t.signIn('council-member')).cookie,
      (await t.signIn('council-member', ORGS.suffolk.id)).cookie,
      (await t.signIn('curator')).cookie,
      (await t.signIn('admin')).cookie,
    ];
    for (const cookie of users) {
      const a = await post('/v1/appraisals', { scenario: WORKED }, cookie);
      expect(a.statusCode).toBe(200);
      expect(a.json().appraisal.npv.pence).toBe(4_008_185);
      const l = await post(
        '/v1/case-studies/east-riding-early-help-shift/localise',
        { targetCouncil: 'E10000029', priceYear: '2024-25' },
        cookie,
      );
      expect(l.statusCode).toBe(200);
    }
  });

  it('documents the routes and their limits in OpenAPI', async () => {
    const spec = (await t.app.inject('/openapi.json')).json();
    expect(spec.paths['/v1/appraisals'].post.summary).toMatch(/Appraise/);
    expect(JSON.stringify(spec.paths['/v1/appraisals'].post.requestBody)).toContain('"maximum":50000');
    expect(spec.paths['/v1/case-studies/{slug}/localise'].post).toBeDefined();
  });
});
