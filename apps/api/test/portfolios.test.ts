import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPriceConverter } from '@costed/costing';
import type { CaseStudy } from '@costed/schema';
import { parse } from 'csv-parse/sync';
import { unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/lib/api-keys.ts';
import { comparatorsFrom } from '../src/services/portfolio-review.ts';
import { createTestApp, DATA_DIR, ORGS, type TestApp, type TestUser } from './helpers.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_LIMIT = 256 * 1024;
const template = (name: string) => new Uint8Array(readFileSync(join(DATA_DIR, 'templates', name)));
const RATIONALE = 'The contract ends soon and there is no outcome data: commission an evaluation first.';

/** Today plus some months, as YYYY-MM-DD (the review reads the real clock). */
function monthsFromNow(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

describe('portfolios: a council’s private services, import, review, decisions and exports', () => {
  let t: TestApp;
  let own: TestUser;
  let other: TestUser;
  let curator: TestUser;
  let admin: TestUser;
  let apiKey: string;

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    user?: TestUser,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(user ? { cookie: user.cookie } : {}),
        ...(payload !== undefined && !(payload instanceof Uint8Array) && !Buffer.isBuffer(payload)
          ? { 'content-type': 'application/json' }
          : {}),
        ...headers,
      },
      ...(payload === undefined
        ? {}
        : {
            payload:
              payload instanceof Uint8Array ? Buffer.from(payload) : (payload as Record<string, unknown>),
          }),
    });

  const upload = (id: string, bytes: Uint8Array, type: string, user: TestUser = own, query = '') =>
    call('POST', `/v1/portfolios/${id}/import${query}`, user, bytes, { 'content-type': type });

  /** What a failed write must leave exactly as it was: the portfolio and its audit trail. */
  async function snapshot(id: string) {
    return {
      portfolio: await t.store.portfolios.get(id),
      audit: (await t.store.audit.list({ entityType: 'portfolio', entityId: id })).length,
    };
  }

  async function createPortfolio(name = 'Early help services', services: unknown[] = []) {
    const res = await call('POST', '/v1/portfolios', own, { name, services });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; services: { id: string; name: string }[] };
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { uploadLimitBytes: UPLOAD_LIMIT } });
    own = await t.signIn('council-member');
    other = await t.signIn('council-member', ORGS.suffolk.id);
    curator = await t.signIn('curator');
    admin = await t.signIn('admin');
    const key = generateApiKey();
    await t.store.apiKeys.create(
      {
        id: randomUUID(),
        organisationId: ORGS.eastRiding.id,
        name: 'portfolio test',
        displayPrefix: key.displayPrefix,
        hash: key.hash,
        scopes: ['submissions:read', 'submissions:write'],
      },
      'system:test',
    );
    apiKey = key.key;
  });
  afterAll(async () => t?.close());

  it('serves the committed import templates to anyone', async () => {
    const csv = await t.app.inject('/v1/portfolios/templates/portfolio-template.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toBe(Buffer.from(template('portfolio-template.csv')).toString('utf8'));
    const xlsx = await t.app.inject('/v1/portfolios/templates/portfolio-template.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    expect(new Uint8Array(xlsx.rawPayload)).toEqual(template('portfolio-template.xlsx'));
  });

  it('with the seed evidence, says which case studies report the indicator but no whole cost, instead of comparing costs', async () => {
    const p = await createPortfolio('Seed evidence check');
    const imported = await upload(p.id, template('portfolio-example.csv'), 'text/csv');
    expect(imported.statusCode, imported.body).toBe(200);
    const res = await call('GET', `/v1/portfolios/${p.id}/review?priceYear=2024-25`, own);
    expect(res.statusCode, res.body).toBe(200);
    type Check = {
      rule: string;
      status: string;
      explanation: string;
      evidence: { indicator: string | null };
    };
    const family = res
      .json()
      .results.find((r: { service: { name: string } }) => r.service.name === 'Family Support Team');
    const cost = (family.checks as Check[]).find(
      (c) =>
        c.rule === 'cost-per-outcome-above-upper-quartile' &&
        c.evidence.indicator === 'care-proceedings-under-2',
    );
    // East Riding reports care proceedings for under-2s but not the whole cost of its shift to early help, so
    // the rule names it and stops: a cost is never filled in to make a comparison possible.
    expect(cost?.status).toBe('not-assessed');
    expect(cost?.explanation).toContain(
      '0 case studies with a cost per outcome, 4 needed; 1 more reports this indicator without a whole cost (east-riding-early-help-shift)',
    );
    const dominated = (family.checks as Check[]).find((c) => c.rule === 'dominated');
    expect(dominated?.status).toBe('not-assessed');
  });

  it('derives comparators from published case studies only where their costs are reported, never inventing one', async () => {
    const reference = await t.services.reference.get();
    const converter = createPriceConverter(reference.deflators);
    const published = (await t.store.caseStudies.list({ status: 'published' })).map((r) => r.document);
    const seeded = comparatorsFrom(published, converter, '2024-25');
    const slugs = new Set(published.map((c) => c.slug));
    for (const c of seeded) expect(slugs.has(c.slug)).toBe(true);
    // The seeded case studies report no whole cost, so none of them yields a cost per outcome.
    const base = published.find((c) => c.outcomes.some((o) => o.baseline)) as CaseStudy;
    expect(base).toBeDefined();
    const outcome = {
      indicator: 'care-proceedings-under-2',
      unit: 'count',
      betterDirection: 'lower',
      baseline: { value: 50, year: '2021-22' },
      followUp: { value: 40, year: '2023-24' },
    } as CaseStudy['outcomes'][number];
    const line = (money: CaseStudy['costs'][number]['money']) =>
      ({
        ...base.costs[0],
        label: 'Whole programme',
        money,
        kind: 'recurring',
        basis: 'total',
      }) as CaseStudy['costs'][number];
    const costed = {
      ...base,
      slug: 'costed-example',
      outcomes: [outcome],
      costs: [line({ pence: 1_000_000, priceYear: '2024-25' })],
      cohort: { ...base.cohort, size: undefined },
    } as CaseStudy;
    const partial = {
      ...costed,
      slug: 'partly-reported',
      costs: [...costed.costs, line({ notReported: true, reason: 'The source gives no figure.' } as never)],
    } as CaseStudy;
    const [full, floor] = comparatorsFrom([costed, partial], converter, '2024-25');
    // £10,000 for 10 fewer care proceedings: £1,000 (100,000 pence) per outcome; 20% better than baseline.
    expect(full).toMatchObject({
      slug: 'costed-example',
      costPerOutcomePence: 100_000,
      improvementPercent: 20,
    });
    expect(full?.costPerParticipantPence).toBeNull();
    // A partly reported cost is a floor, not a cost: no cost per outcome from it.
    expect(floor).toMatchObject({
      slug: 'partly-reported',
      costPerOutcomePence: null,
      improvementPercent: 20,
    });
  });

  it('documents every portfolio route in OpenAPI, with the import errors and file media types', async () => {
    const doc = (await t.app.inject('/openapi.json')).json() as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; responses: Record<string, { content?: object }> }>
      >;
    };
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/v1/portfolios'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/portfolios',
        '/v1/portfolios/{id}',
        '/v1/portfolios/{id}/import',
        '/v1/portfolios/{id}/review',
        '/v1/portfolios/{id}/review.html',
        '/v1/portfolios/{id}/services/{serviceId}/decisions',
        '/v1/portfolios/templates/portfolio-template.xlsx',
      ]),
    );
    for (const path of paths) {
      for (const operation of Object.values(doc.paths[path] ?? {}))
        expect(operation.tags).toEqual(['portfolios']);
    }
    const importResponses = doc.paths['/v1/portfolios/{id}/import']?.post?.responses ?? {};
    expect(Object.keys(importResponses)).toEqual(expect.arrayContaining(['200', '413', '415', '422']));
    expect(
      Object.keys(doc.paths['/v1/portfolios/{id}/review.csv']?.get?.responses['200']?.content ?? {}),
    ).toEqual(['text/csv']);
  });

  it('creates, lists, reads, renames and sets thresholds for the owning council, with field paths for bad input', async () => {
    const created = await createPortfolio('Edge of care', [{ name: 'Mentoring', provider: 'Charity A' }]);
    expect(created.services.map((s) => s.name)).toEqual(['Mentoring']);

    const bad = await call('POST', '/v1/portfolios', own, { name: '', thresholds: { costPercentile: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.thresholds.costPercentile']),
    );
    const unknownIndicator = await call('POST', '/v1/portfolios', own, {
      name: 'X',
      services: [{ name: 'Y', indicators: [{ indicator: 'no-such-indicator' }] }],
    });
    expect(unknownIndicator.statusCode).toBe(400);
    expect(unknownIndicator.json().errors[0].path).toBe('body.services.0.indicators.0.indicator');

    const list = await call('GET', '/v1/portfolios', own);
    expect(list.json().portfolios.map((p: { id: string }) => p.id)).toContain(created.id);
    expect((await call('GET', `/v1/portfolios/${created.id}`, own)).json().name).toBe('Edge of care');

    const patched = await call('PATCH', `/v1/portfolios/${created.id}`, own, {
      name: 'Edge of care (2025)',
      thresholds: { contractWindowMonths: 18 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Edge of care (2025)',
      thresholds: { contractWindowMonths: 18 },
    });
    const badPatch = await call('PATCH', `/v1/portfolios/${created.id}`, own, { thresholds: { nope: 1 } });
    expect(badPatch.statusCode).toBe(400);

    // Admins may manage any council's portfolio; the audit log records each change.
    expect((await call('GET', `/v1/portfolios/${created.id}`, admin)).statusCode).toBe(200);
    const audit = await t.store.audit.list({ entityType: 'portfolio', entityId: created.id });
    expect(audit.map((e) => e.action)).toEqual(['portfolio.create', 'portfolio.update']);
  });

  it('hides a portfolio from every other caller: another council, a curator and an API key', async () => {
    const p = await createPortfolio('Private', [{ name: 'Family support' }]);
    const serviceId = p.services[0]?.id ?? '';
    const before = await snapshot(p.id);
    const routes: ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, unknown?][] = [
      ['GET', `/v1/portfolios/${p.id}`],
      ['PATCH', `/v1/portfolios/${p.id}`, { name: 'Taken' }],
      ['DELETE', `/v1/portfolios/${p.id}`],
      ['POST', `/v1/portfolios/${p.id}/services`, { name: 'Injected' }],
      ['PUT', `/v1/portfolios/${p.id}/services/${serviceId}`, { name: 'Renamed' }],
      ['DELETE', `/v1/portfolios/${p.id}/services/${serviceId}`],
      ['GET', `/v1/portfolios/${p.id}/review`],
      ['GET', `/v1/portfolios/${p.id}/review.csv`],
      ['GET', `/v1/portfolios/${p.id}/review.xlsx`],
      ['GET', `/v1/portfolios/${p.id}/review.html`],
      [
        'POST',
        `/v1/portfolios/${p.id}/services/${serviceId}/decisions`,
        { decision: 'keep', rationale: RATIONALE },
      ],
      ['GET', `/v1/portfolios/${p.id}/services/${serviceId}/decisions`],
    ];
    for (const user of [other, curator]) {
      for (const [method, url, body] of routes) {
        const res = await call(method, url, user, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
      const imported = await upload(p.id, template('portfolio-example.csv'), 'text/csv', user);
      expect(imported.statusCode).toBe(404);
      const listed = await call('GET', '/v1/portfolios', user);
      expect(listed.json().portfolios.map((x: { id: string }) => x.id)).not.toContain(p.id);
    }
    const listedByName = await call('GET', `/v1/portfolios?organisationId=${ORGS.eastRiding.id}`, other);
    expect(listedByName.json().portfolios).toEqual([]);
    // Anonymous callers are asked to sign in; API keys are refused: portfolios are in no key's scope.
    expect((await call('GET', `/v1/portfolios/${p.id}`)).statusCode).toBe(401);
    const byKey = await call('GET', `/v1/portfolios/${p.id}`, undefined, undefined, { 'x-api-key': apiKey });
    expect(byKey.statusCode).toBe(403);
    expect(
      (await call('GET', '/v1/portfolios', undefined, undefined, { 'x-api-key': apiKey })).statusCode,
    ).toBe(403);
    expect(await snapshot(p.id)).toEqual(before);
  });

  it('adds, replaces and removes services, keeping ids stable', async () => {
    const p = await createPortfolio('Services CRUD');
    const added = await call('POST', `/v1/portfolios/${p.id}/services`, own, {
      name: 'Youth club',
      annualCost: { pence: 5_000_000, priceYear: '2024-25' },
      cohort: { description: 'Young people aged 11 to 18', ageRange: { min: 11, max: 18 } },
    });
    expect(added.statusCode, added.body).toBe(201);
    const serviceId = added.json().id as string;
    const bad = await call('POST', `/v1/portfolios/${p.id}/services`, own, {
      name: 'Broken',
      annualCost: { pence: 100 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.annualCost.priceYear');
    // An indicator outside the taxonomy is named by its path in this body, not in a portfolio's list.
    const unknown = { name: 'Unknown outcome', indicators: [{ indicator: 'happiness-index' }] };
    for (const [method, url] of [
      ['POST', `/v1/portfolios/${p.id}/services`],
      ['PUT', `/v1/portfolios/${p.id}/services/${serviceId}`],
    ] as const) {
      const res = await call(method, url, own, unknown);
      expect(res.statusCode, `${method} ${res.body}`).toBe(400);
      expect(res.json().errors[0].path).toBe('body.indicators.0.indicator');
    }

    const replaced = await call('PUT', `/v1/portfolios/${p.id}/services/${serviceId}`, own, {
      name: 'Detached youth work',
      provider: 'Council',
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ id: serviceId, name: 'Detached youth work', annualCost: null });
    const missing = await call('PUT', `/v1/portfolios/${p.id}/services/${randomUUID()}`, own, { name: 'X' });
    expect(missing.statusCode).toBe(404);

    expect((await call('DELETE', `/v1/portfolios/${p.id}/services/${serviceId}`, own)).statusCode).toBe(204);
    expect((await call('DELETE', `/v1/portfolios/${p.id}/services/${serviceId}`, own)).statusCode).toBe(404);
    expect((await call('GET', `/v1/portfolios/${p.id}`, own)).json().services).toEqual([]);
  });

  it('imports a valid CSV or XLSX (replace by default, or append) in one go', async () => {
    const p = await createPortfolio('Imported', [{ name: 'Existing service' }]);
    const csv = await upload(p.id, template('portfolio-example.csv'), 'text/csv');
    expect(csv.statusCode, csv.body).toBe(200);
    const names = (csv.json().services as { name: string }[]).map((s) => s.name);
    expect(names).toContain('Family Support Team');
    expect(names).not.toContain('Existing service');
    const imported = csv.json().services[0];
    expect(imported).toMatchObject({
      description: 'Intensive support for parents of babies on child protection plans.',
      deliveryStartYear: 2019,
      indicators: [{ indicator: 'care-proceedings-under-2', baseline: { value: 40, year: '2021-22' } }],
    });

    const xlsx = await upload(p.id, template('portfolio-example.xlsx'), XLSX_TYPE, own, '?mode=append');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.json().services).toHaveLength(names.length * 2);
  });

  describe('a failed import writes nothing', () => {
    let id: string;
    let before: Awaited<ReturnType<typeof snapshot>>;

    beforeAll(async () => {
      id = (await createPortfolio('Untouched', [{ name: 'Kept service' }])).id;
      before = await snapshot(id);
    });

    it('refuses a bad row with the row and column of each problem', async () => {
      const text = Buffer.from(template('portfolio-example.csv'))
        .toString('utf8')
        .replace('250000', 'about 250k');
      const res = await upload(id, new TextEncoder().encode(text), 'text/csv');
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors[0]).toMatchObject({ path: 'row 2, column "annual_cost"' });
      expect(res.json().errors[0].message).toMatch(/^row 2, column "annual_cost": /);
      expect(await snapshot(id)).toEqual(before);
    });

    it('refuses an unknown column', async () => {
      const text = Buffer.from(template('portfolio-example.csv'))
        .toString('utf8')
        .replace(/^name,/, 'nmae,');
      const res = await upload(id, new TextEncoder().encode(text), 'text/csv');
      expect(res.statusCode).toBe(422);
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .join(' '),
      ).toMatch(/nmae|name/);
      expect(await snapshot(id)).toEqual(before);
    });

    it('refuses a zip bomb without inflating it', async () => {
      const parts = unzipSync(template('portfolio-template.xlsx'));
      const bomb = zipSync(
        { ...parts, 'xl/worksheets/sheet1.xml': new Uint8Array(32 * 1024 * 1024) },
        { level: 9 },
      );
      expect(bomb.byteLength).toBeLessThan(UPLOAD_LIMIT);
      const res = await upload(id, bomb, XLSX_TYPE);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].code).toBe('zip-compression-ratio');
      expect(await snapshot(id)).toEqual(before);
    });

    it('refuses the wrong file type, by content type and by its bytes', async () => {
      const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n');
      const byHeader = await upload(id, pdf, 'application/pdf');
      expect(byHeader.statusCode).toBe(415);
      const byBytes = await upload(id, pdf, 'text/csv');
      expect(byBytes.statusCode).toBe(415);
      expect(byBytes.json().detail).toMatch(/PDF/i);
      const json = await call('POST', `/v1/portfolios/${id}/import`, own, { services: [] });
      expect(json.statusCode).toBe(415);
      expect(await snapshot(id)).toEqual(before);
    });

    it('refuses a file over the upload limit with 413', async () => {
      const big = new Uint8Array(UPLOAD_LIMIT + 1).fill(0x61);
      const res = await upload(id, big, 'text/csv');
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(await snapshot(id)).toEqual(before);
    });
  });

  describe('review, decisions and exports', () => {
    let id: string;
    let unevidenced: string;

    beforeAll(async () => {
      const created = await call('POST', '/v1/portfolios', own, {
        name: 'Cabinet <script>alert(1)</script> review',
        thresholds: { contractWindowMonths: 6 },
        services: [
          {
            name: 'Unevidenced & ending',
            annualCost: { pence: 10_000_000, priceYear: '2024-25' },
            contractEnd: monthsFromNow(3),
          },
          {
            name: 'Improving service',
            annualCost: { pence: 20_000_000, priceYear: '2023-24' },
            contractEnd: monthsFromNow(36),
            participantsPerYear: 60,
            evidenceLevel: 3,
            deliveryStartYear: new Date().getUTCFullYear() - 1,
            indicators: [
              {
                indicator: 'care-proceedings-under-2',
                baseline: { value: 40, year: '2021-22' },
                latest: { value: 20, year: '2023-24' },
              },
            ],
          },
        ],
      });
      expect(created.statusCode, created.body).toBe(201);
      id = created.json().id;
      unevidenced = created.json().services[0].id;
    });

    it('explains each flag with its rule, severity, evidence and threshold, and recommends evaluation when only evidence is missing', async () => {
      const res = await call('GET', `/v1/portfolios/${id}/review?priceYear=2024-25`, own);
      expect(res.statusCode, res.body).toBe(200);
      const review = res.json();
      expect(review).toMatchObject({
        priceYear: '2024-25',
        reviewedOn: new Date().toISOString().slice(0, 10),
        thresholds: { contractWindowMonths: 6, costPercentile: 75 },
        methodStamp: { rulesVersion: expect.any(String), methodVersion: expect.any(String) },
      });
      const [first, second] = review.results;
      expect(first.flags.map((f: { rule: string }) => f.rule).sort()).toEqual([
        'contract-ending-soon',
        'no-outcome-data',
      ]);
      expect(first.recommendation).toBe('evaluate-before-deciding');
      expect(first.explanation).toMatch(/never/i);
      const ending = first.flags.find((f: { rule: string }) => f.rule === 'contract-ending-soon');
      expect(ending).toMatchObject({ severity: 'info', threshold: { contractWindowMonths: 6 } });
      expect(ending.explanation.length).toBeGreaterThan(20);
      // Every check is reported, clear or not, so the review says what it could not assess.
      expect(first.checks.length).toBeGreaterThanOrEqual(first.flags.length);
      expect(second.flags.map((f: { rule: string }) => f.rule)).not.toContain('no-outcome-data');
      expect(second.flags.map((f: { rule: string }) => f.rule)).not.toContain('contract-ending-soon');
      expect(second.latestDecision).toBeNull();

      const bad = await call('GET', `/v1/portfolios/${id}/review?priceYear=last-year`, own);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toMatch(/^querystring\.priceYear/);
    });

    it('records decisions (who and when from the session and the clock), audits them, and shows the latest in the review', async () => {
      const url = `/v1/portfolios/${id}/services/${unevidenced}/decisions`;
      const short = await call('POST', url, own, { decision: 'keep', rationale: 'Fine.' });
      expect(short.statusCode).toBe(400);
      expect(short.json().errors[0].path).toBe('body.rationale');
      const forged = await call('POST', url, own, {
        decision: 'keep',
        rationale: RATIONALE,
        decidedBy: 'Someone else',
      });
      expect(forged.statusCode).toBe(400);

      const first = await call('POST', url, own, {
        decision: 'evaluate',
        rationale: RATIONALE,
        recommendation: 'evaluate-before-deciding',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        serviceId: unevidenced,
        decision: 'evaluate',
        decidedOn: new Date().toISOString().slice(0, 10),
        actor: own.userId,
        organisationId: ORGS.eastRiding.id,
      });
      const second = await call('POST', url, own, {
        decision: 'change',
        rationale: `${RATIONALE} Re-specify.`,
      });
      expect(second.statusCode).toBe(201);

      const history = await call('GET', url, own);
      expect(history.json().decisions.map((d: { decision: string }) => d.decision)).toEqual([
        'evaluate',
        'change',
      ]);
      const audit = await t.store.audit.list({ entityType: 'portfolio', entityId: id });
      const decisions = audit.filter((e) => e.action === 'portfolio.decision');
      expect(decisions).toHaveLength(2);
      expect(decisions[0]).toMatchObject({
        actor: own.userId,
        after: { decision: 'evaluate', serviceId: unevidenced },
      });

      const review = (await call('GET', `/v1/portfolios/${id}/review`, own)).json();
      expect(review.results[0].latestDecision).toMatchObject({ decision: 'change' });
      expect(
        (
          await call('POST', `/v1/portfolios/${id}/services/${randomUUID()}/decisions`, own, {
            decision: 'keep',
            rationale: RATIONALE,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('exports the review as CSV, XLSX and a script-free printable HTML report', async () => {
      const csv = await call('GET', `/v1/portfolios/${id}/review.csv?priceYear=2024-25`, own);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['cache-control']).toBe('private, no-store');
      const rows = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[];
      const unevidencedRows = rows.filter((r) => r.service === 'Unevidenced & ending');
      expect(unevidencedRows.map((r) => r.rule).sort()).toEqual(['contract-ending-soon', 'no-outcome-data']);
      expect(unevidencedRows[0]).toMatchObject({
        recommendation: 'evaluate-before-deciding',
        decision: 'change',
      });

      const xlsx = await call('GET', `/v1/portfolios/${id}/review.xlsx`, own);
      expect(xlsx.statusCode).toBe(200);
      const sheets = await readXlsxFile(xlsx.rawPayload);
      expect(sheets.map((s) => s.sheet)).toEqual(['README', 'review']);
      const sheet = sheets.find((s) => s.sheet === 'review')?.data ?? [];
      expect(sheet[0]).toContain('recommendation');
      expect(sheet.slice(1).map((r) => r[3])).toContain('evaluate-before-deciding');
      const readme = JSON.stringify(sheets[0]?.data);
      expect(readme).toMatch(/contractWindowMonths = 6/);

      const html = await call('GET', `/v1/portfolios/${id}/review.html`, own);
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.body).not.toMatch(/<script/i);
      expect(html.body).toContain('Cabinet &lt;script&gt;alert(1)&lt;/script&gt; review');
      expect(html.body).toContain('Unevidenced &amp; ending');
      expect(html.body).toMatch(/Price year<\/dt><dd>2024-25/);
      expect(html.body).toContain('contractWindowMonths');
      expect(html.body).toContain(RATIONALE);
      expect(html.body).toMatch(/Evaluate before deciding/);
    });

    it('deletes a portfolio for its council; its decisions stay on record', async () => {
      const res = await call('DELETE', `/v1/portfolios/${id}`, own);
      expect(res.statusCode).toBe(204);
      expect((await call('GET', `/v1/portfolios/${id}`, own)).statusCode).toBe(404);
      expect(await t.store.portfolios.decisions(id)).toHaveLength(2);
    });
  });
});
