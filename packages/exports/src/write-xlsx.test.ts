import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { makeCaseStudy } from '../test/case-study-fixture.ts';
import { caseStudyTables, tableList } from './case-study-tables.ts';
import { ExportError } from './export-error.ts';
import type { Column } from './table.ts';
import { writeXlsx } from './write-xlsx.ts';

const meta = {
  title: 'Costed open data',
  licence: 'CC-BY-4.0',
  generatedAt: '2025-06-01T09:30:00.000Z',
  priceYear: '2024-25',
  methodStamp: { methodVersion: '1.0.0', deflatorRelease: 'June 2025' },
};

const columns: Column[] = [
  { name: 'label', type: 'string', description: 'Some text.' },
  { name: 'amount', type: 'integer', description: 'A number.' },
  { name: 'flag', type: 'boolean', description: 'A flag.' },
];
const hostileRows = [
  { label: '=SUM(A1)', amount: -2, flag: true },
  { label: '+1', amount: null, flag: false },
  { label: '-2', amount: 0, flag: null },
  { label: '@cmd', amount: 7, flag: true },
  { label: '=HYPERLINK("http://evil","x")', amount: 1, flag: false },
];

function worksheetXml(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  return Object.entries(files)
    .filter(([name]) => name.startsWith('xl/worksheets/') && name.endsWith('.xml'))
    .map(([, content]) => strFromU8(content));
}

describe('writeXlsx', () => {
  it('writes a README sheet then one sheet per table, in order', async () => {
    const bytes = await writeXlsx(tableList(caseStudyTables([makeCaseStudy()])), meta);
    const sheets = await readXlsxFile(Buffer.from(bytes));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'README',
      'case_studies',
      'costs',
      'savings',
      'outcomes',
      'sources',
    ]);
  });

  it('round-trips cells: text stays text (even "=SUM(A1)"), numbers stay numbers, empty stays empty', async () => {
    const bytes = await writeXlsx([{ name: 'data', columns, rows: hostileRows }], meta);
    const [, data] = await readXlsxFile(Buffer.from(bytes));
    expect(data?.data).toEqual([
      ['label', 'amount', 'flag'],
      ['=SUM(A1)', -2, true],
      ['+1', null, false],
      ['-2', 0, null],
      ['@cmd', 7, true],
      ['=HYPERLINK("http://evil","x")', 1, false],
    ]);
  });

  it('never writes a formula: no <f> element and no inline formula in any worksheet', async () => {
    const bytes = await writeXlsx([{ name: 'data', columns, rows: hostileRows }], meta);
    const sheets = worksheetXml(bytes);
    expect(sheets.length).toBe(2);
    for (const xml of sheets) {
      expect(xml).not.toMatch(/<f[\s>]/);
      expect(xml).not.toContain('=SUM');
    }
  });

  it('writes "not reported" costs as empty amount cells with the reason beside them', async () => {
    const tables = caseStudyTables([makeCaseStudy()]);
    const bytes = await writeXlsx([tables.costs], meta);
    const [, costs] = await readXlsxFile(Buffer.from(bytes));
    const [header, , notReported] = costs?.data ?? [];
    const cell = (name: string) => notReported?.[header?.indexOf(name) ?? -1];
    expect(cell('amount_pence')).toBeNull();
    expect(cell('amount_gbp')).toBeNull();
    expect(cell('not_reported_reason')).toBe('The article gives no running cost.');
  });

  it('puts the title, licence, caller’s time, price year, method and column descriptions in README', async () => {
    const bytes = await writeXlsx([{ name: 'data', columns, rows: [] }], meta);
    const [readme] = await readXlsxFile(Buffer.from(bytes));
    const rows = readme?.data ?? [];
    const lookup = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(rows[0]?.[0]).toBe('Costed open data');
    expect(lookup('Licence')).toBe('CC-BY-4.0');
    expect(lookup('Generated at')).toBe('2025-06-01T09:30:00.000Z');
    expect(lookup('Price year')).toBe('2024-25');
    expect(lookup('Method')).toBe('methodVersion: 1.0.0; deflatorRelease: June 2025');
    expect(rows).toContainEqual(['data', 'amount', 'integer', 'A number.']);
  });

  it('is deterministic for the same input and time', async () => {
    const a = await writeXlsx([{ name: 'data', columns, rows: hostileRows }], meta);
    const b = await writeXlsx([{ name: 'data', columns, rows: hostileRows }], meta);
    expect(worksheetXml(a)).toEqual(worksheetXml(b));
  });

  it('refuses sheet names Excel would reject, with a stable code', async () => {
    await expect(writeXlsx([{ name: 'a/b', columns, rows: [] }], meta)).rejects.toMatchObject({
      code: 'invalid-sheet-name',
    });
    await expect(writeXlsx([{ name: 'x'.repeat(32), columns, rows: [] }], meta)).rejects.toBeInstanceOf(
      ExportError,
    );
    await expect(writeXlsx([{ name: 'readme', columns, rows: [] }], meta)).rejects.toMatchObject({
      code: 'duplicate-sheet-name',
    });
  });

  it('truncates a cell longer than Excel allows, and says so in the cell', async () => {
    const long = 'a'.repeat(40_000);
    const bytes = await writeXlsx(
      [{ name: 'data', columns, rows: [{ label: long, amount: 1, flag: true }] }],
      meta,
    );
    const [, data] = await readXlsxFile(Buffer.from(bytes));
    const cell = data?.data[1]?.[0];
    expect(typeof cell).toBe('string');
    expect((cell as string).length).toBe(32_767);
    expect(cell as string).toMatch(/truncated/);
  });
});
