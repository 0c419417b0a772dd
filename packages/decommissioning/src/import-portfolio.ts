import { NeedLevel, poundsToPence, Slug } from '@costed/schema';
import { parse as parseCsv } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/universal';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, inspectUpload } from './inspect-upload.ts';
import { isIsoDate } from './iso-date.ts';
import { MAX_TEMPLATE_INDICATORS, PORTFOLIO_COLUMN_NAMES, PORTFOLIO_COLUMNS } from './portfolio-columns.ts';
import { PortfolioService, type PortfolioServiceInput } from './portfolio-service.ts';

/** One problem, located as the user sees it in a spreadsheet: the header is row 1. */
export interface ImportError {
  code: string;
  /** Spreadsheet row (header = 1); null for a problem with the whole file. */
  row: number | null;
  column: string | null;
  /** The full sentence, beginning `row 7, column "annual_cost": …` where it has a place. */
  message: string;
}

export type ImportResult = { ok: true; services: PortfolioService[] } | { ok: false; errors: ImportError[] };

export interface ImportOptions {
  /** Only for messages: the type is decided from the bytes, never the name. */
  filename?: string;
  limits?: Partial<ImportLimits>;
  /** The indicator taxonomy; when given, an indicator id not in it is an error. */
  indicators?: readonly { id: string }[];
}

const where = (row: number | null, column: string | null) =>
  row === null ? '' : column === null ? `row ${row}: ` : `row ${row}, column "${column}": `;

function problem(code: string, row: number | null, column: string | null, message: string): ImportError {
  return { code, row, column, message: `${where(row, column)}${message}` };
}

/** Text as the user typed it, except our own formula guard: `'=SUM(…)` written by an export reads back as `=SUM(…)`. */
function cellText(raw: string): string {
  const text = raw.trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

type Cells = ReadonlyMap<string, string>;

/** Builds one service from one row, collecting every problem rather than stopping at the first. */
function readRow(
  cells: Cells,
  row: number,
  known: ReadonlySet<string> | null,
): { service: PortfolioService | null; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (column: string, message: string, code = 'invalid-value') =>
    errors.push(problem(code, row, column, message));
  const get = (column: string) => cells.get(column) ?? '';

  const text = (column: string): string | null => get(column) || null;
  const integer = (column: string, min: number, max: number, what: string): number | null => {
    const value = get(column);
    if (!value) return null;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      fail(column, `"${value}" is not ${what}: write a whole number from ${min} to ${max}.`);
      return null;
    }
    return Number(value);
  };
  const decimal = (column: string): number | null => {
    const value = get(column).replace(/%$/, '').replaceAll(',', '');
    if (!value) return null;
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      fail(column, `"${get(column)}" is not a number: write digits only, e.g. 12.5.`);
      return null;
    }
    return Number(value);
  };
  const list = (column: string) =>
    get(column)
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);

  const name = get('name');
  if (!name) fail('name', 'every service needs a name.', 'missing-value');

  let annualCost: PortfolioServiceInput['annualCost'] = null;
  const cost = get('annual_cost');
  const priceYear = get('annual_cost_price_year');
  let pence: number | null = null;
  if (cost) {
    const cleaned = cost.replace(/^£/, '').replaceAll(',', '').trim();
    if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
      fail(
        'annual_cost',
        `"${cost}" is not an amount of money: write pounds, e.g. 250000 or £250,000.50 (no formulas, no "k").`,
      );
    } else pence = poundsToPence(Number(cleaned));
  }
  if (cost && !priceYear) {
    fail(
      'annual_cost_price_year',
      'an annual cost needs its price year, e.g. 2024-25: money without a price year cannot be compared.',
      'missing-value',
    );
  } else if (!cost && priceYear) {
    fail(
      'annual_cost',
      `a price year (${priceYear}) is given without an annual cost: add the cost or clear the price year.`,
      'missing-value',
    );
  } else if (pence !== null && priceYear) {
    annualCost = { pence, priceYear };
  }

  let contractEnd: string | null = null;
  const end = get('contract_end');
  if (end) {
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(end);
    const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}` : end;
    if (isIsoDate(iso)) contractEnd = iso;
    else
      fail(
        'contract_end',
        `"${end}" is not a date: write it as YYYY-MM-DD (2026-03-31) or DD/MM/YYYY (31/03/2026).`,
      );
  }

  const ageMin = integer('cohort_age_min', 0, 25, 'an age');
  const ageMax = integer('cohort_age_max', 0, 25, 'an age');
  let ageRange: { min: number; max: number } | null = null;
  if ((ageMin === null) !== (ageMax === null) && !errors.some((e) => e.column?.startsWith('cohort_age'))) {
    const missing = ageMin === null ? 'cohort_age_min' : 'cohort_age_max';
    fail(missing, 'give both the youngest and the oldest age, or neither.', 'missing-value');
  } else if (ageMin !== null && ageMax !== null) {
    if (ageMin > ageMax)
      fail('cohort_age_min', `the youngest age (${ageMin}) is above the oldest (${ageMax}).`);
    else ageRange = { min: ageMin, max: ageMax };
  }

  const needLevels: NeedLevel[] = [];
  for (const level of list('cohort_need_levels')) {
    const parsed = NeedLevel.safeParse(level.toLowerCase());
    if (parsed.success) needLevels.push(parsed.data);
    else
      fail(
        'cohort_need_levels',
        `"${level}" is not a level of need: use universal, targeted, specialist or statutory, separated by semicolons.`,
      );
  }

  const slugs = list('case_study_slugs');
  for (const slug of slugs) {
    if (!Slug.safeParse(slug).success)
      fail(
        'case_study_slugs',
        `"${slug}" is not a case-study slug: copy it from the case study's web address, e.g. east-riding-early-help.`,
      );
  }

  const indicators: NonNullable<PortfolioServiceInput['indicators']> = [];
  for (let n = 1; n <= MAX_TEMPLATE_INDICATORS; n += 1) {
    const column = `indicator_${n}`;
    const id = get(column);
    const observation = (part: 'baseline' | 'latest') => {
      const valueColumn = `${column}_${part}`;
      const yearColumn = `${column}_${part}_year`;
      const value = decimal(valueColumn);
      const year = get(yearColumn);
      if (year && !/^\d{4}(-\d{2})?$/.test(year)) {
        fail(yearColumn, `"${year}" is not a year: write 2021 or a financial year such as 2021-22.`);
        return null;
      }
      if (value !== null && !year) {
        fail(yearColumn, `the ${part} value needs the year it was measured, e.g. 2021-22.`, 'missing-value');
        return null;
      }
      if (value === null && year && !errors.some((e) => e.column === valueColumn)) {
        fail(
          valueColumn,
          `a ${part} year (${year}) is given without a value: add the value or clear the year.`,
          'missing-value',
        );
        return null;
      }
      return value === null ? null : { value, year };
    };
    const baseline = observation('baseline');
    const latest = observation('latest');
    if (!id) {
      const stray = ['baseline', 'baseline_year', 'latest', 'latest_year'].find((p) => get(`${column}_${p}`));
      if (stray)
        fail(
          column,
          `values are given for indicator ${n} but not which indicator they measure: add its id from the taxonomy.`,
          'missing-value',
        );
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      fail(
        column,
        `"${id}" is not an indicator id: ids are lower-case words joined by hyphens, e.g. care-proceedings-under-2.`,
      );
      continue;
    }
    if (known && !known.has(id)) {
      fail(
        column,
        `"${id}" is not in the Costed indicator taxonomy: pick an id from data/reference/indicators.yaml (or the site's indicator list).`,
        'unknown-indicator',
      );
      continue;
    }
    indicators.push({ indicator: id, baseline, latest });
  }

  const service: PortfolioServiceInput = {
    name,
    description: text('description'),
    provider: text('provider'),
    annualCost,
    contractEnd,
    cohort: { description: text('cohort_description'), ageRange, needLevels },
    participantsPerYear: integer('participants_per_year', 0, 10_000_000, 'a number of participants'),
    indicators,
    evidenceLevel: integer('evidence_level', 0, 4, 'an evidence level'),
    deliveryStartYear: integer('delivery_start_year', 1900, 2100, 'a year'),
    caseStudySlugs: slugs,
    interventionNames: list('intervention_names'),
  };
  if (errors.length > 0) return { service: null, errors };

  // Every field was checked above; the schema is the last word, and anything it still finds is located.
  const parsed = PortfolioService.safeParse(service);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      fail(columnForPath(issue.path), `${issue.message}.`);
    }
    return { service: null, errors };
  }
  return { service: parsed.data, errors };
}

const PATH_COLUMNS: Record<string, string> = {
  name: 'name',
  description: 'description',
  provider: 'provider',
  annualCost: 'annual_cost',
  contractEnd: 'contract_end',
  participantsPerYear: 'participants_per_year',
  evidenceLevel: 'evidence_level',
  deliveryStartYear: 'delivery_start_year',
  caseStudySlugs: 'case_study_slugs',
  interventionNames: 'intervention_names',
};

function columnForPath(path: readonly PropertyKey[]): string {
  const [head, second, third] = path;
  if (head === 'indicators' && typeof second === 'number') {
    return third === 'baseline' || third === 'latest'
      ? `indicator_${second + 1}_${third}`
      : `indicator_${second + 1}`;
  }
  if (head === 'cohort') {
    return second === 'ageRange'
      ? 'cohort_age_min'
      : second === 'needLevels'
        ? 'cohort_need_levels'
        : 'cohort_description';
  }
  return PATH_COLUMNS[String(head)] ?? String(head);
}

/** Checks the header row: every column known, none twice, the required ones present. */
function readHeader(header: readonly string[]): { columns: (string | null)[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  const columns = header.map((raw) => {
    const name = raw.trim().toLowerCase().replace(/\s+/g, '_');
    if (!name) return null;
    if (!PORTFOLIO_COLUMN_NAMES.includes(name)) {
      const near = PORTFOLIO_COLUMN_NAMES.find((c) => c.replaceAll('_', '') === name.replace(/[_-]/g, ''));
      errors.push(
        problem(
          'unknown-column',
          1,
          raw.trim(),
          `this is not a column of the portfolio template${near ? ` (did you mean "${near}"?)` : ''}: rename it to a template column or delete it. Columns: ${PORTFOLIO_COLUMN_NAMES.join(', ')}.`,
        ),
      );
      return null;
    }
    if (seen.has(name)) {
      errors.push(problem('duplicate-column', 1, name, 'this column appears twice: keep one.'));
      return null;
    }
    seen.add(name);
    return name;
  });
  for (const column of PORTFOLIO_COLUMNS) {
    if (column.required && !seen.has(column.name)) {
      errors.push(
        problem(
          'missing-column',
          1,
          column.name,
          'this required column is missing: copy the header row from the template.',
        ),
      );
    }
  }
  return { columns, errors };
}

function readGrid(
  grid: readonly (readonly string[])[],
  limits: ImportLimits,
  known: ReadonlySet<string> | null,
): ImportResult {
  const [header, ...rows] = grid;
  if (!header) {
    return {
      ok: false,
      errors: [
        problem(
          'missing-header',
          null,
          null,
          'The file has no header row: start from the portfolio template.',
        ),
      ],
    };
  }
  const { columns, errors } = readHeader(header);
  if (errors.length > 0) return { ok: false, errors };
  const dataRows = rows.filter((cells) => cells.some((c) => cellText(c) !== ''));
  if (dataRows.length > limits.maxRows) {
    return {
      ok: false,
      errors: [
        problem(
          'too-many-rows',
          null,
          null,
          `The file has ${dataRows.length} services, more than the ${limits.maxRows} allowed: split it into smaller files.`,
        ),
      ],
    };
  }
  const services: PortfolioService[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (!cells.some((c) => cellText(c) !== '')) return;
    const map = new Map<string, string>();
    cells.forEach((raw, i) => {
      const column = columns[i];
      const value = cellText(raw);
      if (column) map.set(column, value);
      else if (value && i >= header.length) {
        errors.push(
          problem(
            'extra-cell',
            row,
            null,
            `cell ${i + 1} has a value ("${value.slice(0, 40)}") beyond the last column: move it into a column or delete it.`,
          ),
        );
      }
    });
    const result = readRow(map, row, known);
    errors.push(...result.errors);
    if (result.service) services.push(result.service);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, services };
}

function xlsxCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * Imports a portfolio from CSV or XLSX bytes. Everything is validated before anything is returned: either
 * every service, or every problem (file-level, header, or `row N, column "x"`), never a partial list.
 */
export async function importPortfolio(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const known = options.indicators ? new Set(options.indicators.map((i) => i.id)) : null;
  const label = options.filename ? `"${options.filename}"` : 'The file';
  const inspection = inspectUpload(bytes, limits);
  if (!inspection.ok) {
    return {
      ok: false,
      errors: [
        {
          code: inspection.code,
          row: null,
          column: null,
          message: inspection.message.replace(/^The file/, label),
        },
      ],
    };
  }
  let grid: string[][];
  if (inspection.kind === 'csv') {
    try {
      // Cells are always read as text: nothing is evaluated, so "=HYPERLINK(…)" stays those characters.
      grid = parseCsv(new TextDecoder().decode(bytes), {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: false,
      }) as string[][];
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      return {
        ok: false,
        errors: [
          problem(
            'invalid-csv',
            null,
            null,
            `${label} cannot be read as CSV${line ? ` near line ${line}` : ''} (${(error as Error).message}): check for an unclosed quote, or save it again as CSV UTF-8.`,
          ),
        ],
      };
    }
  } else {
    try {
      // A fresh copy: a Node Buffer's `.buffer` may be a shared pool holding other data before it.
      const sheet = await readSheet(new Uint8Array(bytes).buffer);
      grid = sheet.map((cells) => cells.map(xlsxCell));
    } catch (error) {
      return {
        ok: false,
        errors: [
          problem(
            'invalid-xlsx',
            null,
            null,
            `${label} cannot be read as an Excel workbook (${(error as Error).message}): save it again from Excel as .xlsx, or as CSV.`,
          ),
        ],
      };
    }
  }
  return readGrid(grid, limits, known);
}
