import {
  CaseStudy,
  CostBasis,
  CostKind,
  DELIVERY_MODEL_LABELS,
  NeedLevel,
  OutcomeUnit,
  POLICY_STRAND_LABELS,
  SERVICE_AREA_LABELS,
} from '@costed/schema';

/**
 * The submission form's model: which fields there are, how form posts become a draft document (and back),
 * and how an error path from the API (`body.document.costs.0.money.priceYear`) or from the shared schema
 * finds the input it belongs to. Every input is named by its document path, so the mapping is mechanical.
 */

export type Draft = Record<string, unknown>;

/** Repeated groups show at least this many rows (blank rows are left out of the draft). */
export const MIN_ROWS = { costs: 3, outcomes: 2, sources: 2 } as const;

export const COST_FIELDS = [
  'label',
  'money.pence',
  'money.priceYear',
  'money.notReported',
  'money.reason',
  'kind',
  'basis',
  'citation.source',
  'citation.quote',
] as const;
export const OUTCOME_FIELDS = [
  'indicator',
  'unit',
  'betterDirection',
  'baseline.value',
  'baseline.year',
  'followUp.value',
  'followUp.year',
  'population',
  'citation.source',
  'citation.quote',
] as const;
export const SOURCE_FIELDS = ['id', 'title', 'publisher', 'date', 'url'] as const;

export const SCALAR_FIELDS = [
  'title',
  'slug',
  'summary',
  'body',
  'councils',
  'intervention.name',
  'intervention.description',
  'intervention.branded',
  'policyStrand',
  'serviceAreas',
  'deliveryModel',
  'cohort.description',
  'cohort.ageRange.min',
  'cohort.ageRange.max',
  'cohort.needLevels',
  'period.start',
  'period.end',
] as const;

const NUMBER_FIELDS = new Set([
  'cohort.ageRange.min',
  'cohort.ageRange.max',
  'baseline.value',
  'followUp.value',
  'population',
]);
const LIST_FIELDS = new Set(['serviceAreas', 'cohort.needLevels']);

export const OPTIONS = {
  policyStrand: Object.entries(POLICY_STRAND_LABELS).map(([value, label]) => ({ value, label })),
  serviceAreas: Object.entries(SERVICE_AREA_LABELS).map(([value, label]) => ({ value, label })),
  deliveryModel: Object.entries(DELIVERY_MODEL_LABELS).map(([value, label]) => ({ value, label })),
  needLevels: NeedLevel.options.map((value) => ({ value, label: capitalise(value) })),
  costKind: CostKind.options.map((value) => ({ value, label: capitalise(value.replace('-', ' ')) })),
  costBasis: CostBasis.options.map((value) => ({ value, label: capitalise(value.replaceAll('-', ' ')) })),
  outcomeUnit: OutcomeUnit.options.map((value) => ({ value, label: value.replaceAll('-', ' ') })),
  betterDirection: [
    { value: 'lower', label: 'Lower is better' },
    { value: 'higher', label: 'Higher is better' },
  ],
} as const;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The HTML id of the input named `path` (ids avoid dots so they are valid in CSS selectors too). */
export function fieldId(path: string): string {
  return `f-${path.replaceAll('.', '-')}`;
}

/** Every input name the form renders for a draft (the repeated groups with their row counts). */
export function formFieldNames(draft: Draft): string[] {
  const names: string[] = [...SCALAR_FIELDS];
  for (const [group, fields] of [
    ['costs', COST_FIELDS],
    ['outcomes', OUTCOME_FIELDS],
    ['sources', SOURCE_FIELDS],
  ] as const) {
    for (let i = 0; i < rowCount(draft, group); i++) for (const f of fields) names.push(`${group}.${i}.${f}`);
  }
  return names;
}

/** Rows to show for a repeated group: what the draft has, plus one blank, and never fewer than MIN_ROWS. */
export function rowCount(draft: Draft, group: keyof typeof MIN_ROWS): number {
  const rows = draft[group];
  const have = Array.isArray(rows) ? rows.length : 0;
  return Math.max(MIN_ROWS[group], have + 1);
}

function setPath(target: Draft, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const record = node as Record<string | number, unknown>;
    if (record[key] === undefined) record[key] = nextIsIndex ? [] : {};
    node = record[key] as Record<string, unknown> | unknown[];
  }
  (node as Record<string | number, unknown>)[path[path.length - 1] as string | number] = value;
}

/** Reads a value from a draft by dotted path (numeric segments index arrays). */
export function getPath(draft: unknown, path: string): unknown {
  let node: unknown = draft;
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function splitPath(path: string): (string | number)[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface ParsedForm {
  draft: Draft;
  /** Problems the site finds before asking the API (an amount that is not a number), by input name. */
  errors: Record<string, string>;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  // Browsers send a textarea's line breaks as CRLF; the documents use LF.
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

/** Pounds as typed ("£1,250.50", "1250") to whole pence; undefined when it is not an amount. */
export function parsePounds(value: string): number | undefined {
  const cleaned = value.replace(/[£,\s]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const [whole = '0', fraction = ''] = cleaned.replace('-', '').split('.');
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -pence : pence;
}

/** Pence back to the pounds the form shows ("1250.50"). */
export function formatPoundsInput(pence: unknown): string {
  if (typeof pence !== 'number' || !Number.isFinite(pence)) return '';
  const abs = Math.abs(pence);
  const pounds = `${Math.floor(abs / 100)}${abs % 100 === 0 ? '' : `.${String(abs % 100).padStart(2, '0')}`}`;
  return pence < 0 ? `-${pounds}` : pounds;
}

/** Turns a form post into a draft document: blank inputs and blank rows are left out. */
export function parseSubmissionForm(form: FormData): ParsedForm {
  const draft: Draft = {};
  const errors: Record<string, string> = {};

  for (const name of SCALAR_FIELDS) {
    if (LIST_FIELDS.has(name)) {
      const values = form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
      if (values.length > 0) setPath(draft, splitPath(name), values);
      continue;
    }
    const value = text(form, name);
    if (name === 'intervention.branded') {
      // An unticked box is an answer ("no") once the intervention is described at all.
      if (value === 'true' || draft.intervention !== undefined)
        setPath(draft, splitPath(name), value === 'true');
      continue;
    }
    if (value === '') continue;
    if (name === 'councils') {
      setPath(
        draft,
        [name],
        value.split(/[\s,]+/).filter((code) => code.length > 0),
      );
      continue;
    }
    if (NUMBER_FIELDS.has(name)) {
      const n = Number(value);
      if (Number.isFinite(n)) setPath(draft, splitPath(name), n);
      else errors[name] = 'Enter a whole number';
      continue;
    }
    setPath(draft, splitPath(name), value);
  }

  for (const [group, fields] of [
    ['costs', COST_FIELDS],
    ['outcomes', OUTCOME_FIELDS],
    ['sources', SOURCE_FIELDS],
  ] as const) {
    const rows: Draft[] = [];
    for (let i = 0; form.has(`${group}.${i}.${fields[0]}`); i++) {
      const row: Draft = {};
      let filled = false;
      for (const f of fields) {
        const name = `${group}.${i}.${f}`;
        const value = text(form, name);
        if (value === '') continue;
        if (group === 'costs' && f === 'money.notReported') {
          if (value === 'true') {
            setPath(row, ['money', 'notReported'], true);
            filled = true;
          }
          continue;
        }
        filled = true;
        if (group === 'costs' && f === 'money.pence') {
          const pence = parsePounds(value);
          if (pence === undefined) errors[name] = 'Enter the amount in pounds, like 125000 or 1250.50';
          else setPath(row, ['money', 'pence'], pence);
          continue;
        }
        if (NUMBER_FIELDS.has(f)) {
          const n = Number(value);
          if (Number.isFinite(n)) setPath(row, splitPath(f), n);
          else errors[name] = 'Enter a number';
          continue;
        }
        setPath(row, splitPath(f), value);
      }
      if (!filled) continue;
      // "Not reported" replaces the amount: the reason is the whole of the money.
      const money = row.money as Draft | undefined;
      if (money?.notReported === true) row.money = { notReported: true, reason: money.reason ?? '' };
      else if (money) delete money.reason;
      rows.push(row);
    }
    if (rows.length > 0) draft[group] = rows;
  }
  return { draft, errors };
}

/** The value an input shows for a draft (the inverse of parseSubmissionForm for one field). */
export function inputValue(draft: Draft, name: string): string {
  if (name === 'councils') {
    const councils = draft.councils;
    return Array.isArray(councils) ? councils.join(', ') : '';
  }
  if (/^costs\.\d+\.money\.pence$/.test(name)) return formatPoundsInput(getPath(draft, name));
  const value = getPath(draft, name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return '';
}

/** Values of a multi-choice field (checkboxes). */
export function inputValues(draft: Draft, name: string): string[] {
  const value = getPath(draft, name);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The input an error path belongs to. The API names paths as `body.document.x`, `document.x` or `x`; the
 * nearest rendered input wins: the path itself, its closest ancestor (`costs.0.money` → the amount), or its
 * first descendant (`intervention` → its name).
 */
export function fieldForErrorPath(errorPath: string, fieldNames: readonly string[]): string | undefined {
  const path = errorPath.replace(/^body\./, '').replace(/^document\./, '');
  const names = new Set(fieldNames);
  const segments = path.split('.');
  for (let n = segments.length; n > 0; n--) {
    const candidate = segments.slice(0, n).join('.');
    if (names.has(candidate)) return candidate;
    // `costs.0.money` is shown by its amount; `cohort.ageRange` by its first input.
    const child = fieldNames.find((name) => name.startsWith(`${candidate}.`));
    if (child) return child;
  }
  return undefined;
}

export interface FieldError {
  /** The input's name, or undefined for an error no input shows. */
  field: string | undefined;
  message: string;
}

/** Groups errors by input: the first message per input is shown beside it, all in the summary. */
export function mapErrorsToFields(
  errors: readonly { path: string; message: string }[],
  fieldNames: readonly string[],
): { byField: Record<string, string>; summary: { text: string; href?: string }[] } {
  const byField: Record<string, string> = {};
  const summary: { text: string; href?: string }[] = [];
  for (const error of errors) {
    const field = fieldForErrorPath(error.path, fieldNames);
    if (field) {
      if (byField[field] === undefined) {
        byField[field] = error.message;
        summary.push({ text: error.message, href: `#${fieldId(field)}` });
      }
    } else {
      summary.push({ text: `${error.path}: ${error.message}` });
    }
  }
  return { byField, summary };
}

/** A placeholder assessment: a council does not rate its own evidence; the curator does at publication. */
const PENDING_EVIDENCE = {
  design: 'descriptive-case-study',
  evaluator: null,
  independence: 'unknown',
  level: 0,
  result: 'not-evaluated',
  rationale: 'Set by the curator at publication.',
  assessedBy: 'pending',
  assessedOn: '2000-01-01',
} as const;

/**
 * Checks a draft against the shared case-study schema before it is sent for review (the API checks the
 * same schema on submit), leaving out the evidence assessment, which the curator writes.
 */
export function checkDraftComplete(draft: Draft): { path: string; message: string }[] {
  const result = CaseStudy.safeParse({ evidence: PENDING_EVIDENCE, ...draft });
  if (result.success) return [];
  return result.error.issues
    .flatMap((issue) => expandUnion(issue))
    .filter((issue) => issue.path[0] !== 'evidence')
    .map((issue) => ({ path: issue.path.join('.'), message: friendlyMessage(issue) }));
}

interface Issue {
  code: string;
  message: string;
  path: PropertyKey[];
  errors?: Issue[][];
}

/**
 * A union (money or "not reported") fails as one vague "Invalid input" at `costs.0.money`; the branch with
 * the fewest problems is the one the author meant, so its issues (e.g. at `money.priceYear`) are shown.
 */
function expandUnion(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors || issue.errors.length === 0) return [issue];
  const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
  if (best.length === 0) return [issue];
  return best.flatMap((inner) => expandUnion({ ...inner, path: [...issue.path, ...inner.path] }));
}

/** zod's "expected string, received undefined" becomes "Enter the title" (what to do, not what failed). */
function friendlyMessage(issue: Issue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    const words = issue.path
      .filter((s): s is string => typeof s === 'string')
      .map((s) => s.replace(/([A-Z])/g, ' $1').toLowerCase());
    return `Enter the ${words.join(' ')}`;
  }
  return issue.message;
}

/** Draft fields the workflow owns, or the curator writes: never carried into a council's draft. */
const NOT_DRAFTED = new Set(['status', 'version', 'evidence']);

/** Leaves of a document by dotted path; lists of plain values are one leaf (the form edits them whole). */
function documentLeaves(value: unknown, path: string, out: [string, unknown][]): [string, unknown][] {
  if (Array.isArray(value) && value.some((item) => item !== null && typeof item === 'object')) {
    value.forEach((item, i) => {
      documentLeaves(item, `${path}.${i}`, out);
    });
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      documentLeaves(child, path ? `${path}.${key}` : key, out);
    }
  } else if (path) {
    out.push([path, value]);
  }
  return out;
}

/**
 * Carries over what the form does not show (savings, key facts, tags, a cost's funder, a source's kind …)
 * from the saved document into the posted draft, so saving the form never drops data it cannot edit. A row
 * the author blanked out stays removed.
 */
export function keepUnrenderedFields(previous: Draft, posted: Draft): Draft {
  const names = formFieldNames(previous);
  const rendered = (path: string) =>
    names.some((name) => name === path || name.startsWith(`${path}.`) || path.startsWith(`${name}.`));
  const merged: Draft = structuredClone(posted);
  for (const [path, value] of documentLeaves(previous, '', [])) {
    const segments = path.split('.');
    if (NOT_DRAFTED.has(segments[0] ?? '') || rendered(path)) continue;
    const group = segments[0];
    const row = segments[1];
    if ((group === 'costs' || group === 'outcomes' || group === 'sources') && row !== undefined) {
      const rows = merged[group];
      if (!Array.isArray(rows) || rows[Number(row)] === undefined) continue;
    }
    setPath(merged, splitPath(path), value);
  }
  return merged;
}

/** A published case study as the starting draft of its update (without the workflow's and curator's fields). */
export function draftFromCaseStudy(caseStudy: Record<string, unknown>): Draft {
  return Object.fromEntries(Object.entries(caseStudy).filter(([key]) => !NOT_DRAFTED.has(key)));
}
