import { createPriceConverter } from '@costed/costing';
import type { CaseStudy, CostLine, OutcomeMeasure } from '@costed/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORGS, type TestApp } from './helpers.ts';

const CITE = { source: 'cypn-pillars-and-foundations', quote: 'A figure made up for this test only.' };

function cost(pence: number): CostLine {
  return {
    label: 'Running the service',
    money: { pence, priceYear: '2024-25' },
    kind: 'one-off',
    basis: 'total',
    citation: CITE,
  };
}

function proceedings(baseline: number, followUp: number): OutcomeMeasure {
  return {
    indicator: 'care-proceedings-under-2',
    unit: 'count',
    betterDirection: 'lower',
    baseline: { value: baseline, year: '2012' },
    followUp: { value: followUp, year: '2014' },
    citation: CITE,
  };
}

const SEED_SLUGS = [
  'hackney-learning-trust',
  'gloucestershire-prospects-integrated-youth-services',
  'east-riding-early-help-shift',
];

describe('GET /v1/compare', () => {
  let t: TestApp;
  const get = (query: string, cookie?: string) =>
    t.app.inject({ url: `/v1/compare?${query}`, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp();
    // No two seed studies share an indicator with complete costs, so three copies of East Riding's study do:
    // A: £1m for 50 fewer proceedings; B: £2m for 40 fewer (dominated by A); C: £3m for 80 fewer.
    const east = (await t.store.caseStudies.get('east-riding-early-help-shift'))?.document as CaseStudy;
    const variants: [string, string, number, OutcomeMeasure][] = [
      ['test-option-a', 'Option A: early help hub', 100_000_000, proceedings(95, 45)],
      ['test-option-b', 'Option B: outsourced family support', 200_000_000, proceedings(95, 55)],
      ['test-option-c', 'Option C: whole-family service', 300_000_000, proceedings(120, 40)],
    ];
    for (const [slug, title, pence, outcome] of variants) {
      await t.store.caseStudies.save({
        document: {
          ...structuredClone(east),
          slug,
          title,
          version: 1,
          costs: [cost(pence)],
          outcomes: [outcome],
        },
        actor: 'system:test',
      });
    }
    await t.store.caseStudies.save({
      document: { ...structuredClone(east), slug: 'test-draft-option', status: 'draft', version: 1 },
      actor: 'system:test',
    });
  }, 60_000);
  afterAll(async () => t?.close());

  it('sets three seed case studies side by side at 2024-25, listing unreported costs and never zeroing them', async () => {
    const res = await get(`slugs=${SEED_SLUGS.join(',')}&priceYear=2024-25`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.priceYear).toBe('2024-25');
    expect(body.deflatorRelease).toMatch(/March 2026/);
    expect(body.caseStudies.map((c: { slug: string }) => c.slug)).toEqual(SEED_SLUGS);
    const [hackney, gloucestershire, eastRiding] = body.caseStudies;

    const reference = await t.services.reference.get();
    const factor = createPriceConverter(reference.deflators).factor('2002-03', '2024-25');
    expect(hackney.costs.lines[0]).toMatchObject({
      original: { pence: 10_800_000_000, priceYear: '2002-03' },
      converted: { pence: Math.round(10_800_000_000 * factor), priceYear: '2024-25' },
      excludedBecause: null,
    });
    expect(hackney.costs.total).toEqual({ pence: Math.round(10_800_000_000 * factor), priceYear: '2024-25' });
    expect(hackney.costs.complete).toBe(false);
    expect(hackney.costs.notReported).toEqual(['Ten-year education services contract']);
    expect(hackney.evidence).toMatchObject({
      level: 1,
      result: 'not-evaluated',
      resultLabel: 'Not evaluated',
    });

    expect(gloucestershire.costs.lines[0].excludedBecause).toBe('reduction');

    expect(eastRiding.costs.total).toBeNull();
    expect(eastRiding.costs.perParticipant).toBeNull();
    expect(eastRiding.costs.lines[0]).toMatchObject({
      original: null,
      converted: null,
      excludedBecause: 'not-reported',
    });
    expect(eastRiding.costs.lines[0].notReportedReason).toMatch(/gives no amount/);
    expect(eastRiding.outcomes[0]).toMatchObject({
      indicator: 'care-proceedings-under-2',
      impact: { absoluteChange: -50, improvement: 50, direction: 'improved' },
      improvementCount: 50,
    });

    expect(body.sharedIndicators).toEqual([]);
    expect(body.notes.join(' ')).toMatch(/share no outcome indicator/);
    expect(body.stamp).toMatchObject({ methodVersion: '1.0.0', deflatorRelease: body.deflatorRelease });
  });

  it('on a shared indicator gives ICERs, dominance, the frontier and a plain reading', async () => {
    const res = await get(
      'slugs=test-option-a,test-option-b,test-option-c,east-riding-early-help-shift&priceYear=2024-25',
    );
    expect(res.statusCode).toBe(200);
    const [shared] = res.json().sharedIndicators;
    expect(shared).toMatchObject({ indicator: 'care-proceedings-under-2', effectUnit: 'children or cases' });
    expect(shared.excluded).toEqual([
      { slug: 'east-riding-early-help-shift', reason: 'No cost is reported that can be totalled.' },
    ]);
    const status = Object.fromEntries(
      shared.options.map((o: { slug: string; status: string }) => [o.slug, o.status]),
    );
    expect(status).toEqual({
      'test-option-a': 'frontier',
      'test-option-b': 'strictly-dominated',
      'test-option-c': 'frontier',
    });
    expect(shared.options[1].dominatedBy).toEqual(['test-option-a']);
    // A → C: (£3m − £1m) ÷ (80 − 50) = £66,666.67 per extra case avoided.
    expect(shared.frontier).toEqual([
      { slug: 'test-option-a', cost: { pence: 100_000_000, priceYear: '2024-25' }, effect: 50, icer: null },
      {
        slug: 'test-option-c',
        cost: { pence: 300_000_000, priceYear: '2024-25' },
        effect: 80,
        icer: { pence: 6_666_667, priceYear: '2024-25' },
      },
    ]);
    expect(shared.icers).toContainEqual({
      from: 'test-option-a',
      to: 'test-option-b',
      incrementalCost: { pence: 100_000_000, priceYear: '2024-25' },
      incrementalEffect: -10,
      icer: { pence: -10_000_000, priceYear: '2024-25' },
      quadrant: 'dominated',
    });
    expect(shared.icers).toHaveLength(3);
    expect(shared.readings).toContain(
      'Option A: early help hub achieved at least as much on care proceedings for children under 2 (50 vs 40 children or cases) for less (£1,000,000 vs £2,000,000 at 2024-25 prices) than Option B: outsourced family support.',
    );
    expect(shared.readings.join(' ')).toMatch(/costs £66,666\.67 more for each extra child or case/);
  });

  it('refuses a bad request with a problem naming the field or the slug', async () => {
    const cases: [string, number, string][] = [
      ['slugs=hackney-learning-trust&priceYear=2024-25', 400, 'querystring.slugs'],
      [
        `slugs=${[...SEED_SLUGS, 'test-option-a', 'test-option-b'].join(',')}&priceYear=2024-25`,
        400,
        'querystring.slugs',
      ],
      ['slugs=hackney-learning-trust,hackney-learning-trust&priceYear=2024-25', 400, 'querystring.slugs'],
      [`slugs=${SEED_SLUGS.join(',')}&priceYear=2024-26`, 400, 'querystring.priceYear'],
      [`slugs=${SEED_SLUGS.join(',')}&priceYear=1900-01`, 400, 'querystring.priceYear'],
      [`slugs=${SEED_SLUGS.join(',')}`, 400, 'querystring.priceYear'],
    ];
    for (const [query, status, path] of cases) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    for (const slug of ['no-such-study', 'test-draft-option']) {
      const res = await get(`slugs=hackney-learning-trust,${slug}&priceYear=2024-25`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'not-found', slug });
      expect(res.json().detail).toContain(slug);
    }
  });

  it('lets every role compare, anonymous too', async () => {
    const cookies = [
      undefined,
      (await t.signIn('council-member')).cookie,
      (await t.signIn('council-member', ORGS.suffolk.id)).cookie,
      (await t.signIn('curator')).cookie,
      (await t.signIn('admin')).cookie,
    ];
    for (const cookie of cookies) {
      const res = await get('slugs=test-option-a,test-option-c&priceYear=2024-25', cookie);
      expect(res.statusCode).toBe(200);
      expect(res.json().sharedIndicators[0].frontier).toHaveLength(2);
    }
  });

  it('documents the route and its query in OpenAPI', async () => {
    const spec = (await t.app.inject('/openapi.json')).json();
    const op = spec.paths['/v1/compare'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['priceYear', 'slugs']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '422']));
  });
});
