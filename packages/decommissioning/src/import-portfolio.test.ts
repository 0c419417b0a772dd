import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../test/fixtures.ts';
import { buildPortfolioCsv, buildPortfolioXlsx, EXAMPLE_PORTFOLIO } from './build-portfolio-template.ts';
import { importPortfolio } from './import-portfolio.ts';
import { PORTFOLIO_COLUMN_NAMES } from './portfolio-columns.ts';

const TEMPLATES = new URL('../../../data/templates/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, TEMPLATES)));
const indicators = [...INDICATORS, { id: 'neet-16-18-rate' }];

/** A CSV with the template header and the given rows, each a partial record of column → cell. */
function csv(rows: Record<string, string>[], header: readonly string[] = PORTFOLIO_COLUMN_NAMES): Uint8Array {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  const lines = [header.join(','), ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(','))];
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

const good = {
  name: 'Family Support Team',
  annual_cost: '£250,000.50',
  annual_cost_price_year: '2024-25',
  contract_end: '31/03/2026',
  cohort_age_min: '0',
  cohort_age_max: '2',
  cohort_need_levels: 'Specialist; statutory',
  participants_per_year: '60',
  indicator_1: 'care-proceedings-under-2',
  indicator_1_baseline: '40',
  indicator_1_baseline_year: '2021-22',
  indicator_1_latest: '30',
  indicator_1_latest_year: '2023-24',
};

/** Rewrites the uncompressed size an entry claims, in the central directory and its local header. */
function claimSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameAt = (at: number, length: number) => new TextDecoder().decode(out.subarray(at, at + length));
  for (let i = 0; i < out.length - 46; i += 1) {
    const signature = view.getUint32(i, true);
    if (signature === 0x02014b50 && nameAt(i + 46, view.getUint16(i + 28, true)) === entry)
      view.setUint32(i + 24, size, true);
    if (signature === 0x04034b50 && nameAt(i + 30, view.getUint16(i + 26, true)) === entry)
      view.setUint32(i + 22, size, true);
  }
  return out;
}

/** Where an entry's compressed data begins (after its local header). */
function dataOffset(zip: Uint8Array, entry: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset);
  for (let i = 0; i < zip.length - 30; i += 1) {
    if (view.getUint32(i, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(i + 26, true);
    if (new TextDecoder().decode(zip.subarray(i + 30, i + 30 + nameLength)) === entry) {
      return i + 30 + nameLength + view.getUint16(i + 28, true);
    }
  }
  throw new Error(`no entry ${entry}`);
}

describe('importPortfolio: templates', () => {
  it('the generated CSV and XLSX templates import with zero services and zero errors', async () => {
    expect(await importPortfolio(read('portfolio-template.csv'))).toEqual({ ok: true, services: [] });
    expect(await importPortfolio(read('portfolio-template.xlsx'))).toEqual({ ok: true, services: [] });
  });

  it('the committed templates are what the column definitions generate (no drift)', async () => {
    expect(new TextDecoder().decode(read('portfolio-template.csv'))).toBe(
      new TextDecoder().decode(buildPortfolioCsv()),
    );
    expect(new TextDecoder().decode(read('portfolio-example.csv'))).toBe(
      new TextDecoder().decode(buildPortfolioCsv(EXAMPLE_PORTFOLIO)),
    );
    expect(read('portfolio-template.xlsx')).toEqual(await buildPortfolioXlsx());
    expect(read('portfolio-example.xlsx')).toEqual(await buildPortfolioXlsx(EXAMPLE_PORTFOLIO));
  });

  it('the filled examples import, CSV and XLSX alike, and match the example data', async () => {
    const fromCsv = await importPortfolio(read('portfolio-example.csv'), { indicators });
    const fromXlsx = await importPortfolio(read('portfolio-example.xlsx'), { indicators });
    expect(fromCsv.ok && fromCsv.services.map((s) => s.name)).toEqual([
      'Family Support Team',
      'Youth Mentoring',
    ]);
    expect(fromXlsx).toEqual(fromCsv);
    expect(fromCsv.ok && fromCsv.services[1]?.annualCost).toEqual({ pence: 8_000_050, priceYear: '2024-25' });
    expect(fromCsv.ok && fromCsv.services[1]?.indicators[0]).toEqual({
      indicator: 'neet-16-18-rate',
      baseline: { value: 6.1, year: '2021' },
      latest: { value: 5.2, year: '2024' },
    });
  });
});

describe('importPortfolio: rows and columns', () => {
  it('reads a good row: money in pence, UK dates, need levels case-insensitive', async () => {
    const result = await importPortfolio(csv([good]), { indicators });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.services[0]).toMatchObject({
      annualCost: { pence: 25_000_050, priceYear: '2024-25' },
      contractEnd: '2026-03-31',
      cohort: { ageRange: { min: 0, max: 2 }, needLevels: ['specialist', 'statutory'] },
      indicators: [{ indicator: 'care-proceedings-under-2', baseline: { value: 40, year: '2021-22' } }],
    });
  });

  it('names the spreadsheet row (header = row 1) and column of every problem, and returns no services', async () => {
    const rows = [good, good, { ...good, annual_cost: 'about 250k', contract_end: '2026-02-30' }];
    const result = await importPortfolio(csv(rows), { indicators });
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          code: 'invalid-value',
          row: 4,
          column: 'annual_cost',
          message: expect.stringMatching(
            /^row 4, column "annual_cost": "about 250k" is not an amount of money/,
          ),
        }),
        expect.objectContaining({ row: 4, column: 'contract_end' }),
      ],
    });
  });

  it('counts blank rows when numbering, as a spreadsheet does', async () => {
    const result = await importPortfolio(csv([good, {}, { ...good, participants_per_year: '-3' }]), {
      indicators,
    });
    expect(!result.ok && result.errors.map((e) => [e.row, e.column])).toEqual([[4, 'participants_per_year']]);
  });

  it('requires a price year with a cost, and a year with an indicator value', async () => {
    const result = await importPortfolio(
      csv([{ ...good, annual_cost_price_year: '', indicator_1_latest_year: '' }]),
      { indicators },
    );
    expect(!result.ok && result.errors.map((e) => e.column)).toEqual([
      'annual_cost_price_year',
      'indicator_1_latest_year',
    ]);
  });

  it('refuses an unknown column header on row 1, suggesting the right one', async () => {
    const header = PORTFOLIO_COLUMN_NAMES.map((c) =>
      c === 'annual_cost' ? 'Annual-Cost' : c === 'provider' ? 'budget_holder' : c,
    );
    const result = await importPortfolio(csv([good], header));
    expect(!result.ok && result.errors.map((e) => [e.code, e.row, e.column])).toEqual([
      ['unknown-column', 1, 'budget_holder'],
      ['unknown-column', 1, 'Annual-Cost'],
    ]);
    expect(!result.ok && result.errors[1]?.message).toContain('did you mean "annual_cost"?');
  });

  it('refuses a missing required column and a duplicated one', async () => {
    const result = await importPortfolio(csv([good], ['provider', 'provider']));
    expect(!result.ok && result.errors.map((e) => e.code)).toEqual(['duplicate-column', 'missing-column']);
  });

  it('refuses an indicator that is not in the taxonomy', async () => {
    const result = await importPortfolio(csv([{ ...good, indicator_1: 'happiness-index' }]), { indicators });
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        code: 'unknown-indicator',
        row: 2,
        column: 'indicator_1',
        message: expect.stringContaining('"happiness-index" is not in the Costed indicator taxonomy'),
      }),
    ]);
  });

  it('treats formula-like cells as text: never evaluated, kept as typed; numbers must be numbers', async () => {
    const formula = '=HYPERLINK("http://evil.example","click")';
    const ok = await importPortfolio(csv([{ ...good, name: formula, provider: "'=SUM(A1:A2)" }]), {
      indicators,
    });
    expect(ok.ok && ok.services[0]?.name).toBe(formula);
    expect(ok.ok && ok.services[0]?.provider).toBe('=SUM(A1:A2)');
    const bad = await importPortfolio(csv([{ ...good, annual_cost: '=1000*250' }]), { indicators });
    expect(!bad.ok && bad.errors[0]?.column).toBe('annual_cost');
  });

  it('refuses more rows than the limit', async () => {
    const result = await importPortfolio(csv([good, good, good]), { indicators, limits: { maxRows: 2 } });
    expect(!result.ok && result.errors[0]?.code).toBe('too-many-rows');
  });

  it('round-trips services through its own CSV and XLSX writers', async () => {
    for (const bytes of [buildPortfolioCsv(EXAMPLE_PORTFOLIO), await buildPortfolioXlsx(EXAMPLE_PORTFOLIO)]) {
      const result = await importPortfolio(bytes, { indicators });
      expect(result.ok && result.services.map((s) => s.annualCost)).toEqual(
        EXAMPLE_PORTFOLIO.map((s) => s.annualCost),
      );
    }
  });
});

describe('importPortfolio: file defences', () => {
  it('refuses an oversized file before reading it', async () => {
    const result = await importPortfolio(csv([good]), { limits: { maxBytes: 100 } });
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({ code: 'file-too-large', row: null, column: null }),
    ]);
  });

  it('decides the type from magic bytes, not the extension', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj');
    const asCsv = await importPortfolio(pdf, { filename: 'portfolio.csv' });
    expect(!asCsv.ok && asCsv.errors[0]).toMatchObject({
      code: 'unsupported-file-type',
      message: expect.stringContaining('is a PDF'),
    });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const asXlsx = await importPortfolio(xls, { filename: 'portfolio.xlsx' });
    expect(!asXlsx.ok && asXlsx.errors[0]?.message).toContain('old-format Excel (.xls)');
    const binary = new Uint8Array([1, 2, 0, 3, 4]);
    expect(!(await importPortfolio(binary)).ok).toBe(true);
    // A real workbook named .csv is still read as a workbook.
    expect(await importPortfolio(read('portfolio-template.xlsx'), { filename: 'portfolio.csv' })).toEqual({
      ok: true,
      services: [],
    });
  });

  it('refuses a zip that is not a workbook, and text that is not UTF-8', async () => {
    const zip = zipSync({ 'notes.txt': new TextEncoder().encode('hello') });
    expect((await importPortfolio(zip)) as unknown).toMatchObject({
      ok: false,
      errors: [{ code: 'not-a-workbook' }],
    });
    const latin1 = new Uint8Array([...new TextEncoder().encode('name\nCaf'), 0xe9]);
    expect((await importPortfolio(latin1)) as unknown).toMatchObject({
      ok: false,
      errors: [{ code: 'not-utf8' }],
    });
  });

  it('refuses a zip bomb (an entry inflating 1000× or more) from the central directory, without inflating it', async () => {
    const template = unzipSync(read('portfolio-template.xlsx'));
    const bomb = zipSync(
      { ...template, 'xl/worksheets/sheet1.xml': new Uint8Array(32 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const result = await importPortfolio(bomb);
    expect(!result.ok && result.errors[0]).toMatchObject({
      code: 'zip-compression-ratio',
      message: expect.stringContaining('xl/worksheets/sheet1.xml'),
    });
    // The same bomb with its compressed data destroyed is refused the same way: nothing tried to inflate it.
    const wrecked = bomb.slice();
    const at = dataOffset(wrecked, 'xl/worksheets/sheet1.xml');
    wrecked.fill(0xff, at, at + 20_000);
    expect(() => unzipSync(wrecked)).toThrow();
    const again = await importPortfolio(wrecked);
    expect(!again.ok && again.errors[0]?.code).toBe('zip-compression-ratio');
  });

  it('refuses a zip whose entries claim a huge total size, without inflating', async () => {
    const template = unzipSync(read('portfolio-template.xlsx'));
    const claimed = claimSize(zipSync(template), 'xl/worksheets/sheet1.xml', 0xfff0_0000);
    const result = await importPortfolio(claimed);
    expect(!result.ok && result.errors[0]?.code).toBe('zip-too-large-uncompressed');
  });

  it('refuses a zip with too many entries', async () => {
    const template = unzipSync(read('portfolio-template.xlsx'));
    const many = { ...template };
    for (let i = 0; i < 250; i += 1) many[`xl/media/pad${i}.xml`] = new Uint8Array([60, 97, 47, 62]);
    const result = await importPortfolio(zipSync(many));
    expect(!result.ok && result.errors[0]?.code).toBe('zip-too-many-entries');
  });

  it('a zip that lies small about a huge entry fails as damaged: entries inflate only into the size they claim', async () => {
    const template = unzipSync(read('portfolio-template.xlsx'));
    const liar = claimSize(
      zipSync({ ...template, 'xl/worksheets/sheet1.xml': new Uint8Array(32 * 1024 * 1024) }, { level: 9 }),
      'xl/worksheets/sheet1.xml',
      1000,
    );
    const result = await importPortfolio(liar);
    expect(!result.ok && result.errors[0]?.code).toBe('invalid-xlsx');
  });
});
