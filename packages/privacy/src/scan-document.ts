import type { FieldFinding } from './finding.ts';
import { scanText } from './scan-text.ts';

/** Escapes one JSON pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Scans every string in a nested object or array (keys are not scanned: they are the schema's names).
 * Each finding names its field by JSON pointer ("/outcomes/0/note") and dotted path ("outcomes.0.note").
 */
export function scanDocument(doc: unknown): FieldFinding[] {
  const out: FieldFinding[] = [];
  const seen = new WeakSet<object>();
  const walk = (value: unknown, segments: string[]) => {
    if (typeof value === 'string') {
      const pointer = segments.map((s) => `/${escapePointerSegment(s)}`).join('');
      const path = segments.join('.');
      for (const f of scanText(value)) out.push({ ...f, pointer, path });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    // A cycle cannot come from JSON, but a caller's object graph may have one.
    if (seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, [...segments, String(i)]);
      return;
    }
    for (const [key, item] of Object.entries(value)) walk(item, [...segments, key]);
  };
  walk(doc, []);
  return out;
}
