import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeCaseStudy } from '../test/case-study-fixture.ts';
import { checkDataPackage } from '../test/check-data-package.ts';
import { caseStudyTables, tableList } from './case-study-tables.ts';
import { csvFileName, dataPackage } from './data-package.ts';
import { writeCsv } from './write-csv.ts';

const meta = {
  name: 'costed-case-studies',
  title: 'Costed case studies',
  created: '2025-06-01T09:30:00Z',
  sources: [{ title: 'Costed', path: 'https://costed.example' }],
};
const tables = tableList(caseStudyTables([makeCaseStudy()]));

describe('dataPackage', () => {
  it('passes the Data Package rules checker', () => {
    expect(checkDataPackage(dataPackage(tables, meta))).toEqual([]);
  });

  it('catches a broken descriptor (the checker can fail)', () => {
    const broken = structuredClone(dataPackage(tables, meta)) as unknown as {
      name: string;
      resources: { path: string; schema: { primaryKey?: string[]; fields: { type: string }[] } }[];
    };
    broken.name = 'Not Valid';
    const [first, second] = broken.resources;
    if (!first || !second) throw new Error('expected resources');
    first.path = '../escape.csv';
    second.schema.primaryKey = ['nope'];
    (second.schema.fields[0] as { type: string }).type = 'money';
    expect(checkDataPackage(broken)).toHaveLength(4);
  });

  it('licenses the data CC-BY-4.0 and carries title, sources and the caller’s creation time', () => {
    const pkg = dataPackage(tables, meta);
    expect(pkg.licenses).toEqual([
      {
        name: 'CC-BY-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'Creative Commons Attribution 4.0',
      },
    ]);
    expect(pkg).toMatchObject({
      name: 'costed-case-studies',
      title: 'Costed case studies',
      created: '2025-06-01T09:30:00Z',
    });
    expect(pkg.sources).toEqual(meta.sources);
  });

  it('describes each table as a CSV resource at a kebab-case path', () => {
    const pkg = dataPackage(tables, meta);
    expect(pkg.resources.map((r) => [r.name, r.path])).toEqual([
      ['case_studies', 'case-studies.csv'],
      ['costs', 'costs.csv'],
      ['savings', 'savings.csv'],
      ['outcomes', 'outcomes.csv'],
      ['sources', 'sources.csv'],
    ]);
    for (const r of pkg.resources)
      expect(r).toMatchObject({ format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' });
  });

  it('has fields that match the CSV headers exactly, in order, with types and descriptions', () => {
    const pkg = dataPackage(tables, meta);
    for (const table of tables) {
      const resource = pkg.resources.find((r) => r.path === csvFileName(table.name));
      const [header] = parse(writeCsv(table)) as string[][];
      expect(resource?.schema.fields.map((f) => f.name)).toEqual(header);
      for (const field of resource?.schema.fields ?? []) {
        expect(['string', 'integer', 'number', 'boolean']).toContain(field.type);
        expect(field.description.length).toBeGreaterThan(5);
      }
    }
    const costs = pkg.resources.find((r) => r.name === 'costs');
    expect(costs?.schema.fields.find((f) => f.name === 'amount_pence')?.type).toBe('integer');
  });

  it('declares primary keys and foreign keys to case_studies.slug', () => {
    const pkg = dataPackage(tables, meta);
    const byName = new Map(pkg.resources.map((r) => [r.name, r]));
    expect(byName.get('case_studies')?.schema.primaryKey).toEqual(['slug']);
    expect(byName.get('costs')?.schema.primaryKey).toEqual(['slug', 'line']);
    expect(byName.get('costs')?.schema.foreignKeys).toEqual([
      { fields: ['slug'], reference: { resource: 'case_studies', fields: ['slug'] } },
    ]);
  });

  it('treats only the empty cell as missing, so "not reported" is never read as zero', () => {
    for (const r of dataPackage(tables, meta).resources) expect(r.schema.missingValues).toEqual(['']);
  });

  it('refuses a name outside the spec’s pattern with a stable code', () => {
    expect(() => dataPackage(tables, { ...meta, name: 'Costed Data' })).toThrow(
      expect.objectContaining({ code: 'invalid-package-name' }),
    );
  });
});
