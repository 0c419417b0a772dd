import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Finding } from './finding.ts';

// Phone-shaped text: a UK trunk prefix (0, +44, 0044, "+44 (0)") and then digits with spaces, hyphens,
// dots or brackets between them, not continuing a figure ("£173,028 2000-01"). libphonenumber decides whether it is a real UK number.
const CANDIDATE =
  /(?<![\w+.,£$€/-])(?:\+44\s?\(0\)\s?|\+44[\s-]?|0044[\s-]?|\(0|0)\d(?:[\s\-.)]{0,2}\d){8,10}(?!\d)/g;

// Ofcom keeps these ranges for drama and examples: never issued, so libphonenumber calls them invalid.
// They are still a phone number written about a person, and they are what test data and redacted
// examples use, so a phone-number-shaped value in them is refused like a real one.
const DRAMA_RANGES = [
  /^7700900\d{3}$/,
  /^1632960\d{3}$/,
  /^(?:113|114|115|116|117|118|121|131|141|151|161)4960\d{3}$/,
  /^1914980\d{3}$/,
  /^2079460\d{3}$/,
  /^2890180\d{3}$/,
  /^2920180\d{3}$/,
  /^3069990\d{3}$/,
  /^8081570\d{3}$/,
  /^9098790\d{3}$/,
];

/** UK phone numbers that libphonenumber validates, plus Ofcom's drama ranges. */
export function detectPhones(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const parsed = parsePhoneNumberFromString(m[0].replace(/\(0\)/, ''), 'GB');
    if (parsed === undefined || parsed.countryCallingCode !== '44') continue;
    const national = String(parsed.nationalNumber);
    const drama = DRAMA_RANGES.some((r) => r.test(national));
    if (!parsed.isValid() && !drama) continue;
    let seen = 0;
    const digitCount = m[0].replace(/\D/g, '').length;
    found.push({
      kind: 'phone',
      start: m.index,
      end: m.index + m[0].length,
      // Keep the dialling code's first digits so a reviewer can tell a mobile from a landline.
      match: m[0].replace(/\d/g, (d) => (++seen <= 5 || seen > digitCount ? d : '*')),
      reason: 'A phone number reaches one household or person and can identify a child; remove it.',
      confidence: drama ? 0.85 : 0.95,
    });
  }
  return found;
}
