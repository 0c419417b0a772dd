import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessRule, allows, type Principal } from '../src/lib/access.ts';
import { generateApiKey } from '../src/lib/api-keys.ts';
import { createTestApp, ORGS, type TestApp } from './helpers.ts';

/**
 * Every route and the rule it must have. A route added without a row here fails the first test, so nobody can add
 * a route without deciding — and this matrix proving — who may call it.
 */
const EXPECTED: Record<string, AccessRule> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /v1/auth/*': 'public',
  'POST /v1/auth/*': 'public',
  'GET /v1/me': 'public',
  'GET /v1/organisations/:organisationId/api-keys': 'council-member',
  'POST /v1/organisations/:organisationId/api-keys': 'council-member',
  'DELETE /v1/organisations/:organisationId/api-keys/:keyId': 'council-member',
  'POST /v1/appraisals': 'public',
  'POST /v1/case-studies/:slug/localise': 'public',
  'GET /v1/compare': 'public',
  'GET /v1/exports/:table.csv': 'public',
  'GET /v1/exports/case-studies.json': 'public',
  'GET /v1/exports/case-studies.jsonl': 'public',
  'GET /v1/exports/case-studies.xlsx': 'public',
  'GET /v1/exports/datapackage.json': 'public',
  'GET /v1/feed.atom': 'public',
  'POST /v1/submissions': 'council-member',
  'GET /v1/submissions': 'council-member',
  'GET /v1/submissions/:id': 'council-member',
  'PATCH /v1/submissions/:id': 'council-member',
  'POST /v1/submissions/:id/submit': 'council-member',
  'GET /v1/submissions/:id/events': 'council-member',
  'GET /v1/review-queue': 'curator',
  'POST /v1/submissions/:id/review': 'curator',
  'POST /v1/case-studies/:slug/withdraw': 'curator',
  'GET /v1/audit': 'admin',
  'GET /v1/case-studies': 'public',
  'GET /v1/case-studies/:slug': 'public',
  'GET /v1/case-studies/:slug/versions': 'public',
  'GET /v1/reference/deflators': 'public',
  'GET /v1/reference/discount-rates': 'public',
  'GET /v1/reference/unit-costs': 'public',
  'GET /v1/reference/councils': 'public',
  'GET /v1/reference/indicators': 'public',
  'GET /v1/reference/synonyms': 'public',
  'GET /v1/organisations': 'signed-in',
  'POST /v1/organisations': 'admin',
  'GET /v1/organisations/:organisationId/members': 'signed-in',
  'PUT /v1/organisations/:organisationId/members': 'admin',
  'DELETE /v1/organisations/:organisationId/members/:userId': 'admin',
  'GET /v1/portfolios/templates/portfolio-template.csv': 'public',
  'GET /v1/portfolios/templates/portfolio-template.xlsx': 'public',
  'GET /v1/portfolios': 'council-member',
  'POST /v1/portfolios': 'council-member',
  'GET /v1/portfolios/:id': 'council-member',
  'PATCH /v1/portfolios/:id': 'council-member',
  'DELETE /v1/portfolios/:id': 'council-member',
  'POST /v1/portfolios/:id/services': 'council-member',
  'PUT /v1/portfolios/:id/services/:serviceId': 'council-member',
  'DELETE /v1/portfolios/:id/services/:serviceId': 'council-member',
  'POST /v1/portfolios/:id/import': 'council-member',
  'GET /v1/portfolios/:id/review': 'council-member',
  'GET /v1/portfolios/:id/review.csv': 'council-member',
  'GET /v1/portfolios/:id/review.xlsx': 'council-member',
  'GET /v1/portfolios/:id/review.html': 'council-member',
  'POST /v1/portfolios/:id/services/:serviceId/decisions': 'council-member',
  'GET /v1/portfolios/:id/services/:serviceId/decisions': 'council-member',
};

interface Caller {
  name: string;
  principal: Principal;
  headers: Record<string, string>;
}

describe('authorisation matrix: every route × every kind of caller', () => {
  let t: TestApp;
  const callers: Caller[] = [];
  const params: Record<string, string> = {
    slug: 'hackney-learning-trust',
    organisationId: ORGS.eastRiding.id,
    table: 'costs',
  };

  beforeAll(async () => {
    t = await createTestApp();
    const submission = await t.store.submissions.create({
      organisationId: ORGS.eastRiding.id,
      authorId: 'someone',
      document: { title: 'Draft for the matrix' },
    });
    params.id = submission.id;
    params.keyId = 'no-such-key';
    params.userId = 'no-such-user';

    const user = async (name: string, role: 'council-member' | 'curator' | 'admin', org?: string) => {
      const u = await t.signIn(role, org);
      const principal: Principal = {
        kind: 'user',
        role,
        userId: u.userId,
        email: u.email,
        name,
        memberships: [{ organisationId: org ?? ORGS.eastRiding.id, role }],
      };
      callers.push({ name, principal, headers: { cookie: u.cookie } });
    };
    callers.push({ name: 'anonymous', principal: { kind: 'anonymous', role: 'public' }, headers: {} });
    // A signed-in account that belongs to no organisation.
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up/email',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:4321' },
      payload: {
        email: `nobody-${randomUUID()}@example.org`,
        password: 'a long enough password',
        name: 'Nobody',
      },
    });
    const nobody = signUp.json() as { user: { id: string; email: string } };
    callers.push({
      name: 'signed-in, no organisation',
      principal: {
        kind: 'user',
        role: 'public',
        userId: nobody.user.id,
        email: nobody.user.email,
        name: 'Nobody',
        memberships: [],
      },
      headers: { cookie: String(signUp.headers['set-cookie']).split(';')[0] ?? '' },
    });
    await user('council member (own organisation)', 'council-member');
    await user('council member (other organisation)', 'council-member', ORGS.suffolk.id);
    await user('curator', 'curator');
    await user('admin', 'admin');
    for (const scopes of [['submissions:read', 'submissions:write'], ['submissions:read']] as const) {
      const key = generateApiKey();
      await t.store.apiKeys.create(
        {
          id: randomUUID(),
          organisationId: ORGS.eastRiding.id,
          name: 'matrix',
          displayPrefix: key.displayPrefix,
          hash: key.hash,
          scopes: [...scopes],
        },
        'system:test',
      );
      callers.push({
        name: `API key (${scopes.join(', ')})`,
        principal: {
          kind: 'api-key',
          role: 'council-member',
          keyId: 'k',
          organisationId: ORGS.eastRiding.id,
          scopes: [...scopes],
        },
        headers: { 'x-api-key': key.key },
      });
    }
  });
  afterAll(async () => t?.close());

  it('knows every route the app has, each with the rule it must have', () => {
    const actual = Object.fromEntries(t.app.routeRules.map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(actual).toEqual(EXPECTED);
  });

  it('lets through exactly the callers each access rule allows, and refuses the rest with 401/403 problem+json', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeRules) {
      const url = route.url
        .replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? 'x')
        .replace('/*', '/get-session');
      for (const caller of callers) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: {
            ...caller.headers,
            ...(route.method === 'GET' || route.method === 'DELETE'
              ? {}
              : { 'content-type': 'application/json' }),
          },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: '{}' }),
        });
        const deniedByRule =
          res.statusCode === 401 || (res.statusCode === 403 && res.json().deniedBy === 'access-rule');
        const scopeOk =
          caller.principal.kind !== 'api-key' ||
          !route.scope ||
          caller.principal.scopes.includes(route.scope);
        const shouldAllow = allows(route.access, caller.principal) && scopeOk;
        if (shouldAllow === deniedByRule) {
          failures.push(
            `${route.method} ${route.url} as ${caller.name}: ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
        if (res.statusCode >= 500)
          failures.push(`${route.method} ${route.url} as ${caller.name}: ${res.statusCode}`);
        if (res.statusCode >= 400)
          expect(res.headers['content-type'], `${route.method} ${url}`).toMatch(/problem\+json/);
      }
    }
    expect(failures).toEqual([]);
  });

  it("keeps one council's drafts and keys away from another council", async () => {
    const other = callers.find((c) => c.name === 'council member (other organisation)')!;
    const own = callers.find((c) => c.name === 'council member (own organisation)')!;
    const read = await t.app.inject({ url: `/v1/submissions/${params.id}`, headers: other.headers });
    expect(read.statusCode).toBe(404);
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/v1/submissions/${params.id}`,
      headers: other.headers,
      payload: { document: { title: 'Hijacked' }, expectedVersion: 1 },
    });
    expect(write.statusCode).toBe(404);
    const list = (await t.app.inject({ url: '/v1/submissions', headers: other.headers })).json();
    expect(JSON.stringify(list)).not.toContain(params.id);
    expect(
      (await t.app.inject({ url: `/v1/submissions/${params.id}`, headers: own.headers })).statusCode,
    ).toBe(200);
    const keys = await t.app.inject({
      url: `/v1/organisations/${ORGS.eastRiding.id}/api-keys`,
      headers: other.headers,
    });
    expect(keys.statusCode).toBe(403);
    expect((await t.store.submissions.get(params.id ?? ''))?.document).toEqual({
      title: 'Draft for the matrix',
    });
  });
});
