import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiKey,
  ApiKeysResponse,
  AppraisalResponse,
  AuditResponse,
  CaseStudyResponse,
  ComparisonResponse,
  CostBand,
  CreatedApiKey,
  DecisionsResponse,
  LocalisationResponse,
  Me,
  MembersResponse,
  OrganisationsResponse,
  PersonalDataFinding,
  Portfolio,
  PortfolioDecision,
  PortfolioReview,
  PortfolioServiceView,
  PortfoliosResponse,
  ProblemDetails,
  ProblemSchema,
  REFERENCE_RESPONSES,
  ReviewEventsResponse,
  ReviewQueueResponse,
  ReviewResult,
  ScanResult,
  SEARCH_FACETS,
  SEARCH_SORTS,
  SearchResponse,
  SmallCountFlag,
  StoredPortfolioService,
  Submission,
  SubmissionsResponse,
  SubmissionWithScan,
  VersionsResponse,
  WithdrawnProblem,
  WithdrawResult,
} from '@costed/contract';
import { EXAMPLE_PORTFOLIO, PortfolioService } from '@costed/decommissioning';
import {
  FieldFinding,
  ScanResult as PrivacyScanResult,
  SmallCountFlag as PrivacySmallCountFlag,
} from '@costed/privacy';
import { FACETS, CostBand as SearchCostBand, SearchSort } from '@costed/search';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, DATA_DIR, ORGS, type TestApp } from './helpers.ts';
import { CURATOR_EVIDENCE, completeDocument } from './workflow-scenario.ts';

/**
 * The site parses every answer with the @costed/contract schema; the API serialises with the same schema. This
 * suite takes real answers from each route the site calls and proves the contract describes them exactly: the
 * parse succeeds, and parsing removes nothing (zod drops keys a schema does not name), so a route that answered
 * with another schema — more fields, fewer, or other types — fails here rather than on a page.
 */
function expectExactly<S extends z.ZodType>(
  schema: S,
  res: LightMyRequestResponse,
  status = 200,
): z.output<S> {
  expect(res.statusCode, res.body).toBe(status);
  const body: unknown = res.json();
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  expect(parsed.data).toStrictEqual(body);
  return parsed.data as z.output<S>;
}

const SEED_SLUGS = [
  'hackney-learning-trust',
  'gloucestershire-prospects-integrated-youth-services',
  'east-riding-early-help-shift',
];

describe('the API answers exactly what @costed/contract describes', () => {
  let t: TestApp;
  const as: Record<'east' | 'curator' | 'admin', Record<string, string>> = {
    east: {},
    curator: {},
    admin: {},
  };
  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    headers = {},
    payload?: unknown,
  ) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    as.east = { cookie: (await t.signIn('council-member')).cookie };
    as.curator = { cookie: (await t.signIn('curator')).cookie };
    as.admin = { cookie: (await t.signIn('admin')).cookie };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the same facets, sorts and cost bands as the search package', () => {
    expect([...SEARCH_FACETS].sort()).toEqual([...FACETS].sort());
    expect([...SEARCH_SORTS].sort()).toEqual([...SearchSort.options].sort());
    expect(CostBand.options).toEqual(SearchCostBand.options);
  });

  // Shapes restated so clients need not load the privacy scanners or the spreadsheet import code: a field added
  // there and not here would be dropped from every answer without a type error, so the names are compared.
  it('names the same fields as the privacy and decommissioning schemas it restates', () => {
    const keys = (shape: object) => Object.keys(shape).sort();
    expect(keys(ScanResult.shape)).toEqual(keys(PrivacyScanResult.shape));
    expect(keys(PersonalDataFinding.shape)).toEqual(keys(FieldFinding.shape));
    expect(keys(SmallCountFlag.shape)).toEqual(keys(PrivacySmallCountFlag.shape));
    expect(keys(PortfolioServiceView.shape)).toEqual(keys(PortfolioService.shape));
  });

  it('search: GET /v1/case-studies, with facets and with a query', async () => {
    const all = expectExactly(SearchResponse, await inject('GET', '/v1/case-studies'));
    expect(all.hits.length).toBeGreaterThan(0);
    expect(Object.keys(all.facets).length).toBeGreaterThan(0);
    const found = expectExactly(
      SearchResponse,
      await inject('GET', '/v1/case-studies?q=early%20help&sort=recency'),
    );
    expect(found.hits.length).toBeGreaterThan(0);
  });

  it('a case study, converted to a price year, and its versions', async () => {
    const plain = expectExactly(CaseStudyResponse, await inject('GET', `/v1/case-studies/${SEED_SLUGS[2]}`));
    expect(plain.converted).toBeUndefined();
    const converted = expectExactly(
      CaseStudyResponse,
      await inject('GET', `/v1/case-studies/${SEED_SLUGS[0]}?priceYear=2024-25`),
    );
    expect(converted.converted?.priceYear).toBe('2024-25');
    const versions = expectExactly(
      VersionsResponse,
      await inject('GET', `/v1/case-studies/${SEED_SLUGS[2]}/versions`),
    );
    expect(versions.versions.length).toBeGreaterThan(0);
  });

  it('compare: GET /v1/compare', async () => {
    const body = expectExactly(
      ComparisonResponse,
      await inject('GET', `/v1/compare?slugs=${SEED_SLUGS.join(',')}&priceYear=2024-25`),
    );
    expect(body.caseStudies).toHaveLength(3);
  });

  it('appraisal with a simulation, and localisation', async () => {
    const scenario = {
      label: 'Worked example',
      priceYear: '2024-25',
      horizonYears: 4,
      costs: [{ label: 'Set-up', kind: 'set-up', amount: { pence: 10_000_000, priceYear: '2024-25' } }],
      benefits: [
        {
          label: 'Care entries avoided',
          outcomesPerYear: { type: 'pert', low: 0, likely: 1, high: 3 },
          valuation: { unitCostId: 'lac-average-fiscal-per-year' },
          durationYears: 3,
        },
      ],
    };
    const appraisal = expectExactly(
      AppraisalResponse,
      await inject('POST', '/v1/appraisals', {}, { scenario, monteCarlo: { seed: 7, iterations: 500 } }),
    );
    expect(appraisal.simulation?.iterations).toBe(500);
    const localised = expectExactly(
      LocalisationResponse,
      await inject(
        'POST',
        `/v1/case-studies/${SEED_SLUGS[2]}/localise`,
        {},
        {
          targetCouncil: ORGS.suffolk.gssCode,
          priceYear: '2024-25',
        },
      ),
    );
    expect(localised.target.gssCode).toBe(ORGS.suffolk.gssCode);
  });

  it('every reference table', async () => {
    for (const [name, schema] of Object.entries(REFERENCE_RESPONSES)) {
      const body = expectExactly(schema, await inject('GET', `/v1/reference/${name}`));
      expect(body.items.length, name).toBeGreaterThan(0);
    }
  });

  it('who the caller is, API keys and organisations', async () => {
    expect(expectExactly(Me, await inject('GET', '/v1/me')).kind).toBe('anonymous');
    expect(expectExactly(Me, await inject('GET', '/v1/me', as.east)).organisations).toEqual([
      { organisationId: ORGS.eastRiding.id, role: 'council-member' },
    ]);
    const keysUrl = `/v1/organisations/${ORGS.eastRiding.id}/api-keys`;
    const created = expectExactly(
      CreatedApiKey,
      await inject('POST', keysUrl, as.east, { name: 'Contract test', scopes: ['submissions:read'] }),
      201,
    );
    expect(expectExactly(ApiKeysResponse, await inject('GET', keysUrl, as.east)).keys).toHaveLength(1);
    const revoked = expectExactly(ApiKey, await inject('DELETE', `${keysUrl}/${created.id}`, as.east));
    expect(revoked.revokedAt).not.toBeNull();
    expectExactly(OrganisationsResponse, await inject('GET', '/v1/organisations', as.admin));
    expectExactly(
      MembersResponse,
      await inject('GET', `/v1/organisations/${ORGS.eastRiding.id}/members`, as.east),
    );
  });

  it('the submission workflow, withdrawal, the 410 that follows, and the audit log', async () => {
    const slug = 'east-riding-contract-test';
    const draft = expectExactly(
      Submission,
      await inject('POST', '/v1/submissions', as.east, { document: { slug, title: 'Contract test draft' } }),
      201,
    );
    const full = await completeDocument(t, slug, 'East Riding contract test: a complete case study');
    expectExactly(
      Submission,
      await inject('PATCH', `/v1/submissions/${draft.id}`, as.east, { document: full, expectedVersion: 1 }),
    );
    expectExactly(Submission, await inject('POST', `/v1/submissions/${draft.id}/submit`, as.east, {}));
    expectExactly(SubmissionsResponse, await inject('GET', '/v1/submissions', as.east));
    expectExactly(SubmissionWithScan, await inject('GET', `/v1/submissions/${draft.id}`, as.east));
    const queue = expectExactly(ReviewQueueResponse, await inject('GET', '/v1/review-queue', as.curator));
    expect(queue.submissions.map((s) => s.id)).toContain(draft.id);
    const published = expectExactly(
      ReviewResult,
      await inject('POST', `/v1/submissions/${draft.id}/review`, as.curator, {
        action: 'publish',
        evidence: CURATOR_EVIDENCE,
      }),
    );
    expect(published.caseStudy?.slug).toBe(slug);
    const events = expectExactly(
      ReviewEventsResponse,
      await inject('GET', `/v1/submissions/${draft.id}/events`, as.east),
    );
    expect(events.events.map((e) => e.action)).toEqual(['submit', 'publish']);
    expectExactly(
      WithdrawResult,
      await inject('POST', `/v1/case-studies/${slug}/withdraw`, as.curator, {
        reason: 'Contract test withdrawal',
      }),
    );
    const gone = await inject('GET', `/v1/case-studies/${slug}`);
    expect(gone.statusCode).toBe(410);
    expect(ProblemSchema.safeParse(gone.json()).success).toBe(true);
    expect(WithdrawnProblem.parse(gone.json()).slug).toBe(slug);
    expectExactly(AuditResponse, await inject('GET', '/v1/audit?limit=5', as.admin));
  });

  it('a portfolio: list, create, read, review, record and list decisions', async () => {
    const created = expectExactly(
      Portfolio,
      await inject('POST', '/v1/portfolios', as.east, { name: 'Contract test', services: EXAMPLE_PORTFOLIO }),
      201,
    );
    expect(created.services.length).toBe(EXAMPLE_PORTFOLIO.length);
    expectExactly(PortfoliosResponse, await inject('GET', '/v1/portfolios', as.east));
    expectExactly(Portfolio, await inject('GET', `/v1/portfolios/${created.id}`, as.east));
    const serviceId = created.services[0]?.id ?? '';
    const decisionsUrl = `/v1/portfolios/${created.id}/services/${serviceId}/decisions`;
    expectExactly(
      PortfolioDecision,
      await inject('POST', decisionsUrl, as.east, {
        decision: 'evaluate',
        rationale: 'No outcome data yet: evaluate the service before deciding what to do with it.',
      }),
      201,
    );
    expect(
      expectExactly(DecisionsResponse, await inject('GET', decisionsUrl, as.east)).decisions,
    ).toHaveLength(1);
    const review = expectExactly(
      PortfolioReview,
      await inject('GET', `/v1/portfolios/${created.id}/review?priceYear=2024-25`, as.east),
    );
    expect(review.results).toHaveLength(EXAMPLE_PORTFOLIO.length);
    expect(review.results[0]?.latestDecision?.decision).toBe('evaluate');
  });

  it('a portfolio: thresholds, adding and replacing a service, and a CSV import', async () => {
    const created = expectExactly(
      Portfolio,
      await inject('POST', '/v1/portfolios', as.east, { name: 'Contract test edits' }),
      201,
    );
    const url = `/v1/portfolios/${created.id}`;
    const patched = expectExactly(
      Portfolio,
      await inject('PATCH', url, as.east, { thresholds: { costPercentile: 80 } }),
    );
    expect(patched.thresholds.costPercentile).toBe(80);
    const added = expectExactly(
      StoredPortfolioService,
      await inject('POST', `${url}/services`, as.east, EXAMPLE_PORTFOLIO[0]),
      201,
    );
    const replaced = expectExactly(
      StoredPortfolioService,
      await inject('PUT', `${url}/services/${added.id}`, as.east, {
        ...EXAMPLE_PORTFOLIO[0],
        name: 'Renamed',
      }),
    );
    expect(replaced).toMatchObject({ id: added.id, name: 'Renamed' });
    const csv = readFileSync(join(DATA_DIR, 'templates', 'portfolio-example.csv'));
    const imported = expectExactly(
      Portfolio,
      await t.app.inject({
        method: 'POST',
        url: `${url}/import?mode=append`,
        headers: { ...as.east, 'content-type': 'text/csv' },
        payload: csv,
      }),
    );
    expect(imported.services.length).toBeGreaterThan(1);
    // The site reads a stored portfolio's services as stored ones: each has its id.
    for (const service of imported.services) StoredPortfolioService.parse(service);
  });

  it('a refused request is a problem both the API schema and the client schema read', async () => {
    const res = await inject('GET', '/v1/compare?slugs=one&priceYear=2024-25');
    expect(res.statusCode).toBe(400);
    const problem = ProblemSchema.parse(res.json());
    expect(problem.errors?.[0]?.path).toMatch(/^querystring\.slugs/);
    expect(ProblemDetails.parse(res.json())).toMatchObject({ code: 'validation-failed', status: 400 });
  });
});
