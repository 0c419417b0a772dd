/**
 * A field-by-field comparison of two case-study documents (a draft against the published version), for the
 * curator's side-by-side view. Documents are flattened to leaf paths (`costs.0.money.pence`), so a change deep
 * in a cost line shows as one row rather than as a whole changed array.
 */

export interface DiffRow {
  path: string;
  before: string | undefined;
  after: string | undefined;
  type: 'added' | 'removed' | 'changed';
}

/** Fields the workflow sets, not the author: they differ on every version and say nothing to a curator. */
const IGNORED = new Set(['status', 'version', 'evidence']);

/** Leaf values by dotted path; arrays of plain strings stay one value ("a, b") so a reordered list reads well. */
export function flattenDocument(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: unknown, path: string) => {
    if (node === undefined || node === null) return;
    if (Array.isArray(node)) {
      if (node.every((item) => typeof item !== 'object' || item === null)) {
        if (node.length > 0) out.set(path, node.map(String).join(', '));
        return;
      }
      for (const [i, item] of node.entries()) visit(item, path ? `${path}.${i}` : String(i));
      return;
    }
    if (typeof node === 'object') {
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        if (!path && IGNORED.has(key)) continue;
        visit(child, path ? `${path}.${key}` : key);
      }
      return;
    }
    out.set(path, String(node));
  };
  visit(value, prefix);
  return out;
}

/** The rows that differ, in the order the fields first appear (published fields first, then new ones). */
export function diffDocuments(before: unknown, after: unknown): DiffRow[] {
  const a = flattenDocument(before);
  const b = flattenDocument(after);
  const rows: DiffRow[] = [];
  for (const [path, value] of a) {
    const next = b.get(path);
    if (next === undefined) rows.push({ path, before: value, after: undefined, type: 'removed' });
    else if (next !== value) rows.push({ path, before: value, after: next, type: 'changed' });
  }
  for (const [path, value] of b) {
    if (!a.has(path)) rows.push({ path, before: undefined, after: value, type: 'added' });
  }
  return rows;
}
