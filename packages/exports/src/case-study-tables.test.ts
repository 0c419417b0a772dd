import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EAST_RIDING, makeCaseStudy } from '../test/case-study-fixture.ts';
import { caseStudyTables, tableList } from './case-study-tables.ts';
import { writeCsv } from './write-csv.ts';

const councils = new Map([[EAST_RIDING.gssCode, EAST_RIDING]]);

describe('caseStudyTables', () => {
  it('keeps table and column names stable (they are a contract with analysts)', () => {
    const tables = caseStudyTables([makeCaseStudy()]);
    expect(tableList(tables).map((t) => t.name)).toEqual([
      'case_studies',
      'costs',
      'savings',
      'outcomes',
      'sources',
    ]);
    expect(tables.costs.columns.map((c) => c.name)).toEqual([
      'slug',
      'line',
      'label',
      'amount_pence',
      'amount_gbp',
      'price_year',
      'not_reported_reason',
      'kind',
      'basis',
      'years',
      'funder',
      'is_reduction',
      'converted_pence',
      'converted_gbp',
      'converted_price_year',
      'deflator_release',
      'source_id',
      'source_title',
      'quote',
      'locator',
    ]);
  });

  it('gives every column a snake_case name and a description, and rows no keys outside the columns', () => {
    const tables = caseStudyTables([makeCaseStudy()], { councils, siteUrl: 'https://costed.example' });
    for (const table of tableList(tables)) {
      const names = new Set(table.columns.map((c) => c.name));
      expect(names.size).toBe(table.columns.length);
      for (const c of table.columns) {
        expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(c.description.length).toBeGreaterThan(5);
      }
      for (const row of table.rows) {
        for (const key of Object.keys(row)) expect(names, `${table.name}.${key}`).toContain(key);
      }
    }
  });

  it('flattens a case study into one row with councils, labels and URL', () => {
    const [row] = caseStudyTables([makeCaseStudy()], { councils, siteUrl: 'https://costed.example/' })
      .case_studies.rows;
    expect(row).toMatchObject({
      slug: 'east-riding-early-help',
      council_codes: ['E06000011'],
      council_names: ['East Riding of Yorkshire'],
      policy_strand: 'contact-and-referrals',
      policy_strand_label: 'Contact and referrals',
      service_areas: ['early-help', 'family-support'],
      age_min: 0,
      age_max: 18,
      period_end: '2014-03',
      evidence_level: 1,
      evidence_result: 'not-evaluated',
      licence: 'CC-BY-4.0',
      status: 'published',
      version: 1,
      url: 'https://costed.example/case-studies/east-riding-early-help',
    });
  });

  it('writes a reported cost as pence, pounds and price year, with its source', () => {
    const [reported] = caseStudyTables([makeCaseStudy()]).costs.rows;
    expect(reported).toMatchObject({
      line: 1,
      amount_pence: 12_345_678,
      amount_gbp: 123_456.78,
      price_year: '2012-13',
      not_reported_reason: null,
      source_id: 'lgc-2014',
      source_title: 'Early help hub cuts referrals',
      quote: 'The hub cost £123,456.78 to set up.',
      locator: 'p. 2',
    });
  });

  it('exports "not reported" as empty amounts plus the reason, never 0', () => {
    const tables = caseStudyTables([makeCaseStudy()]);
    const notReported = tables.costs.rows[1];
    expect(notReported?.amount_pence).toBeNull();
    expect(notReported?.amount_gbp).toBeNull();
    expect(notReported?.not_reported_reason).toBe('The article gives no running cost.');

    const [header, , second] = parse(writeCsv(tables.costs)) as string[][];
    const cell = (name: string) => second?.[header?.indexOf(name) ?? -1];
    expect(cell('amount_pence')).toBe('');
    expect(cell('amount_gbp')).toBe('');
    expect(cell('price_year')).toBe('');
    expect(cell('converted_pence')).toBe('');
    expect(cell('not_reported_reason')).toBe('The article gives no running cost.');
  });

  it('adds converted amounts and the deflator release only where the caller converted', () => {
    const converted = {
      priceYear: '2024-25',
      deflatorRelease: 'HMT GDP deflators, June 2025',
      convert: (m: { pence: number; priceYear: string }) => ({
        pence: Math.round(m.pence * 1.5),
        priceYear: '2024-25',
      }),
    };
    const tables = caseStudyTables([makeCaseStudy()], { converted });
    expect(tables.costs.rows[0]).toMatchObject({
      converted_pence: 18_518_517,
      converted_gbp: 185_185.17,
      converted_price_year: '2024-25',
      deflator_release: 'HMT GDP deflators, June 2025',
    });
    expect(tables.costs.rows[1]?.converted_pence).toBeUndefined();
    expect(tables.savings.rows[0]?.converted_pence).toBe(75_000_000);
    expect(caseStudyTables([makeCaseStudy()]).costs.rows[0]?.converted_pence).toBeUndefined();
  });

  it('computes the change and whether it went the better way, and leaves both empty without a baseline', () => {
    const [withBaseline, withoutBaseline] = caseStudyTables([makeCaseStudy()]).outcomes.rows;
    expect(withBaseline).toMatchObject({ change: -72.3, change_direction: 'better', comparator_value: 573 });
    expect(withoutBaseline).toMatchObject({ baseline_value: null, change: null, change_direction: null });
  });

  it('keys child rows by slug and line, and every child slug exists in case_studies', () => {
    const a = makeCaseStudy();
    const b = makeCaseStudy({ slug: 'second-case-study', savings: [], outcomes: [] });
    const tables = caseStudyTables([a, b]);
    const slugs = new Set(tables.case_studies.rows.map((r) => r.slug));
    expect(slugs).toEqual(new Set(['east-riding-early-help', 'second-case-study']));
    expect(tables.costs.rows.map((r) => [r.slug, r.line])).toEqual([
      ['east-riding-early-help', 1],
      ['east-riding-early-help', 2],
      ['second-case-study', 1],
      ['second-case-study', 2],
    ]);
    for (const table of [tables.costs, tables.savings, tables.outcomes, tables.sources]) {
      for (const row of table.rows) expect(slugs).toContain(row.slug);
    }
  });

  it('leaves a council name empty when the code is not in the map, rather than guessing', () => {
    const [row] = caseStudyTables([makeCaseStudy({ councils: ['E06000011', 'E09000001'] })], { councils })
      .case_studies.rows;
    expect(row?.council_names).toEqual(['East Riding of Yorkshire', '']);
  });
});
