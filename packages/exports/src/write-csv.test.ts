import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Column, TableData } from './table.ts';
import { streamCsv, writeCsv } from './write-csv.ts';

const columns: Column[] = [
  { name: 'label', type: 'string', description: 'text' },
  { name: 'amount', type: 'integer', description: 'a number' },
];

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('writeCsv', () => {
  it('escapes formula-like text but not numbers in numeric columns', () => {
    const table: TableData = {
      columns,
      rows: [
        { label: '=SUM(A1)', amount: -2 },
        { label: '+1', amount: 1 },
        { label: '-2', amount: null },
        { label: '@cmd', amount: 0 },
        { label: '\t=1', amount: 3 },
      ],
    };
    const records = parse(writeCsv(table), { relax_column_count: false }) as string[][];
    expect(records).toEqual([
      ['label', 'amount'],
      ["'=SUM(A1)", '-2'],
      ["'+1", '1'],
      ["'-2", ''],
      ["'@cmd", '0'],
      ["'\t=1", '3'],
    ]);
  });

  it('round-trips quotes, commas, newlines and non-ASCII through a CSV parser', () => {
    const hostile = [
      'He said "hello", then left',
      'line one\nline two',
      'carriage\r\nreturn',
      'lone\rcr',
      '£1,234 – naïve “quotes”',
      '',
    ];
    const csv = writeCsv({ columns, rows: hostile.map((label, i) => ({ label, amount: i })) });
    const records = parse(csv) as string[][];
    expect(records.slice(1).map((r) => r[0])).toEqual(hostile);
    expect(records.slice(1).map((r) => r[1])).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('ends records with CRLF by default and LF when asked', () => {
    expect(writeCsv({ columns, rows: [{ label: 'a', amount: 1 }] })).toBe('label,amount\r\na,1\r\n');
    expect(writeCsv({ columns, rows: [{ label: 'a', amount: 1 }] }, { lineEnding: '\n' })).toBe(
      'label,amount\na,1\n',
    );
  });

  it('adds a UTF-8 BOM only when asked', () => {
    expect(writeCsv({ columns, rows: [] }, { bom: true }).startsWith('\uFEFFlabel')).toBe(true);
    expect(writeCsv({ columns, rows: [] }).startsWith('label')).toBe(true);
  });

  it('writes columns in column order and ignores keys that are not columns', () => {
    const csv = writeCsv({ columns, rows: [{ amount: 5, secret: 'x', label: 'b' }] });
    expect(csv).toBe('label,amount\r\nb,5\r\n');
  });
});

describe('streamCsv', () => {
  const rows = Array.from({ length: 600 }, (_, i) => ({
    label: i % 7 === 0 ? `=row ${i}` : `row, ${i}`,
    amount: -i,
  }));

  it('yields chunks that concatenate to exactly writeCsv', async () => {
    const chunks = await collect(streamCsv({ columns, rows }, { bom: true }));
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('')).toBe(writeCsv({ columns, rows }, { bom: true }));
  });

  it('accepts an async iterable of rows', async () => {
    async function* cursor() {
      for (const row of rows) yield row;
    }
    const csv = (await collect(streamCsv({ columns, rows: cursor() }))).join('');
    expect(csv).toBe(writeCsv({ columns, rows }));
  });

  it('yields only the header for no rows', async () => {
    expect(await collect(streamCsv({ columns, rows: [] }))).toEqual(['label,amount\r\n']);
  });
});
