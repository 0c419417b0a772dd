import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  type Cast,
  call,
  createCast,
  SITE_ORIGIN,
  type SiteProcess,
  signIn,
  startApi,
  startSite,
  tempDataDir,
} from './api-process.ts';

/** Every file under a directory (the PGlite data directory: the database's own bytes). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function expectHardenedHeaders(headers: Headers, where: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, `${where}: CSP`).toMatch(/frame-ancestors 'none'/);
  expect(csp, `${where}: CSP default-src`).toMatch(/default-src 'self'/);
  expect(headers.get('x-content-type-options'), `${where}: nosniff`).toBe('nosniff');
  expect(headers.get('referrer-policy'), `${where}: referrer policy`).toMatch(
    /^(no-referrer|same-origin|strict-origin)/,
  );
}

describe('security of the running API and site', () => {
  let api: ApiProcess;
  let limited: ApiProcess;
  let site: SiteProcess;
  let cast: Cast;
  let dataDir: string;
  let limitHitAt = 0;
  let retryAfterS = 0;

  beforeAll(async () => {
    dataDir = tempDataDir('costed-security-');
    // A second API with tiny limits, hit first so its window runs out while the other checks run.
    [api, limited] = await Promise.all([
      startApi({ dataDir }),
      startApi({
        dataDir: tempDataDir('costed-limits-'),
        env: { RATE_LIMIT_MAX: '20', SIGN_IN_RATE_LIMIT_MAX: '3' },
      }),
    ]);
    cast = await createCast(api.url, 'security', 1);
    site = await startSite(api.url);
  }, 180_000);

  afterAll(async () => {
    await site?.stop();
    await limited?.stop();
    await api?.stop();
  });

  it('rate limits trigger: sign-in after 3 attempts, everything after 20 requests a minute (429 problem+json, Retry-After)', async () => {
    // Sign-in has its own, tighter limit: wrong passwords cannot be tried at the general rate.
    const attempts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${limited.url}/v1/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: SITE_ORIGIN },
        body: JSON.stringify({ email: 'nobody@example.org', password: `wrong password ${i}` }),
      });
      attempts.push(res.status);
    }
    expect(attempts).toEqual([401, 401, 401, 429, 429]);

    // The general limit counts every request from the client, the sign-in attempts included.
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 25; i++) {
      last = await call(limited.url, 'GET', '/v1/case-studies/hackney-learning-trust');
      statuses.push(last.status);
    }
    limitHitAt = Date.now();
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThanOrEqual(20);
    expect(statuses.slice(0, firstRefused).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    expect(last?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    retryAfterS = Number(last?.headers.get('retry-after'));
    expect(retryAfterS).toBeGreaterThan(0);
    expect(retryAfterS).toBeLessThanOrEqual(60);
  });

  it('API responses carry CSP with frame-ancestors none, nosniff and a referrer policy (success, error, docs)', async () => {
    for (const path of [
      '/readyz',
      '/v1/case-studies?q=care',
      '/v1/case-studies/no-such-study',
      '/openapi.json',
    ]) {
      const res = await fetch(`${api.url}${path}`);
      expectHardenedHeaders(res.headers, `API ${path}`);
    }
  });

  it('site pages carry CSP with frame-ancestors none, nosniff and a referrer policy', async () => {
    for (const path of [
      '/',
      '/search?q=edge+of+care',
      '/case-studies/hackney-learning-trust',
      '/no-such-page',
    ]) {
      const res = await fetch(`${site.url}${path}`);
      expect(res.status, path).toBeLessThan(500);
      expectHardenedHeaders(res.headers, `site ${path}`);
    }
  });

  it('hostile input in the search box and the URL is never reflected as markup into a site page', async () => {
    const payload = '"><script>alert(1)</script>';
    for (const path of [
      `/search?q=${encodeURIComponent(payload)}`,
      `/case-studies/${encodeURIComponent(payload)}`,
      `/compare?slugs=${encodeURIComponent(payload)}`,
    ]) {
      const res = await fetch(`${site.url}${path}`);
      const html = await res.text();
      expect(res.status, path).toBeLessThan(500);
      // Inside a quoted attribute value "<" is inert; what must never happen is the quote closing the attribute.
      // So drop every properly quoted attribute value: if escaping failed, the script is left over as markup.
      const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
      expect(outsideAttributes, path).not.toContain('<script>alert(1)');
      expect(html, path).not.toContain('"><script>');
    }
  });

  it('sessions revoke: after sign-out the old cookie answers 401 on a member route', async () => {
    const member = cast.members[0];
    if (!member) throw new Error('no member');
    const session = await signIn(api.url, member.email, 'correct horse battery staple');
    expect((await call(api.url, 'GET', '/v1/submissions', { cookie: session.cookie })).status).toBe(200);
    const out = await call(api.url, 'POST', '/v1/auth/sign-out', { cookie: session.cookie, body: {} });
    expect(out.status).toBe(200);
    const after = await call(api.url, 'GET', '/v1/submissions', { cookie: session.cookie });
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('API keys are stored hashed: the plaintext is in no export, no API answer and no byte of the database', async () => {
    const member = cast.members[0];
    const created = await call(api.url, 'POST', `/v1/organisations/${cast.organisationId}/api-keys`, {
      cookie: member?.cookie,
      body: { name: 'Security check key', scopes: ['submissions:read'] },
    });
    expect(created.status, created.text).toBe(201);
    const plaintext = (created.body as { key: string }).key;
    expect(plaintext.length).toBeGreaterThanOrEqual(20);
    // The key works, so the plaintext is the real thing.
    const used = await call(api.url, 'GET', '/v1/submissions', { headers: { 'x-api-key': plaintext } });
    expect(used.status).toBe(200);

    const reads = await Promise.all(
      [
        '/v1/exports/case-studies.json',
        '/v1/exports/case-studies.jsonl',
        `/v1/organisations/${cast.organisationId}/api-keys`,
        '/v1/audit?limit=100',
      ].map((path) =>
        call(api.url, 'GET', path, { cookie: path.includes('audit') ? cast.admin.cookie : member?.cookie }),
      ),
    );
    for (const r of reads) expect(r.text).not.toContain(plaintext);

    // Stop the API so PGlite writes everything to its files, then search every byte of the database for it.
    await api.stop();
    const needle = Buffer.from(plaintext);
    const holding = filesUnder(dataDir).filter((f) => readFileSync(f).includes(needle));
    expect(holding).toEqual([]);
    api = await startApi({ dataDir });
  }, 120_000);

  it('rate limits recover: once the window has passed the same client is served again', async () => {
    const waitMs = limitHitAt + retryAfterS * 1000 + 1000 - Date.now();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const res = await call(limited.url, 'GET', '/v1/case-studies/hackney-learning-trust');
    expect(res.status).toBe(200);
  }, 90_000);
});
