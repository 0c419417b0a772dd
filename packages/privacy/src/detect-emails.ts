// CommonJS module: under NodeNext its default export sits on `.default`.
import isEmail from 'validator/lib/isEmail.js';
import type { Finding } from './finding.ts';

// Loose: finds anything around an @; validator.js then applies the full address grammar.
const CANDIDATE = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** E-mail addresses. Every address is refused: the scanner cannot tell a person's inbox from a team's. */
export function detectEmails(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    // Trim sentence punctuation glued to the end ("...@example.com.").
    const value = m[0].replace(/[.'-]+$/, '');
    if (!isEmail.default(value)) continue;
    const at = value.indexOf('@');
    found.push({
      kind: 'email',
      start: m.index,
      end: m.index + value.length,
      match: `${value.slice(0, 1)}***${value.slice(at)}`,
      reason:
        'An e-mail address reaches one person and often contains their name; remove it, or link to a web page instead.',
      confidence: 0.95,
    });
  }
  return found;
}
