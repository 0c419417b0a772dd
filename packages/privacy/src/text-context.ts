// Helpers the detectors share to look at the words around a candidate.

/** The sentence holding [start, end): bounded by `.`, `!`, `?` followed by a space and a capital, or a newline. */
export function sentenceAround(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from > 0) {
    const c = text[from - 1];
    if (c === '\n') break;
    if ((c === ' ' || c === '\t') && /[.!?]/.test(text[from - 2] ?? '') && /[A-Z]/.test(text[from] ?? ''))
      break;
    from--;
  }
  let to = end;
  while (to < text.length) {
    const c = text[to];
    if (c === '\n') break;
    if (/[.!?]/.test(c ?? '') && /\s/.test(text[to + 1] ?? ' ') && /[A-Z]|^$/.test(text[to + 2] ?? '')) {
      to++;
      break;
    }
    to++;
  }
  return { from, to };
}

// One child's age, as opposed to a cohort's ("children aged 10-17", "16- and 17-year-olds").
const INDIVIDUAL_AGE =
  /\b(?:aged|age)\s+\d{1,2}\b(?!\s*(?:[-–]|to\b|and\b|or\b|\+|%))|\b\d{1,2}[- ](?:year|month|week)[- ]old\b(?!s)|\bage of \d{1,2}\b(?!\s*(?:[-–]|to\b|and\b))/i;
// A single child's circumstances told about one person ("she went missing", "he was removed").
const CIRCUMSTANCE =
  /\b(?:she|he)\b[^.]{0,60}\b(?:missing|placed|excluded|removed|admitted|arrested|adopted|taken into care|disclosed|self-harm\w*|exploited|groomed|found)\b/i;

/** Whether a sentence talks about one identifiable child's age or circumstances. */
export function hasChildContext(sentence: string): boolean {
  return INDIVIDUAL_AGE.test(sentence) || CIRCUMSTANCE.test(sentence);
}

/** Replaces letters and digits by `*`, keeping the characters whose indices `keep` accepts. */
export function maskCharacters(value: string, keep: (index: number, char: string) => boolean): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    out += /[\p{L}\p{N}]/u.test(c) && !keep(i, c) ? '*' : c;
  }
  return out;
}

/** Whether the characters just before `start` and just after `end` let a token stand alone. */
export function isStandalone(text: string, start: number, end: number, inside: RegExp): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  return !inside.test(before) && !inside.test(after);
}
