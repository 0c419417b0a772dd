import {
  type Council,
  type DeflatorSeries,
  type OutcomeIndicator,
  PriceYear,
  priceYearKind,
  type UnitCost,
} from '@costed/schema';
import type { ParsedYaml } from './parse-yaml-with-positions.ts';
import { formatPath, type ValidationIssue } from './validation-issue.ts';

/** A YAML file as loaded: where it is, its parsed form and its raw value. */
export interface SourceFile {
  file: string;
  parsed: ParsedYaml;
  value: unknown;
}

/**
 * The reference tables a check can use. A table is `undefined` when its file could not be read or parsed:
 * the checks that need it are then skipped, because that file's own issue says what is wrong and hundreds
 * of "unknown council" lines would only hide it.
 */
export interface ReferenceTables {
  councils?: readonly Council[];
  deflators?: readonly DeflatorSeries[];
  indicators?: readonly OutcomeIndicator[];
  unitCosts?: readonly UnitCost[];
}

export interface CrossReferenceInput {
  caseStudies: readonly SourceFile[];
  unitCostFile?: SourceFile;
  indicatorFile?: SourceFile;
  tables: ReferenceTables;
}

/**
 * Checks what no single schema can: that case studies name councils, price years and indicators that the
 * reference tables define, and that the tables agree with each other. It reads the raw values (guarding
 * every field) so a case study with a schema error still gets its cross-references checked; values the
 * schema already rejects (a malformed price year, say) are left to the schema's message.
 */
export function checkCrossReferences(input: CrossReferenceInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report = (source: SourceFile, path: readonly PropertyKey[], code: string, message: string) => {
    const loc = source.parsed.locate(path);
    issues.push({
      file: source.file,
      line: loc.line,
      column: loc.column,
      path: formatPath(path),
      message,
      code,
    });
  };
  const { councils, deflators, indicators, unitCosts } = input.tables;
  const councilCodes = councils && new Set(councils.map((c) => c.gssCode));
  const yearsByKind = deflators && indexDeflatorYears(deflators);
  const indicatorById = indicators && new Map(indicators.map((i) => [i.id, i]));
  const unitCostIds = unitCosts && new Set(unitCosts.map((u) => u.id));

  const checkPriceYear = (source: SourceFile, money: unknown, path: readonly PropertyKey[]) => {
    if (!yearsByKind) return;
    const year = record(money)?.priceYear;
    if (typeof year !== 'string' || !PriceYear.safeParse(year).success) return;
    const kind = priceYearKind(year);
    const known = yearsByKind.get(kind);
    if (!known?.has(year)) {
      const range = known && known.size > 0 ? ` (it covers ${rangeOf(known)})` : '';
      report(
        source,
        [...path, 'priceYear'],
        'unknown-price-year',
        `Price year "${year}" is not in the ${kind}-year deflator series${range}: check the year, or add it to the series`,
      );
    }
  };

  for (const source of input.caseStudies) {
    const cs = record(source.value);
    if (!cs) continue;
    // The schema checks citations too, but only once the rest of the case study is valid; checking here
    // as well means a broken file shows all its problems at once (loadEvidence drops the repeat).
    const sourceIds = list(cs.sources).flatMap((s) => {
      const id = record(s)?.id;
      return typeof id === 'string' ? [id] : [];
    });
    for (const [citation, path] of citationsOf(cs)) {
      const id = record(citation)?.source;
      if (typeof id === 'string' && !sourceIds.includes(id)) {
        report(
          source,
          [...path, 'source'],
          'unknown-source',
          `Source "${id}" is not listed in sources (known: ${[...new Set(sourceIds)].join(', ') || 'none'})`,
        );
      }
    }
    if (councilCodes) {
      list(cs.councils).forEach((code, i) => {
        if (typeof code === 'string' && !councilCodes.has(code)) {
          report(
            source,
            ['councils', i],
            'unknown-council',
            `Council "${code}" is not in data/reference/councils.yaml: check the GSS code, or add the council there`,
          );
        }
      });
    }
    list(cs.costs).forEach((line, i) => {
      checkPriceYear(source, record(line)?.money, ['costs', i, 'money']);
    });
    list(cs.savings).forEach((claim, i) => {
      checkPriceYear(source, record(claim)?.money, ['savings', i, 'money']);
    });
    if (indicatorById) {
      list(cs.outcomes).forEach((raw, i) => {
        const outcome = record(raw);
        if (!outcome || typeof outcome.indicator !== 'string') return;
        const entry = indicatorById.get(outcome.indicator);
        if (!entry) {
          report(
            source,
            ['outcomes', i, 'indicator'],
            'unknown-indicator',
            `Indicator "${outcome.indicator}" is not in data/reference/indicators.yaml: use an id from the taxonomy, or add one there`,
          );
          return;
        }
        for (const field of ['unit', 'betterDirection'] as const) {
          const value = outcome[field];
          if (typeof value === 'string' && value !== entry[field]) {
            report(
              source,
              ['outcomes', i, field],
              'indicator-mismatch',
              `${field} is "${value}" but indicator "${entry.id}" has ${field} "${entry[field]}" in data/reference/indicators.yaml`,
            );
          }
        }
      });
    }
  }

  if (input.unitCostFile) {
    const source = input.unitCostFile;
    list(source.value).forEach((item, i) => {
      checkPriceYear(source, record(item)?.money, [i, 'money']);
    });
  }

  if (input.indicatorFile && unitCostIds) {
    const source = input.indicatorFile;
    list(source.value).forEach((item, i) => {
      list(record(item)?.unitCostIds).forEach((id, j) => {
        if (typeof id === 'string' && !unitCostIds.has(id)) {
          report(
            source,
            [i, 'unitCostIds', j],
            'unknown-unit-cost',
            `Unit cost "${id}" is not in data/reference/unit-costs.yaml: check the id, or add the unit cost there`,
          );
        }
      });
    });
  }
  return issues;
}

function citationsOf(cs: Record<string, unknown>): [unknown, PropertyKey[]][] {
  const out: [unknown, PropertyKey[]][] = [];
  for (const field of ['costs', 'savings', 'outcomes', 'keyFacts']) {
    list(cs[field]).forEach((item, i) => {
      const citation = record(item)?.citation;
      if (citation !== undefined) out.push([citation, [field, i, 'citation']]);
    });
  }
  const size = record(record(cs.cohort)?.size);
  if (size?.citation !== undefined) out.push([size.citation, ['cohort', 'size', 'citation']]);
  return out;
}

function indexDeflatorYears(series: readonly DeflatorSeries[]): Map<string, Set<string>> {
  const byKind = new Map<string, Set<string>>();
  for (const s of series) {
    const years = byKind.get(s.kind) ?? new Set<string>();
    for (const p of s.points) years.add(p.year);
    byKind.set(s.kind, years);
  }
  return byKind;
}

function rangeOf(years: Set<string>): string {
  const sorted = [...years].sort();
  return `${sorted[0]} to ${sorted.at(-1)}`;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
