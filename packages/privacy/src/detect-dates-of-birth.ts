import * as chrono from 'chrono-node';
import type { Finding } from './finding.ts';
import { hasChildContext, maskCharacters, sentenceAround } from './text-context.ts';

const BIRTH_WORDS = /\b(?:born|birth|birthday|date of birth|dob)\b|\bd\.\s?o\.\s?b\b\.?/i;
// Numeric dates chrono does not read, e.g. "08/05/11" after "DOB" or "14.07.2011" after "d.o.b.".
const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]?\d)/g;
// A fixed reference date keeps the scan independent of the clock (relative phrases are not full dates anyway).
const REFERENCE = new Date(Date.UTC(2025, 0, 1));

interface DateSpan {
  start: number;
  end: number;
  year: string;
}

function findFullDates(text: string): DateSpan[] {
  const spans: DateSpan[] = [];
  for (const r of chrono.en.GB.parse(text, REFERENCE)) {
    const s = r.start;
    // A full date names the day, month and year; "March 2016", "2012-13" and "Monday" are not.
    if (!(s.isCertain('day') && s.isCertain('month') && s.isCertain('year'))) continue;
    if (r.end !== undefined && r.end !== null) continue; // ranges ("4 to 15 July 2016") describe periods
    const leading = r.text.match(/^(?:on|from|since|by)\s+(?:the\s+)?/i)?.[0].length ?? 0;
    spans.push({ start: r.index + leading, end: r.index + r.text.length, year: String(s.get('year')) });
  }
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const day = Number(m[1]);
    const month = Number(m[3]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    if (spans.some((s) => s.start < m.index + m[0].length && m.index < s.end)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, year: m[4] ?? '' });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Masks the day and month; the year alone is not identifying and helps a reviewer. */
function maskAllButYear(raw: string, year: string): string {
  const at = raw.indexOf(year);
  const keepFrom = at >= 0 ? at : raw.length - 2;
  const keepTo = at >= 0 ? at + year.length : raw.length;
  return maskCharacters(raw, (i) => i >= keepFrom && i < keepTo);
}

/**
 * Full dates of birth: a day-month-year date after a birth word ("born on", "DOB", "d.o.b."), or any
 * full date in a sentence about one child's age or circumstances. Years, month-years, financial years
 * and dates in other contexts (publication, launch, census day) pass.
 */
export function detectDatesOfBirth(text: string): Finding[] {
  const found: Finding[] = [];
  // Date parsing is most of the scan's cost; a text with neither a birth word nor a child's age or
  // circumstances anywhere cannot hold a finding, so it is not parsed at all.
  if (!BIRTH_WORDS.test(text) && !hasChildContext(text)) return found;
  for (const span of findFullDates(text)) {
    const before = text.slice(Math.max(0, span.start - 30), span.start);
    const birth = BIRTH_WORDS.test(before);
    const { from, to } = sentenceAround(text, span.start, span.end);
    if (!birth && !hasChildContext(text.slice(from, to))) continue;
    const raw = text.slice(span.start, span.end);
    found.push({
      kind: 'date-of-birth',
      start: span.start,
      end: span.end,
      match: maskAllButYear(raw, span.year),
      reason: birth
        ? 'A full date of birth, with the rest of a case, identifies a child; give the age or the year instead.'
        : 'A full date next to a child’s age or circumstances can identify the child; give the month and year instead.',
      confidence: birth ? 0.95 : 0.75,
    });
  }
  return found;
}
