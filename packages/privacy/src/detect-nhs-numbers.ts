import { createRequire } from 'node:module';
import type { Finding } from './finding.ts';

// nhs-number-validator is CommonJS and ships no types; requiring it with its one function's type keeps
// every package that imports this one type-checking without an ambient declaration.
const { validate } = createRequire(import.meta.url)('nhs-number-validator') as {
  validate: (nhsNumber: string) => boolean;
};

// Ten digits as one block or grouped 3-3-4 with one separator kind (space or hyphen), standing alone:
// not part of a longer number, a decimal, a money amount or a thousands-separated figure.
const CANDIDATE = /(?<![\d.,£$€/-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d]|[.,]\d|[-/]\d)/g;

/** NHS numbers: ten digits whose last digit is the modulus 11 check digit of the first nine. */
export function detectNhsNumbers(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    // Ten identical digits pass the check but are never issued; they appear as placeholders.
    if (/^(\d)\1{9}$/.test(digits) || !validate(digits)) continue;
    const sep = m[2] ?? '';
    found.push({
      kind: 'nhs-number',
      start: m.index,
      end: m.index + m[0].length,
      match: `***${sep}***${sep}**${digits.slice(8)}`,
      reason:
        'A ten-digit number with a valid NHS check digit looks like an NHS number, which identifies one patient; remove it.',
      confidence: /\bNHS\b/i.test(text.slice(Math.max(0, m.index - 40), m.index)) ? 0.98 : 0.85,
    });
  }
  return found;
}
