import { escapeHtml, wordSpans } from './text.ts';

const CROP = 220;

/**
 * An HTML-safe snippet: the text is escaped and each word whose index term is in `terms` is wrapped in
 * <mark>. Long text is cropped around the first match. Returns undefined when nothing matched.
 */
export function highlightText(text: string, terms: ReadonlySet<string>, crop = CROP): string | undefined {
  const marks = wordSpans(text).filter((s) => terms.has(s.term));
  if (marks.length === 0) return undefined;
  return renderMarked(text, marks, crop);
}

function renderMarked(text: string, marks: readonly { start: number; end: number }[], crop: number): string {
  let from = 0;
  let to = text.length;
  if (text.length > crop) {
    from = Math.max(0, marks[0]!.start - Math.floor(crop / 4));
    // Start at a word boundary so the snippet does not open mid-word.
    if (from > 0) from = text.indexOf(' ', from) + 1 || from;
    to = Math.min(text.length, from + crop);
    if (to < text.length) to = text.lastIndexOf(' ', to) > from ? text.lastIndexOf(' ', to) : to;
  }
  let out = from > 0 ? '… ' : '';
  let pos = from;
  for (const m of marks) {
    if (m.start < from || m.end > to) continue;
    out += `${escapeHtml(text.slice(pos, m.start))}<mark>${escapeHtml(text.slice(m.start, m.end))}</mark>`;
    pos = m.end;
  }
  out += escapeHtml(text.slice(pos, to));
  if (to < text.length) out += ' …';
  return out;
}

/** Private-use characters a backend wraps matches in; removed from source text first so they are unambiguous. */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

/** Strips the sentinel characters from text before it is sent to a backend that will insert them. */
export function stripSentinels(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/**
 * Converts text a backend marked with MARK_OPEN/MARK_CLOSE into an HTML-safe snippet: escape everything,
 * then turn the sentinels into <mark> tags. Returns undefined when nothing was marked.
 */
export function sentinelsToHtml(marked: string): string | undefined {
  if (!marked.includes(MARK_OPEN)) return undefined;
  return escapeHtml(marked).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}
