import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, loadEvidence } from '../src/index.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const VALID = path.join(fixtures, 'valid', 'data');
const BROKEN = path.join(fixtures, 'broken', 'data');

describe('loadEvidence on a valid data directory', async () => {
  const { evidence, issues } = await loadEvidence(VALID);

  it('finds no issues', () => {
    expect(issues.map(formatIssue)).toEqual([]);
  });

  it('returns every table, parsed', () => {
    expect(evidence.caseStudies.map((c) => c.value.slug)).toEqual([
      'east-riding-early-help',
      'hackney-reclaim',
    ]);
    expect(evidence.councils.map((c) => c.gssCode)).toEqual(['E06000011', 'E09000012']);
    expect(evidence.deflators.map((d) => d.id).sort()).toEqual(['gdp-cy-test', 'gdp-fy-test']);
    expect(evidence.discountSchedules.map((d) => d.id)).toEqual(['standard']);
    expect(evidence.unitCosts.map((u) => u.id)).toEqual(['lac-fiscal-per-year']);
    expect(evidence.indicators.map((i) => i.id)).toEqual(['looked-after-rate']);
    expect(evidence.synonyms).toHaveLength(1);
    expect(evidence.optimismBias[0]).toMatchObject({ category: 'Standard buildings', costUpperPercent: 24 });
  });

  it('locates each case study by repository-relative file and line', () => {
    expect(evidence.caseStudies[0]).toMatchObject({
      file: 'data/case-studies/east-riding-early-help.yaml',
      line: 2,
    });
  });

  it('applies schema defaults', () => {
    const hackney = evidence.caseStudies[1]!.value;
    expect(hackney.savings).toEqual([]);
    expect(hackney.licence).toBe('CC-BY-4.0');
    expect(hackney.status).toBe('published');
    expect(hackney.version).toBe(1);
    expect(hackney.sources[0]?.kind).toBe('evaluation');
    expect(evidence.caseStudies[0]!.value.intervention.branded).toBe(false);
  });
});

describe('loadEvidence on a broken data directory', async () => {
  const { evidence, issues } = await loadEvidence(BROKEN);

  it('reports every problem in every file at its line, sorted by file then line', () => {
    expect(issues.map(formatIssue)).toEqual([
      'data/case-studies/alpha.yaml:6: councils.1: Council "E06000999" is not in data/reference/councils.yaml: check the GSS code, or add the council there',
      'data/case-studies/alpha.yaml:7: intervention.name: Required key "name" is missing (expected string)',
      'data/case-studies/alpha.yaml:15: cohort.agerange: Unknown key "agerange": check its spelling or remove it',
      'data/case-studies/alpha.yaml:19: costs.0.money.priceYear: "2012-14" is not a financial year: the second part must be the year after the first (did you mean "2012-13"?)',
      'data/case-studies/alpha.yaml:25: savings.0.money.priceYear: Price year "2019" is not in the calendar-year deflator series (it covers 2011 to 2013): check the year, or add it to the series',
      'data/case-studies/alpha.yaml:29: savings.0.citation.source: Source "mj-2015" is not listed in sources (known: mj-2014)',
      'data/case-studies/alpha.yaml:31: outcomes.0.indicator: Indicator "repeat-referrals" is not in data/reference/indicators.yaml: use an id from the taxonomy, or add one there',
      'data/case-studies/beta.yaml:5: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'data/case-studies/delta.yaml:1: The schema comment points at "../schemas/case-study.list.schema.json": write "# yaml-language-server: $schema=../schemas/case-study.schema.json"',
      'data/case-studies/delta.yaml:2: slug: Duplicate slug "alpha" (first at data/case-studies/alpha.yaml:2): each must be unique',
      'data/case-studies/delta.yaml:2: slug: The slug "alpha" must equal the file name "delta": rename one',
      'data/case-studies/delta.yaml:40: outcomes.0.unit: unit is "percent" but indicator "looked-after-rate" has unit "rate-per-10000" in data/reference/indicators.yaml',
      'data/case-studies/delta.yaml:41: outcomes.0.betterDirection: betterDirection is "higher" but indicator "looked-after-rate" has betterDirection "lower" in data/reference/indicators.yaml',
      'data/case-studies/gamma.yaml:4: Duplicate key "title": a key may appear only once in a mapping, so keep one',
      'data/reference/indicators.yaml:13: 1.unitCostIds.0: Unit cost "youth-custody-per-year" is not in data/reference/unit-costs.yaml: check the id, or add the unit cost there',
      'data/reference/indicators.yaml:14: 2.id: Duplicate id "looked-after-rate" (first at line 2): each must be unique',
    ]);
  });

  it('gives each kind of problem its stable code', () => {
    expect(issues.map((i) => i.code)).toEqual([
      'unknown-council',
      'missing-key',
      'unknown-key',
      'schema',
      'unknown-price-year',
      'unknown-source',
      'unknown-indicator',
      'yaml-syntax',
      'schema-comment',
      'duplicate-slug',
      'slug-mismatch',
      'indicator-mismatch',
      'indicator-mismatch',
      'duplicate-key',
      'unknown-unit-cost',
      'duplicate-id',
    ]);
  });

  it('leaves files with issues out of the evidence, and keeps the clean ones', () => {
    expect(evidence.caseStudies).toEqual([]);
    expect(evidence.indicators).toEqual([]);
    expect(evidence.councils).toHaveLength(2);
    expect(evidence.unitCosts).toHaveLength(1);
  });
});

describe('loadEvidence on edited copies of the valid directory', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const edit = async (file: string, change: (text: string) => string) => {
    const root = await mkdtemp(path.join(tmpdir(), 'costed-evidence-'));
    dirs.push(root);
    const data = path.join(root, 'data');
    await cp(VALID, data, { recursive: true });
    const target = path.join(data, file);
    await writeFile(target, change(await readFile(target, 'utf8')));
    return loadEvidence(data);
  };

  it('checks unit-cost price years against the deflator series', async () => {
    const { issues } = await edit('reference/unit-costs.yaml', (t) =>
      t.replace('priceYear: 2012-13', 'priceYear: 2001-02'),
    );
    expect(issues.map(formatIssue)).toEqual([
      'data/reference/unit-costs.yaml:5: 0.money.priceYear: Price year "2001-02" is not in the financial-year deflator series (it covers 2010-11 to 2013-14): check the year, or add it to the series',
    ]);
  });

  it('tells an author to quote a year YAML read as a number', async () => {
    const { issues } = await edit('case-studies/hackney-reclaim.yaml', (t) =>
      t.replace('date: "2010"', 'date: 2010'),
    );
    expect(issues.map(formatIssue)).toEqual([
      'data/case-studies/hackney-reclaim.yaml:36: sources.0.date: Expected text but found the number 2010: put it in quotes ("2010")',
    ]);
  });

  it('reports a "not reported" cost by the union option it is closest to', async () => {
    const { issues } = await edit('case-studies/hackney-reclaim.yaml', (t) =>
      t.replace('{ notReported: true, reason: No cost is given in the source. }', '{ notReported: true }'),
    );
    expect(issues.map(formatIssue)).toEqual([
      'data/case-studies/hackney-reclaim.yaml:20: costs.0.money.reason: Required key "reason" is missing (expected string)',
    ]);
  });

  it('reports an empty case-study file at its first line', async () => {
    const { issues } = await edit('case-studies/hackney-reclaim.yaml', (t) => t.split('\n')[0]!);
    expect(issues.map((i) => [i.file, i.line, i.path, i.code])).toEqual([
      ['data/case-studies/hackney-reclaim.yaml', 1, '', 'schema'],
    ]);
  });

  it('refuses a reference file that is not a sequence', async () => {
    const { issues } = await edit('reference/synonyms.yaml', (t) => t.replace('- terms:', 'terms:'));
    expect(issues.map((i) => [i.file, i.line, i.code])).toEqual([
      ['data/reference/synonyms.yaml', 2, 'not-a-list'],
    ]);
  });

  it('reports a missing reference file once and skips the checks that need it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'costed-evidence-'));
    dirs.push(root);
    await cp(VALID, path.join(root, 'data'), { recursive: true });
    await rm(path.join(root, 'data', 'reference', 'councils.yaml'));
    const { issues, evidence } = await loadEvidence(path.join(root, 'data'));
    expect(issues.map((i) => [i.file, i.code])).toEqual([['data/reference/councils.yaml', 'missing-file']]);
    expect(evidence.caseStudies).toHaveLength(2);
  });

  it('requires the schema comment on the first line', async () => {
    const { issues } = await edit('reference/councils.yaml', (t) => t.split('\n').slice(1).join('\n'));
    expect(issues.map(formatIssue)).toEqual([
      'data/reference/councils.yaml:1: The first line must be "# yaml-language-server: $schema=../schemas/council.list.schema.json" so that editors validate the file',
    ]);
  });
});
