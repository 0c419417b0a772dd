import { createHash } from 'node:crypto';

/**
 * sha256 (hex) of canonical JSON: object keys sorted at every depth, arrays kept in order. Two values that
 * differ only in key order hash the same, so seeding can tell "unchanged" from "changed" idempotently.
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted recursively (undefined members dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
  // JSON.stringify(undefined) is undefined; hash it as null so every input has a hash.
  return json ?? 'null';
}
