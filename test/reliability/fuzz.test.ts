import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  type Cast,
  call,
  createCast,
  SITE_ORIGIN,
  STRESS,
  startApi,
  tempDataDir,
} from './api-process.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE = new Uint8Array(
  readFileSync(join(import.meta.dirname, '..', '..', 'data', 'templates', 'portfolio-template.xlsx')),
);

/** Rewrites every central-directory entry's claimed uncompressed size (what a lying zip does). */
function withClaimedSize(zip: Uint8Array, claim: (actual: number) => number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    view.setUint32(i + 24, claim(view.getUint32(i + 24, true)) >>> 0, true);
  }
  return out;
}

/**
 * XLSX zip bombs and their relatives, each small enough to pass the upload size limit: what a hostile
 * "spreadsheet" can do to a server that inflates before it looks.
 */
function zipBombs(): { name: string; bytes: Uint8Array; harmless?: true }[] {
  const parts = unzipSync(TEMPLATE);
  const zeros = new Uint8Array(32 * 1024 * 1024);
  const ratioBomb = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': zeros }, { level: 9 });
  const manyEntries: Record<string, Uint8Array> = { ...parts };
  for (let i = 0; i < 20_000; i++) manyEntries[`xl/media/x${i}.bin`] = new Uint8Array(0);
  // One honest-looking entry that lies: its directory claims a few hundred bytes, its data inflates to 32 MiB.
  const lyingSmall = withClaimedSize(ratioBomb, (actual) => (actual > 1_000_000 ? 600 : actual));
  const lyingHuge = withClaimedSize(zipSync(parts), () => 0xffffffff);
  const inner = zipSync({ 'bomb.xml': zeros }, { level: 9 });
  const nested = zipSync({ ...parts, 'xl/embeddings/inner.zip': inner }, { level: 0 });
  const overlapping = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': zeros.subarray(0, 4 * 1024 * 1024) });
  return [
    { name: 'compression-ratio bomb (32 MiB of zeros in the sheet)', bytes: ratioBomb },
    { name: '20,000 entries', bytes: zipSync(manyEntries, { level: 9 }) },
    { name: 'directory claims a tiny size for a 32 MiB entry', bytes: lyingSmall },
    { name: 'directory claims 4 GiB per entry', bytes: lyingHuge },
    { name: 'a 4 MiB sheet of NUL bytes', bytes: overlapping },
    { name: 'truncated workbook', bytes: ratioBomb.subarray(0, Math.floor(ratioBomb.length / 2)) },
    // A bomb inside the workbook is never opened (only the sheets are read), so accepting the file is right;
    // it comes last because accepting it changes the portfolio.
    { name: 'a zip bomb nested inside the workbook', bytes: nested, harmless: true },
  ];
}

/**
 * Hostile input against every route of the real server process. Routes come from the API's own OpenAPI document
 * (generated from the route table), so a new route is fuzzed without anyone adding it here.
 * Quick (CI): a few hundred requests; STRESS=1: thousands.
 */
const RUNS = STRESS ? 4000 : 320;

interface Route {
  method: string;
  /** Path with `{name}` placeholders. */
  path: string;
}

const SCRIPT = '<script>alert(1)</script>';
const HOSTILE_STRINGS = [
  SCRIPT,
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  "'; DROP TABLE case_studies; --",
  '1; SELECT pg_sleep(5)',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..\\..\\windows\\win.ini',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  '\uD800',
  '\u202E\u0000nul',
  ['$', '{jndi:ldap://x}'].join(''),
  '{{7*7}}',
  'x'.repeat(10_000),
  '😀'.repeat(500),
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...HOSTILE_STRINGS).chain((h) => fc.string({ maxLength: 10 }).map((s) => `${s}${h}${s}`)),
);

/** JSON values with the shapes that break parsers and validators: deep nesting, poisoning keys, huge arrays. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(hostileString, fc.constantFrom('document', 'slug', 'title', 'action')),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
})).value;

function deeplyNested(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

type RawBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string | undefined; bytes: Uint8Array };

const rawBodies: fc.Arbitrary<RawBody> = fc.oneof(
  hostileJson.map((value) => ({ kind: 'json' as const, value })),
  fc.constantFrom<RawBody>(
    // Prototype poisoning in raw text (JSON.stringify would drop a real __proto__ key).
    {
      kind: 'raw',
      contentType: 'application/json',
      bytes: Buffer.from('{"__proto__":{"isAdmin":true},"document":{}}'),
    },
    {
      kind: 'raw',
      contentType: 'application/json',
      bytes: Buffer.from('{"constructor":{"prototype":{"x":1}}}'),
    },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from(deeplyNested(20_000)) },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from(`{"a":"${'y'.repeat(2_000_000)}"}`) },
    {
      kind: 'raw',
      contentType: 'application/json',
      bytes: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    },
    {
      kind: 'raw',
      contentType: 'application/json',
      bytes: Buffer.from('{"document": {"title": "unterminated'),
    },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('') },
    { kind: 'raw', contentType: 'text/plain', bytes: Buffer.from(SCRIPT) },
    {
      kind: 'raw',
      contentType: 'application/xml',
      bytes: Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      ),
    },
    {
      kind: 'raw',
      contentType: 'multipart/form-data; boundary=zz',
      bytes: Buffer.from(
        '--zz\r\nContent-Disposition: form-data; name="f"; filename="../../x.xlsx"\r\n\r\nPK\u0003\u0004\r\n--zz--',
      ),
    },
    {
      kind: 'raw',
      contentType: 'application/x-www-form-urlencoded',
      bytes: Buffer.from('a=1&__proto__[x]=1'),
    },
    { kind: 'raw', contentType: undefined, bytes: Buffer.from('{"a":1}') },
    {
      kind: 'raw',
      contentType: 'application/json; charset=utf-16',
      bytes: Buffer.from('{"a":1}', 'utf16le'),
    },
  ),
);

interface Finding {
  kind: '5xx' | 'not-problem-json' | 'problem-status-mismatch' | 'reflects-script' | 'store-changed';
  detail: string;
}

interface FuzzRequest {
  route: Route;
  params: string[];
  query: [string, string][];
  body: RawBody | undefined;
  caller: 'anonymous' | 'member' | 'curator' | 'admin';
}

function fuzzRequest(routes: Route[]): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    route: fc.constantFrom(...routes),
    params: fc.array(fc.oneof(hostileString, fc.constantFrom('hackney-learning-trust', 'costs')), {
      minLength: 3,
      maxLength: 3,
    }),
    query: fc.array(
      fc.tuple(fc.oneof(hostileString, fc.constantFrom('q', 'page', 'slugs', 'limit')), hostileString),
      {
        maxLength: 4,
      },
    ),
    body: fc.option(rawBodies, { nil: undefined }),
    caller: fc.constantFrom('anonymous', 'member', 'curator', 'admin'),
  });
}

function buildPath(req: FuzzRequest): string {
  let i = 0;
  const path = req.route.path.replace(/\{[^}]+\}/g, () =>
    encodeURIComponent((req.params[i++] ?? '').toWellFormed()),
  );
  const qs = new URLSearchParams(
    req.query.map(([k, v]) => [k.toWellFormed(), v.toWellFormed()] as [string, string]),
  ).toString();
  return qs ? `${path}?${qs}` : path;
}

/** Everything a write could change, read through the API: case studies, submissions, audit log, organisations. */
async function snapshot(api: ApiProcess, cast: Cast): Promise<string> {
  const parts = await Promise.all([
    call(api.url, 'GET', '/v1/exports/case-studies.json'),
    call(api.url, 'GET', '/v1/submissions', { cookie: cast.curator.cookie }),
    call(api.url, 'GET', '/v1/audit?limit=5', { cookie: cast.admin.cookie }),
    call(api.url, 'GET', `/v1/organisations/${cast.organisationId}/members`, { cookie: cast.admin.cookie }),
    call(api.url, 'GET', `/v1/organisations/${cast.organisationId}/api-keys`, {
      cookie: cast.members[0]?.cookie,
    }),
  ]);
  for (const p of parts) if (p.status !== 200) throw new Error(`snapshot read failed: ${p.status} ${p.text}`);
  return createHash('sha256')
    .update(parts.map((p) => p.text).join('\n'))
    .digest('hex');
}

describe('fuzzing every route of the running API with hostile input', () => {
  let api: ApiProcess;
  let cast: Cast;
  let routes: Route[] = [];

  beforeAll(async () => {
    api = await startApi({ dataDir: tempDataDir() });
    cast = await createCast(api.url, 'fuzz', 1);
    const spec = await call(api.url, 'GET', '/openapi.json');
    const paths = (spec.body as { paths: Record<string, Record<string, unknown>> }).paths;
    routes = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path })),
    );
    // better-auth's catch-all is not in the OpenAPI document; fuzz its sign-in and sign-up doors too.
    routes.push(
      { method: 'POST', path: '/v1/auth/sign-in/email' },
      { method: 'POST', path: '/v1/auth/sign-up/email' },
    );
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers every hostile request without a 5xx, with problem+json on errors, reflecting no script and changing nothing when it refuses', async () => {
    expect(routes.length).toBeGreaterThan(30);
    const cookies: Record<FuzzRequest['caller'], string | undefined> = {
      anonymous: undefined,
      member: cast.members[0]?.cookie,
      curator: cast.curator.cookie,
      admin: cast.admin.cookie,
    };
    let tried = 0;
    const failures: string[] = [];
    let before = await snapshot(api, cast);

    await fc.assert(
      fc.asyncProperty(fuzzRequest(routes), async (req) => {
        const path = buildPath(req);
        const headers: Record<string, string> = { origin: SITE_ORIGIN };
        const cookie = cookies[req.caller];
        if (cookie) headers.cookie = cookie;
        let body: Uint8Array | undefined;
        if (req.body && req.route.method !== 'GET') {
          if (req.body.kind === 'json') {
            body = Buffer.from(JSON.stringify(req.body.value) ?? 'null');
            headers['content-type'] = 'application/json';
          } else {
            body = req.body.bytes;
            if (req.body.contentType) headers['content-type'] = req.body.contentType;
          }
        }
        tried++;
        let res: Response;
        let text: string;
        try {
          res = await fetch(`${api.url}${path}`, {
            method: req.route.method,
            headers,
            body: body ? new Uint8Array(body) : undefined,
          });
          text = await res.text();
        } catch (error) {
          failures.push(`${req.route.method} ${path.slice(0, 160)}: no response (${String(error)})`);
          return true;
        }
        const label = `${req.route.method} ${path.slice(0, 160)} (${req.caller}) → ${res.status}`;
        const found: Finding[] = [];
        // 503 service-unavailable is load shedding (a busy machine), by design; every other 5xx is a defect.
        const shed = res.status === 503 && text.includes('"code":"service-unavailable"');
        if (res.status >= 500 && !shed) found.push({ kind: '5xx', detail: text.slice(0, 300) });
        const type = res.headers.get('content-type') ?? '';
        if (res.status >= 400 && !type.startsWith('application/problem+json')) {
          found.push({ kind: 'not-problem-json', detail: `${type} ${text.slice(0, 200)}` });
        }
        if (type.startsWith('application/problem+json')) {
          const status = (JSON.parse(text) as { status?: unknown }).status;
          if (status !== res.status)
            found.push({ kind: 'problem-status-mismatch', detail: text.slice(0, 200) });
        }
        if (text.includes('<script')) found.push({ kind: 'reflects-script', detail: text.slice(0, 300) });
        if (req.route.method !== 'GET') {
          const after = await snapshot(api, cast);
          if (res.status >= 400 && after !== before) found.push({ kind: 'store-changed', detail: '' });
          before = after;
        }
        for (const f of found) failures.push(`${label}: ${f.kind}: ${f.detail}`);
        return true;
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123), endOnFailure: false },
    );

    console.log(`fuzz: ${tried} requests tried over ${routes.length} routes, ${failures.length} failures`);
    for (const f of failures.slice(0, 20)) console.log(`  FAIL ${f}`);
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses every XLSX zip bomb with 4xx problem+json, changing nothing, and stays up', async () => {
    const member = cast.members[0];
    const created = await call(api.url, 'POST', '/v1/portfolios', {
      cookie: member?.cookie,
      body: { name: 'Zip bomb target' },
    });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;
    const portfolio = async () =>
      (await call(api.url, 'GET', `/v1/portfolios/${id}`, { cookie: member?.cookie })).text;
    const before = await portfolio();
    const results: string[] = [];
    for (const bomb of zipBombs()) {
      const res = await fetch(`${api.url}/v1/portfolios/${id}/import`, {
        method: 'POST',
        headers: { 'content-type': XLSX_TYPE, cookie: member?.cookie ?? '', origin: SITE_ORIGIN },
        body: new Uint8Array(bomb.bytes),
      });
      const text = await res.text();
      const code = res.status >= 400 ? ` ${(JSON.parse(text) as { code?: string }).code ?? ''}` : ' accepted';
      results.push(
        `${bomb.name} (${bomb.bytes.length.toLocaleString('en-GB')} bytes) → ${res.status}${code}`,
      );
      expect(res.status, `${bomb.name}: ${text.slice(0, 300)}`).toBeLessThan(500);
      if (bomb.harmless) {
        expect(res.status, `${bomb.name}: ${text.slice(0, 300)}`).toBeLessThan(300);
        expect((JSON.parse(text) as { services: unknown[] }).services, bomb.name).toEqual([]);
        continue;
      }
      expect(res.status, `${bomb.name}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-type'), bomb.name).toMatch(/^application\/problem\+json/);
      expect(await portfolio(), bomb.name).toBe(before);
    }
    console.log(`zip bombs: ${results.length} sent\n  ${results.join('\n  ')}`);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  }, 120_000);

  // Deterministic checks for the defects this fuzzer found first (D1–D4), so they cannot come back unnoticed.
  it('D1: GET /v1/case-studies/a%00b answers 4xx, not 500', async () => {
    for (const path of ['/v1/case-studies/a%00b', '/v1/case-studies/a%00b/versions']) {
      const res = await call(api.url, 'GET', path);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it('D2: an over-long id answers problem+json (414 from the router)', async () => {
    const res = await call(api.url, 'GET', `/v1/submissions/${'a'.repeat(300)}`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('D2: an over-long URL answers problem+json (431 from the HTTP parser)', async () => {
    const res = await call(api.url, 'GET', `/v1/case-studies?q=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('D3: an unknown query key is not echoed raw into the problem body', async () => {
    const res = await call(api.url, 'GET', `/v1/compare?${encodeURIComponent(SCRIPT)}=1`);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('<script');
  });

  it('D4: problem+json "status" is the HTTP status on a refused workflow step (409)', async () => {
    const member = cast.members[0];
    const draft = await call(api.url, 'POST', '/v1/submissions', {
      cookie: member?.cookie,
      body: { document: { slug: 'fuzz-d4-draft', title: 'A draft to publish too early' } },
    });
    expect(draft.status).toBe(201);
    const id = (draft.body as { id: string }).id;
    const res = await call(api.url, 'POST', `/v1/submissions/${id}/review`, {
      cookie: cast.curator.cookie,
      body: { action: 'request-changes', comments: [{ path: 'summary', message: 'Too early.' }] },
    });
    expect(res.status).toBe(409);
    expect((res.body as { status: unknown }).status).toBe(409);
  });
});
