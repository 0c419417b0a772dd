import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so two values that mean
 * the same thing serialise to the same text whatever order their keys were written in (JSONB reorders
 * keys, YAML authors do too).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Cannot hash ${value}`);
    if (typeof value === 'bigint') throw new TypeError('Cannot hash a bigint: convert it to a number first');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function hashContent(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
