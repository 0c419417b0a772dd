import { detectDatesOfBirth } from './detect-dates-of-birth.ts';
import { detectEmails } from './detect-emails.ts';
import { detectNamedChildren } from './detect-named-children.ts';
import { detectNhsNumbers } from './detect-nhs-numbers.ts';
import { detectNiNumbers } from './detect-ni-numbers.ts';
import { detectPhones } from './detect-phones.ts';
import { detectPostcodes } from './detect-postcodes.ts';
import type { Finding } from './finding.ts';

const DETECTORS: ReadonlyArray<(text: string) => Finding[]> = [
  detectPostcodes,
  detectNhsNumbers,
  detectNiNumbers,
  detectPhones,
  detectEmails,
  detectDatesOfBirth,
  detectNamedChildren,
];

/**
 * Finds UK personal data in one text. Findings are sorted by position; where two overlap, the more
 * confident one is kept, so one span is reported once.
 */
export function scanText(text: string): Finding[] {
  if (text.length === 0) return [];
  const all = DETECTORS.flatMap((detect) => detect(text)).sort(
    (a, b) => b.confidence - a.confidence || a.start - b.start,
  );
  const kept: Finding[] = [];
  for (const f of all) {
    if (kept.some((k) => k.start < f.end && f.start < k.end)) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
