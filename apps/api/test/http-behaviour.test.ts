import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

describe('HTTP behaviour under bad input and abuse', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      seed: false,
      config: { bodyLimitBytes: 4096, rateLimitMax: 5, signInRateLimitMax: 3 },
    });
  });
  afterAll(async () => t?.close());

  it('answers an oversized body with 413 problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/appraisals',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ padding: 'x'.repeat(10_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload-too-large', status: 413 });
  });

  it('answers an unsupported content type with 415, and malformed JSON with 400', async () => {
    const xml = await t.app.inject({
      method: 'POST',
      url: '/v1/appraisals',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('unsupported-media-type');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/v1/appraisals',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses __proto__ and constructor keys in JSON bodies', async () => {
    for (const payload of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/appraisals',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    }
  });

  it('rate limits per client, says when to retry, and recovers', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await t.app.inject({ url: '/v1/me', headers, remoteAddress: '203.0.113.9' })).statusCode,
      );
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    const limited = await t.app.inject({ url: '/v1/me', remoteAddress: '203.0.113.9' });
    expect(limited.json()).toMatchObject({ code: 'rate-limited', status: 429 });
    expect(limited.headers['retry-after']).toBeDefined();
    // Another client is unaffected.
    expect((await t.app.inject({ url: '/v1/me', remoteAddress: '203.0.113.10' })).statusCode).toBe(200);
  });

  it('rate limits sign-in attempts separately and more strictly', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in/email',
        remoteAddress: '198.51.100.7',
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost:4321',
          'x-forwarded-for': '198.51.100.7',
        },
        payload: { email: 'nobody@example.org', password: 'not the password at all' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toContain(429);
  });

  it('keys the sign-in limit by the forwarded address only when a trusted proxy (the site) sends it', async () => {
    const signIn = (remoteAddress: string, forwardedFor: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in/email',
        remoteAddress,
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost:4321',
          'x-forwarded-for': forwardedFor,
        },
        payload: { email: 'nobody@example.org', password: 'not the password at all' },
      });
    // A client that is not a trusted proxy cannot get a fresh allowance by inventing addresses.
    const spoofed: number[] = [];
    for (let i = 0; i < 5; i++) spoofed.push((await signIn('192.0.2.50', `203.0.113.${100 + i}`)).statusCode);
    expect(spoofed).toContain(429);
    // Through the site (loopback, trusted by default), each visitor has their own allowance.
    const visitors: number[] = [];
    for (let i = 0; i < 5; i++) visitors.push((await signIn('127.0.0.1', `198.18.0.${i + 1}`)).statusCode);
    expect(visitors).not.toContain(429);
  });

  it('refuses a NUL character anywhere with 400 naming the field, never a store error', async () => {
    const slug = await t.app.inject({ url: '/v1/case-studies/a%00b', remoteAddress: '192.0.2.1' });
    expect(slug.statusCode).toBe(400);
    expect(slug.json().errors[0]).toMatchObject({ path: 'params.slug', code: 'nul-character' });
    const body = await t.app.inject({
      method: 'POST',
      url: '/v1/appraisals',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ scenario: { label: 'a\u0000b' } }),
      remoteAddress: '192.0.2.1',
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors[0].path).toBe('body.scenario.label');
  });

  it('answers an over-long path parameter with 414 problem+json', async () => {
    const res = await t.app.inject({
      url: `/v1/case-studies/${'a'.repeat(300)}`,
      remoteAddress: '192.0.2.2',
    });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('uri-too-long');
  });

  it('never echoes caller-chosen markup raw in a problem body', async () => {
    const res = await t.app.inject({
      url: `/v1/compare?${encodeURIComponent('<script>alert(1)</script>')}=1`,
      remoteAddress: '192.0.2.3',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script');
    expect(JSON.stringify(res.json())).toContain('<script>');
  });

  it('answers headers too large for the HTTP parser with 431 problem+json on a real socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/v1/case-studies?q=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { status: number }).status).toBe(431);
  });

  it('allows CORS only for the site and configured origins', async () => {
    const ok = await t.app.inject({ url: '/healthz', headers: { origin: 'http://localhost:4321' } });
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:4321');
    const evil = await t.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('load shedding', () => {
  it('answers 503 problem+json beyond MAX_REQUESTS_IN_FLIGHT concurrent requests, and recovers at once', async () => {
    const t = await createTestApp({ config: { maxRequestsInFlight: 2 } });
    try {
      const burst = await Promise.all(
        Array.from({ length: 8 }, () => t.app.inject('/v1/case-studies/hackney-learning-trust')),
      );
      const statuses = burst.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
      const shed = burst.filter((r) => r.statusCode === 503);
      expect(shed.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
      expect(shed[0]?.headers['content-type']).toContain('application/problem+json');
      expect(shed[0]?.headers['retry-after']).toBe('5');
      expect(shed[0]?.json()).toMatchObject({ code: 'service-unavailable', status: 503 });
      // Every finished request gave its place back: the next ones are served.
      for (let i = 0; i < 3; i++) {
        expect((await t.app.inject('/v1/case-studies/hackney-learning-trust')).statusCode).toBe(200);
      }
    } finally {
      await t.close();
    }
  });

  it('answers 503 problem+json with Retry-After while the process is over its pressure limits', async () => {
    // A heap limit every process exceeds puts the API permanently "under pressure".
    const t = await createTestApp({ seed: false, config: { maxHeapUsedBytes: 1 } });
    try {
      await new Promise((r) => setTimeout(r, 600));
      const res = await t.app.inject('/v1/me');
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ code: 'service-unavailable', status: 503 });
    } finally {
      await t.close();
    }
  });
});
