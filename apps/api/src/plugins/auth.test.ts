import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { generateApiKey } from '../lib/api-keys.ts';
import type { AppServices } from '../services/create-services.ts';
import type { ApiServices } from '../services.ts';
import type { IdentityDirectory } from './auth.ts';

const key = generateApiKey();
const revoked = generateApiKey();

function directory(): IdentityDirectory {
  return {
    sessionUser: async (headers) => {
      const cookie = headers.get('cookie') ?? '';
      if (cookie.includes('session=curator'))
        return { id: 'u-curator', email: 'c@example.org', name: 'Curator' };
      if (cookie.includes('session=member'))
        return { id: 'u-member', email: 'm@example.org', name: 'Member' };
      return null;
    },
    membershipsOf: async (userId) =>
      userId === 'u-curator'
        ? [{ organisationId: 'org-sector', role: 'curator' }]
        : [{ organisationId: 'org-east-riding', role: 'council-member' }],
    findApiKeyByHash: async (hash) => {
      if (hash === key.hash)
        return {
          id: 'k1',
          organisationId: 'org-east-riding',
          hash,
          scopes: ['submissions:read'],
          revokedAt: null,
        };
      if (hash === revoked.hash)
        return { id: 'k2', organisationId: 'org-east-riding', hash, scopes: [], revokedAt: '2026-01-01' };
      return null;
    },
    touchApiKey: async () => {},
  };
}

// Only identity is exercised here; the rest of AppServices is not touched.
function services(): AppServices {
  const partial: ApiServices = { identity: directory(), readiness: async () => ({}), close: async () => {} };
  return partial as AppServices;
}

async function appWithRoutes() {
  const app = await buildApp({ services: services(), logger: false });
  app.get('/t/public', { config: { access: 'public' } }, async (req) => ({ who: req.principal.kind }));
  app.get('/t/member', { config: { access: 'council-member', scope: 'submissions:write' } }, async (req) => ({
    who: req.principal.kind,
  }));
  app.get('/t/read', { config: { access: 'council-member', scope: 'submissions:read' } }, async (req) => ({
    who: req.principal.kind,
  }));
  app.get('/t/curator', { config: { access: 'curator' } }, async (req) => ({ role: req.principal.role }));
  await app.ready();
  return app;
}

describe('authorisation', () => {
  it('refuses to build an app with a route that declares no access rule', async () => {
    const app = await buildApp({ services: services(), logger: false });
    expect(() => app.get('/t/unruled', async () => ({}))).toThrow(/declares no access rule/);
    await app.close();
  });

  it('lets anyone call a public route, as anonymous', async () => {
    const app = await appWithRoutes();
    expect((await app.inject('/t/public')).json()).toEqual({ who: 'anonymous' });
    await app.close();
  });

  it('answers 401 problem+json to an anonymous caller of a protected route', async () => {
    const app = await appWithRoutes();
    const res = await app.inject('/t/curator');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
    await app.close();
  });

  it('answers 403 to a signed-in user without the role', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ url: '/t/curator', headers: { cookie: 'session=member' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('curator');
    const ok = await app.inject({ url: '/t/curator', headers: { cookie: 'session=curator' } });
    expect(ok.json()).toEqual({ role: 'curator' });
    await app.close();
  });

  it('accepts a valid API key within its scopes only, and refuses revoked, unknown and malformed keys', async () => {
    const app = await appWithRoutes();
    expect((await app.inject({ url: '/t/read', headers: { 'x-api-key': key.key } })).json()).toEqual({
      who: 'api-key',
    });
    const noScope = await app.inject({ url: '/t/member', headers: { 'x-api-key': key.key } });
    expect(noScope.statusCode).toBe(403);
    for (const bad of [revoked.key, generateApiKey().key, 'not-a-key']) {
      const res = await app.inject({ url: '/t/read', headers: { 'x-api-key': bad } });
      expect(res.statusCode).toBe(401);
    }
    await app.close();
  });
});
