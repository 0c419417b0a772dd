import type { Column } from './table.ts';

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"): `=`, `+`, `-`,
 * `@`, tab and carriage return. The full-width forms are included because some spreadsheet locales
 * normalise them to their ASCII equivalents before parsing.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** True when a text cell would be read as a formula by a spreadsheet if written as-is. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/**
 * Prefixes a text cell that begins like a formula with a single quote, the OWASP-recommended neutraliser:
 * spreadsheets show the text and never evaluate it.
 */
export function escapeFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/** Joins list cells and stringifies scalars; null and undefined become the empty string. */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => plainText(v)).join('; ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Objects have no agreed cell form; JSON at least keeps the content readable and reversible.
  return JSON.stringify(value);
}

/**
 * The text a CSV cell carries for a value in a column. Only text is formula-escaped: a finite number in a
 * numeric column is written as the number (so `-2` stays a number), and anything else in a numeric or
 * boolean column is treated as text and escaped like text.
 */
export function cellText(value: unknown, column: Column): string {
  if (value === null || value === undefined) return '';
  if ((column.type === 'integer' || column.type === 'number') && typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
  }
  if (column.type === 'boolean' && typeof value === 'boolean') return value ? 'true' : 'false';
  return escapeFormula(plainText(value));
}
