import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import type { AppServices } from './services/create-services.ts';
import type { ApiServices } from './services.ts';

// Only identity and readiness are exercised here; the rest of AppServices is not touched.
function fakeServices(ready = true): AppServices {
  const services: ApiServices = {
    identity: {
      sessionUser: async () => null,
      membershipsOf: async () => [],
      findApiKeyByHash: async () => null,
      touchApiKey: async () => {},
    },
    readiness: async () => ({ store: { ok: ready }, search: { ok: true } }),
    close: async () => {},
  };
  return services as AppServices;
}

describe('API core', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    app = await buildApp({ services: fakeServices(), logger: false });
  });
  afterAll(async () => app.close());

  it('answers liveness and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('reports not-ready with 503 when a dependency is down', async () => {
    const down = await buildApp({ services: fakeServices(false), logger: false });
    const res = await down.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.store.ok).toBe(false);
    await down.close();
  });

  it('answers an unknown route with problem+json 404', async () => {
    const res = await app.inject('/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'route-not-found',
      type: '/problems/route-not-found',
    });
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/healthz' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain('GET');
    expect(res.json().code).toBe('method-not-allowed');
  });

  it('publishes OpenAPI 3.1 and local docs', async () => {
    const spec = (await app.inject('/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/healthz');
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)\./);
  });

  it('sends security headers', async () => {
    const res = await app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("base-uri 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});
