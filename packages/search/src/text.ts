/**
 * Text handling shared by the embedded index, the highlighter and the synonym planner, so that a word is
 * normalised the same way when it is indexed, queried and highlighted.
 */

/** Words too common to help ranking; removed from queries and from the index alike. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'it',
  'of',
  'on',
  'or',
  'the',
  'to',
  'was',
  'were',
  'with',
]);

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cases and strips accents so "Café" and "cafe" are one word. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * A deliberately light plural folding ("families" → "family", "services" → "service"): commissioners type
 * singular and plural interchangeably, and a full stemmer would merge words that should stay apart
 * ("care" / "career").
 */
export function stemWord(word: string): string {
  const n = word.length;
  if (n <= 3 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  if (/\d/.test(word)) return word;
  if (word.endsWith('ies') && n > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  const before = word.charCodeAt(n - 2);
  // Keep "-ss", "-us" and "-is" words whole ("process", "status", "analysis").
  if (before === 115 || before === 117 || before === 105) return word;
  return word.slice(0, -1);
}

/** The index terms of a text: normalised, stemmed words without stop words, in order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of normalizeText(text).matchAll(WORD)) {
    const word = match[0];
    if (STOP_WORDS.has(word)) continue;
    out.push(stemWord(word));
  }
  return out;
}

export interface WordSpan {
  start: number;
  end: number;
  term: string;
}

/**
 * Word spans of the original text with their index term, for highlighting. Normalisation can change string
 * length (NFKD), so spans are found on the original text and each word is normalised on its own.
 */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normalizeText(match[0]);
    spans.push({ start: match.index, end: match.index + match[0].length, term: stemWord(word) });
  }
  return spans;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "safegaurding" is one
 * edit from "safeguarding"), giving up early once `max` is exceeded.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let curr = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prevPrev[j - 2]! + 1);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, curr] = [prev, curr, prevPrev];
  }
  return prev[n]!;
}

/** How many edits a query word may be from an index word: none under 4 letters, 1 up to 7, 2 from 8. */
export function allowedTypos(term: string): number {
  // Codes and numbers (GSS codes, years) must match exactly: a typo there is a different code.
  if (term.length < 4 || /\d/.test(term)) return 0;
  return term.length >= 8 ? 2 : 1;
}
