/**
 * One problem found in data/. `file` is relative to the repository root (the data directory's parent) with
 * posix separators, so the formatted line is clickable in editors and CI logs on every platform.
 */
export interface ValidationIssue {
  file: string;
  /** 1-based line of the offending node (for a missing key, its parent mapping). */
  line: number;
  /** 1-based column. */
  column: number;
  /** Dotted path inside the file, e.g. `costs.0.money.priceYear`; empty for whole-file problems. */
  path: string;
  message: string;
  /** Stable identifier of the kind of problem, e.g. `schema`, `unknown-council`. */
  code: string;
}

/** `data/case-studies/x.yaml:12: costs.0.money.priceYear: message` (the path part is left out when empty). */
export function formatIssue(issue: ValidationIssue): string {
  const where = `${issue.file}:${issue.line}:`;
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where} ${issue.message}`;
}

/** Orders issues by file, then line, then column, then path, so output is stable across runs. */
export function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Turns a zod-style path into the dotted form used in issues. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}
