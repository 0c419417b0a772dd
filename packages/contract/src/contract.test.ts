import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ApiKey,
  CaseStudyResponse,
  MoneyOut,
  ProblemDetails,
  ProblemSchema,
  REFERENCE_RESPONSES,
  SearchHit,
  SearchResponse,
  StoredPortfolioService,
  Submission,
} from './index.ts';

const hit = {
  slug: 'east-riding-early-help-shift',
  title: 'East Riding: shifting to early help',
  summary: 'A council moved spending to early help.',
  highlights: [{ field: 'title', snippet: 'East Riding: shifting to <mark>early help</mark>' }],
  score: 12.5,
  version: 1,
  intervention: 'Early help hubs',
  councils: [{ code: 'E06000011', name: 'East Riding of Yorkshire' }],
  regions: ['Yorkshire and The Humber'],
  policyStrand: 'edge-of-care',
  serviceAreas: ['early-help'],
  deliveryModel: 'in-house',
  evidenceLevel: 1,
  evidenceResult: 'not-evaluated',
  costPerParticipantPence: null,
  totalCostPence: null,
  priceYear: '2024-25',
  costBand: 'not-reported',
  year: '2012',
  publishedAt: '2026-11-23T10:00:00.000Z',
};

describe('@costed/contract', () => {
  it('keeps a cost that is not reported as null, never zero', () => {
    const parsed = SearchHit.parse(hit);
    expect(parsed.costPerParticipantPence).toBeNull();
    expect(parsed.totalCostPence).toBeNull();
    expect(SearchHit.safeParse({ ...hit, costPerParticipantPence: undefined }).success).toBe(false);
  });

  it('lets the API add a field without breaking an older reader: unknown keys are dropped, not refused', () => {
    const answer = {
      hits: [{ ...hit, addedLater: true }],
      total: 1,
      page: 1,
      pageSize: 20,
      facets: { costBand: [{ value: 'not-reported', label: 'Not reported', count: 1 }] },
      synonymsUsed: [],
      fuzzyUsed: false,
      alsoAddedLater: { any: 'thing' },
    };
    const parsed = SearchResponse.parse(answer);
    expect(parsed).not.toHaveProperty('alsoAddedLater');
    expect(parsed.hits[0]).not.toHaveProperty('addedLater');
    expect(parsed.hits[0]?.slug).toBe(hit.slug);
  });

  it('refuses an answer whose fields changed type or went missing', () => {
    expect(SearchHit.safeParse({ ...hit, evidenceLevel: 'one' }).success).toBe(false);
    const { slug: _slug, ...withoutSlug } = hit;
    expect(SearchHit.safeParse(withoutSlug).success).toBe(false);
    expect(SearchHit.safeParse({ ...hit, costBand: 'cheap' }).success).toBe(false);
  });

  it('writes computed money as whole pence with a price year', () => {
    expect(MoneyOut.parse({ pence: 150, priceYear: '2024-25' })).toEqual({
      pence: 150,
      priceYear: '2024-25',
    });
    expect(MoneyOut.safeParse({ pence: 1.5, priceYear: '2024-25' }).success).toBe(false);
    expect(MoneyOut.safeParse({ pence: 150 }).success).toBe(false);
  });

  it('reads any problem: about:blank by default, extensions kept', () => {
    const bare = ProblemDetails.parse({ status: 502 });
    expect(bare.type).toBe('about:blank');
    const withdrawn = ProblemDetails.parse({
      type: '/problems/gone',
      status: 410,
      code: 'gone',
      withdrawnAt: '2026-11-23',
    });
    expect(withdrawn).toMatchObject({ code: 'gone', withdrawnAt: '2026-11-23' });
    const full = {
      type: '/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: 'Fix the fields named in errors.',
      code: 'validation-failed',
      errors: [{ path: 'body.costs.0.money.priceYear', message: 'Give a price year' }],
      findings: [],
    };
    expect(ProblemSchema.parse(full)).toEqual(full);
    expect(ProblemSchema.safeParse({ ...full, code: undefined }).success).toBe(false);
  });

  it('never carries an API key secret in a listed key', () => {
    const listed = ApiKey.parse({
      id: 'k1',
      name: 'Export',
      displayPrefix: 'ck_ab12',
      scopes: ['submissions:read'],
      createdBy: 'user-1',
      createdAt: '2026-11-23T10:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
      key: 'ck_secret',
      hash: 'abc',
    });
    expect(listed).not.toHaveProperty('key');
    expect(listed).not.toHaveProperty('hash');
    expect(ApiKey.safeParse({ ...listed, scopes: ['everything'] }).success).toBe(false);
  });

  it('knows only the workflow statuses for a submission', () => {
    const submission = {
      id: '5f0c6d7e-0000-4000-8000-000000000000',
      organisationId: 'east-riding',
      authorId: 'user-1',
      status: 'draft',
      document: { title: 'Half written' },
      targetSlug: null,
      version: 1,
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
    };
    expect(Submission.parse(submission).document).toEqual({ title: 'Half written' });
    expect(Submission.safeParse({ ...submission, status: 'archived' }).success).toBe(false);
  });

  it('serves every reference table under /v1/reference/<name>', () => {
    expect(Object.keys(REFERENCE_RESPONSES).sort()).toEqual([
      'councils',
      'deflators',
      'discount-rates',
      'indicators',
      'synonyms',
      'unit-costs',
    ]);
    expect(REFERENCE_RESPONSES.councils.safeParse({ items: [], version: 'v1' }).success).toBe(true);
    expect(REFERENCE_RESPONSES.councils.safeParse({ items: [] }).success).toBe(false);
  });

  it('checks the case study in an answer with the domain schema', () => {
    const answer = {
      caseStudy: { slug: 'x' },
      version: 1,
      status: 'published',
      publishedAt: '2026-11-23T10:00:00.000Z',
      evidenceLevel: null,
    };
    const issues = CaseStudyResponse.safeParse(answer).error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.path[0] === 'caseStudy')).toBe(true);
  });

  it('reads a stored portfolio service only with its id, and an unknown cost as null', () => {
    const service = { id: 's1', name: 'Family Support Team', annualCost: null };
    expect(StoredPortfolioService.parse(service).annualCost).toBeNull();
    expect(StoredPortfolioService.safeParse({ name: 'Family Support Team' }).success).toBe(false);
  });

  it('depends only on the pure domain packages, never on an app', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@costed/costing', '@costed/schema', 'zod']);
  });
});
