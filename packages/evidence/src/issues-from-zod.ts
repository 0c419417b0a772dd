import type { z } from 'zod';
import type { ParsedYaml } from './parse-yaml-with-positions.ts';
import { formatPath, type ValidationIssue } from './validation-issue.ts';

type ZodIssue = z.core.$ZodIssue;

/**
 * Maps every zod issue to the line of the node it names. An unknown key is reported once per key at that
 * key's line; a missing key at the line of the mapping that lacks it; a failed union by the issues of the
 * option that came closest, so that a bad price year inside `money` reads as that, not as "invalid input".
 */
export function issuesFromZod(
  zodIssues: readonly ZodIssue[],
  parsed: Pick<ParsedYaml, 'locate'>,
  input: unknown,
  file: string,
  prefix: readonly PropertyKey[] = [],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const at = (path: readonly PropertyKey[], message: string, code: string) => {
    const loc = parsed.locate(path);
    out.push({ file, line: loc.line, column: loc.column, path: formatPath(path), message, code });
  };
  for (const issue of zodIssues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        at([...path, key], `Unknown key "${key}": check its spelling or remove it`, 'unknown-key');
      }
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => weigh(a) - weigh(b))[0]!;
      out.push(...issuesFromZod(closest, parsed, input, file, path));
    } else if (issue.code === 'invalid_type' && isMissing(input, path)) {
      const key = String(path.at(-1));
      at(path, `Required key "${key}" is missing (expected ${issue.expected})`, 'missing-key');
    } else if (
      issue.code === 'invalid_type' &&
      issue.expected === 'string' &&
      typeof valueAt(input, path) === 'number'
    ) {
      // YAML reads an unquoted 2012 or 2012.5 as a number; years and codes must be quoted to stay text.
      const text = String(valueAt(input, path));
      at(path, `Expected text but found the number ${text}: put it in quotes ("${text}")`, 'schema');
    } else {
      at(path, issue.message, 'schema');
    }
  }
  return out;
}

// An option that fails only on a nested value (a bad year) is closer than one that rejects the whole shape.
function weigh(issues: readonly ZodIssue[]): number {
  return issues.reduce(
    (sum, i) =>
      sum + (i.code === 'unrecognized_keys' ? 2 * i.keys.length : i.code === 'invalid_type' ? 2 : 1),
    0,
  );
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = input;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return input === undefined;
  const node = valueAt(input, path.slice(0, -1));
  return (
    node !== null &&
    typeof node === 'object' &&
    !Array.isArray(node) &&
    !Object.hasOwn(node, path.at(-1) as PropertyKey)
  );
}
