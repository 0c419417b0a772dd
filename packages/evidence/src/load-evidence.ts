import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  CaseStudy,
  Council,
  DeflatorSeries,
  DiscountSchedule,
  OutcomeIndicator,
  SynonymGroup,
  UnitCost,
} from '@costed/schema';
import { checkCrossReferences, list, record, type SourceFile } from './check-cross-references.ts';
import {
  CASE_STUDIES_DIR,
  DEFLATORS_DIR,
  EVIDENCE_SCHEMAS,
  type EvidenceSchemaName,
  REFERENCE_FILES,
  type ReferenceFile,
  SCHEMAS_DIR,
  schemaFileName,
} from './data-layout.ts';
import { issuesFromZod } from './issues-from-zod.ts';
import type { OptimismBiasRow } from './optimism-bias-row.ts';
import { parseYamlWithPositions } from './parse-yaml-with-positions.ts';
import { compareIssues, formatPath, type ValidationIssue } from './validation-issue.ts';

/** A value with the file it came from (relative to the repository root, posix separators) and its line. */
export interface Located<T> {
  value: T;
  file: string;
  line: number;
}

export interface Evidence {
  caseStudies: Located<CaseStudy>[];
  councils: Council[];
  deflators: DeflatorSeries[];
  discountSchedules: DiscountSchedule[];
  unitCosts: UnitCost[];
  indicators: OutcomeIndicator[];
  synonyms: SynonymGroup[];
  optimismBias: OptimismBiasRow[];
}

export interface LoadResult {
  evidence: Evidence;
  /** Every issue in every file, sorted by file then line. Empty means data/ is valid. */
  issues: ValidationIssue[];
}

/** A loaded file: its source (absent when unreadable or not valid YAML) and, per item, the parsed output. */
interface LoadedFile<T> {
  source?: SourceFile;
  /** Schema outputs (defaults applied) of the items that passed, by index. */
  items: { index: number; data: T }[];
}

/**
 * Loads every file of the evidence base in `dataDir` (the layout in data/README.md), validates each against
 * its zod schema and the cross-references between them, and returns the parsed values with every issue.
 * It never stops at the first problem. A file with any issue is left out of `evidence`; its issues are
 * still reported, and the items it did parse still serve as references for the other files' checks.
 */
export async function loadEvidence(dataDir: string): Promise<LoadResult> {
  const root = path.dirname(path.resolve(dataDir));
  const issues: ValidationIssue[] = [];
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');

  const load = async <T>(
    abs: string,
    schema: EvidenceSchemaName,
    isList: boolean,
  ): Promise<LoadedFile<T>> => {
    const file = rel(abs);
    let text: string;
    try {
      text = await readFile(abs, 'utf8');
    } catch (error) {
      issues.push(fileIssue(file, 'missing-file', `Cannot read the file (${errorCode(error)}): create it`));
      return { items: [] };
    }
    const parsed = parseYamlWithPositions(text, file);
    issues.push(...parsed.issues);
    const expected = path.posix.join(
      path.relative(path.dirname(abs), path.join(dataDir, SCHEMAS_DIR)).split(path.sep).join('/'),
      schemaFileName(schema, isList),
    );
    const comment = checkSchemaComment(text, expected);
    if (comment) issues.push({ ...fileIssue(file, 'schema-comment', comment) });
    if (parsed.issues.length > 0) return { items: [] };

    const source: SourceFile = { file, parsed, value: parsed.value };
    const zodSchema = EVIDENCE_SCHEMAS[schema];
    const items: { index: number; data: T }[] = [];
    const check = (value: unknown, prefix: (string | number)[], index: number) => {
      const result = zodSchema.safeParse(value);
      if (result.success) items.push({ index, data: result.data as T });
      else issues.push(...issuesFromZod(result.error.issues, parsed, parsed.value, file, prefix));
    };
    if (!isList) check(parsed.value, [], 0);
    else if (!Array.isArray(parsed.value)) {
      const loc = parsed.locate([]);
      issues.push({
        file,
        line: loc.line,
        column: loc.column,
        path: '',
        message: `Expected a YAML sequence of ${schema} entries (each item starting with "- ")`,
        code: 'not-a-list',
      });
    } else {
      for (const [i, item] of parsed.value.entries()) check(item, [i], i);
    }
    return { source, items };
  };

  const listYaml = async (dir: string): Promise<string[]> => {
    const abs = path.join(dataDir, dir);
    let names: string[];
    try {
      names = await readdir(abs);
    } catch (error) {
      issues.push(
        fileIssue(rel(abs), 'missing-file', `Cannot read the directory (${errorCode(error)}): create it`),
      );
      return [];
    }
    for (const name of names.filter((n) => n.endsWith('.yml'))) {
      issues.push(fileIssue(rel(path.join(abs, name)), 'file-name', 'Name the file with .yaml, not .yml'));
    }
    return names
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .map((n) => path.join(abs, n));
  };

  const caseStudyFiles = await listYaml(CASE_STUDIES_DIR);
  const deflatorFiles = await listYaml(DEFLATORS_DIR);
  const [caseStudies, deflators, references] = await Promise.all([
    mapLimit(caseStudyFiles, (f) => load<CaseStudy>(f, 'case-study', false)),
    mapLimit(deflatorFiles, (f) => load<DeflatorSeries>(f, 'deflator-series', false)),
    Promise.all(REFERENCE_FILES.map((r) => load<unknown>(path.join(dataDir, r.path), r.schema, true))),
  ]);
  const ref = <T>(key: ReferenceFile['key']) =>
    references[REFERENCE_FILES.findIndex((r) => r.key === key)] as LoadedFile<T>;
  const councils = ref<Council>('councils');
  const unitCosts = ref<UnitCost>('unitCosts');
  const indicators = ref<OutcomeIndicator>('indicators');

  // Identity checks: file names, and ids that other files refer to.
  caseStudies.forEach((cs, i) => {
    const slug = record(cs.source?.value)?.slug;
    const expected = path.basename(caseStudyFiles[i]!, '.yaml');
    if (cs.source && typeof slug === 'string' && slug !== expected) {
      issues.push(
        at(
          cs.source,
          ['slug'],
          'slug-mismatch',
          `The slug "${slug}" must equal the file name "${expected}": rename one`,
        ),
      );
    }
  });
  issues.push(
    ...duplicates(
      caseStudies.map((cs) => ({ source: cs.source, path: ['slug'] })),
      'duplicate-slug',
      'slug',
    ),
    ...duplicates(
      deflators.map((d) => ({ source: d.source, path: ['id'] })),
      'duplicate-id',
      'deflator series id',
    ),
  );
  deflators.forEach((d, i) => {
    const id = record(d.source?.value)?.id;
    const expected = path.basename(deflatorFiles[i]!, '.yaml');
    if (d.source && typeof id === 'string' && id !== expected) {
      issues.push(
        at(
          d.source,
          ['id'],
          'id-mismatch',
          `The series id "${id}" must equal the file name "${expected}": rename one`,
        ),
      );
    }
  });
  for (const [key, field] of [
    ['councils', 'gssCode'],
    ['discountSchedules', 'id'],
    ['unitCosts', 'id'],
    ['indicators', 'id'],
  ] as const) {
    const source = ref<unknown>(key).source;
    if (!source) continue;
    const entries = list(source.value).map((_, i) => ({ source, path: [i, field] }));
    issues.push(...duplicates(entries, 'duplicate-id', field));
  }

  const itemsOf = <T>(file: LoadedFile<T>) => (file.source ? file.items.map((i) => i.data) : undefined);
  const deflatorsLoaded = deflators.filter((d) => d.source);
  issues.push(
    ...checkCrossReferences({
      caseStudies: caseStudies.flatMap((cs) => (cs.source ? [cs.source] : [])),
      unitCostFile: unitCosts.source,
      indicatorFile: indicators.source,
      tables: {
        councils: itemsOf(councils),
        deflators:
          deflatorsLoaded.length > 0 ? deflatorsLoaded.flatMap((d) => d.items.map((i) => i.data)) : undefined,
        indicators: itemsOf(indicators),
        unitCosts: itemsOf(unitCosts),
      },
    }),
  );

  const unique = dropRepeats(issues).sort(compareIssues);
  const withIssues = new Set(unique.map((i) => i.file));
  const clean = <T>(file: LoadedFile<T>) => Boolean(file.source && !withIssues.has(file.source.file));
  const all = <T>(files: LoadedFile<T>[]) => files.filter(clean).flatMap((f) => f.items.map((i) => i.data));
  const evidence: Evidence = {
    caseStudies: caseStudies.filter(clean).map((cs) => ({
      value: cs.items[0]!.data,
      file: cs.source!.file,
      line: cs.source!.parsed.locate([]).line,
    })),
    councils: all([councils]),
    deflators: all(deflators),
    discountSchedules: all([ref<DiscountSchedule>('discountSchedules')]),
    unitCosts: all([unitCosts]),
    indicators: all([indicators]),
    synonyms: all([ref<SynonymGroup>('synonyms')]),
    optimismBias: all([ref<OptimismBiasRow>('optimismBias')]),
  };
  return { evidence, issues: unique };
}

/**
 * Some problems are found twice (the schema's citation check and the cross-reference one): keep one per
 * place and message, preferring the more specific code over the generic `schema`.
 */
function dropRepeats(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const kept = new Map<string, ValidationIssue>();
  for (const issue of issues) {
    const key = JSON.stringify([issue.file, issue.line, issue.path, issue.message]);
    const previous = kept.get(key);
    if (!previous || previous.code === 'schema') kept.set(key, issue);
  }
  return [...kept.values()];
}

interface Occurrence {
  source: SourceFile | undefined;
  path: readonly PropertyKey[];
}

/** Reports every occurrence of a value after its first, naming where the first one is. */
function duplicates(occurrences: readonly Occurrence[], code: string, what: string): ValidationIssue[] {
  const first = new Map<string, ValidationIssue>();
  const out: ValidationIssue[] = [];
  for (const { source, path: p } of occurrences) {
    if (!source) continue;
    let value: unknown = source.value;
    for (const segment of p) value = (value as Record<PropertyKey, unknown> | undefined)?.[segment];
    if (typeof value !== 'string') continue;
    const here = at(source, p, code, '');
    const earlier = first.get(value);
    if (!earlier) {
      first.set(value, here);
      continue;
    }
    const where = earlier.file === here.file ? `line ${earlier.line}` : `${earlier.file}:${earlier.line}`;
    out.push({ ...here, message: `Duplicate ${what} "${value}" (first at ${where}): each must be unique` });
  }
  return out;
}

function at(source: SourceFile, p: readonly PropertyKey[], code: string, message: string): ValidationIssue {
  const loc = source.parsed.locate(p);
  return { file: source.file, line: loc.line, column: loc.column, path: formatPath(p), message, code };
}

function fileIssue(file: string, code: string, message: string): ValidationIssue {
  return { file, line: 1, column: 1, path: '', message, code };
}

const COMMENT = /^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$/;

/** Editors validate a file only if its first line names its schema; a wrong path validates nothing. */
function checkSchemaComment(text: string, expected: string): string | undefined {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const match = COMMENT.exec(firstLine);
  const want = `# yaml-language-server: $schema=${expected}`;
  if (!match) return `The first line must be "${want}" so that editors validate the file`;
  if (match[1] !== expected) return `The schema comment points at "${match[1]}": write "${want}"`;
  return undefined;
}

/** Maps in order with at most `limit` calls pending, so thousands of files do not exhaust file handles. */
async function mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = 32): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
