import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

describe('case-study routes (seed data)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('searches with typos and acronyms, with facets and an exact total', async () => {
    const res = await t.app.inject('/v1/case-studies?q=safegaurding');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.facets.policyStrand.length).toBeGreaterThan(0);
    const lac = (await t.app.inject('/v1/case-studies?q=LAC')).json();
    expect(lac.synonymsUsed.length).toBeGreaterThan(0);
  });

  it('filters by repeated or comma-separated values and sorts', async () => {
    const all = (await t.app.inject('/v1/case-studies?pageSize=100')).json();
    expect(all.total).toBe(11);
    const hull = (await t.app.inject('/v1/case-studies?council=E06000011')).json();
    expect(
      hull.hits.every((h: { councils: { code: string }[] }) =>
        h.councils.some((c) => c.code === 'E06000011'),
      ),
    ).toBe(true);
    const two = (await t.app.inject('/v1/case-studies?evidenceLevel=0,1&sort=evidence-level')).json();
    expect(two.total).toBe(11);
    expect(two.hits[0].evidenceLevel).toBeGreaterThanOrEqual(two.hits.at(-1).evidenceLevel);
  });

  it('refuses bad filters with problem+json naming the field', async () => {
    const res = await t.app.inject('/v1/case-studies?policyStrand=not-a-strand&council=X123');
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.policyStrand.0', 'querystring.council.0']));
    const long = await t.app.inject(`/v1/case-studies?q=${'a'.repeat(201)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].path).toBe('querystring.q');
  });

  it('returns a case study with every figure converted to a chosen price year and the method stamp', async () => {
    const res = await t.app.inject('/v1/case-studies/hackney-learning-trust?priceYear=2024-25');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.caseStudy.slug).toBe('hackney-learning-trust');
    expect(body.evidenceLevel.definition.length).toBeGreaterThan(20);
    const reported = body.converted.costs.filter((c: { original: unknown }) => c.original);
    expect(reported.length).toBeGreaterThan(0);
    for (const c of reported) {
      expect(c.converted.priceYear).toBe('2024-25');
      expect(c.converted.pence).toBeGreaterThan(c.original.pence);
    }
    expect(body.converted.stamp.deflatorRelease).toContain('HM Treasury');
    expect(body.converted.stamp.methodVersion).toBe('1.0.0');
  });

  it('keeps "not reported" distinct from zero when converting', async () => {
    const body = (await t.app.inject('/v1/case-studies/suffolk-signs-of-safety?priceYear=2024-25')).json();
    const notReported = body.converted.costs.filter((c: { original: unknown }) => c.original === null);
    expect(notReported.length).toBeGreaterThan(0);
    for (const c of notReported) {
      expect(c.converted).toBeNull();
      expect(c.note).toMatch(/^Not reported/);
    }
  });

  it('refuses a bad or out-of-series price year', async () => {
    const bad = await t.app.inject('/v1/case-studies/hackney-learning-trust?priceYear=2012-14');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.priceYear');
    const outside = await t.app.inject('/v1/case-studies/hackney-learning-trust?priceYear=1900-01');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toContain('1900-01');
  });

  it('answers 404 for an unknown slug and hostile slugs', async () => {
    for (const slug of ['nope', '..%2F..%2Fetc%2Fpasswd', '%3Cscript%3E', 'a'.repeat(121)]) {
      const res = await t.app.inject(`/v1/case-studies/${slug}`);
      expect([400, 404]).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 410 with the reason for a withdrawn case study, and keeps its history with changes', async () => {
    await t.store.caseStudies.setStatus(
      'surrey-youth-offending-team-into-youth-services',
      'withdrawn',
      'curator',
      'Superseded by a fuller account',
    );
    await t.services.worker.drainNow();
    const gone = await t.app.inject('/v1/case-studies/surrey-youth-offending-team-into-youth-services');
    expect(gone.statusCode).toBe(410);
    expect(gone.json().reason).toBe('Superseded by a fuller account');
    const history = (
      await t.app.inject('/v1/case-studies/surrey-youth-offending-team-into-youth-services/versions')
    ).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(history.versions[1].changes).toContainEqual({
      path: 'status',
      type: 'changed',
      before: 'published',
      after: 'withdrawn',
    });
    const search = (await t.app.inject('/v1/case-studies?q=surrey')).json();
    expect(search.hits.map((h: { slug: string }) => h.slug)).not.toContain(
      'surrey-youth-offending-team-into-youth-services',
    );
  });
});

describe('reference routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it.each(['deflators', 'discount-rates', 'unit-costs', 'councils', 'indicators', 'synonyms'])(
    'serves %s with an ETag',
    async (name) => {
      const res = await t.app.inject(`/v1/reference/${name}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.length).toBeGreaterThan(0);
      const again = await t.app.inject({
        url: `/v1/reference/${name}`,
        headers: { 'if-none-match': String(res.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    },
  );

  it('serves the Green Book schedule with compounding bands', async () => {
    const schedules = (await t.app.inject('/v1/reference/discount-rates')).json().items;
    const standard = schedules.find((s: { id: string }) => s.id === 'standard');
    expect(standard.bands[0]).toMatchObject({ fromYear: 0, toYear: 30, ratePercent: 3.5 });
  });
});
