import { createRequire } from 'node:module';

// valid-nino is CommonJS with `exports.default`: Node's ESM loader and vitest disagree on what a
// default import of it is, so it is loaded with require, which both read the same way.
const isValidNino = (createRequire(import.meta.url)('valid-nino') as { default: (value: string) => boolean })
  .default;

import type { Finding } from './finding.ts';

// Two letters, six digits in pairs or one block, and the suffix letter A-D (sometimes left off).
const CANDIDATE = /\b([A-Za-z]{2})\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-Da-d])?\b/g;

/** National Insurance numbers, checked against HMRC's prefix rules (no D, F, I, Q, U, V; no O second; no BG, GB, KN, NK, NT, TN, ZZ). */
export function detectNiNumbers(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const prefix = (m[1] ?? '').toUpperCase();
    const suffix = (m[5] ?? '').toUpperCase();
    const normalised = `${prefix}${m[2]}${m[3]}${m[4]}${suffix === '' ? ' ' : suffix}`;
    if (!isValidNino(normalised)) continue;
    // Lower-case letters followed by digit pairs occur in prose ("at 12 34 56"); accept them only when
    // the words before say this is a National Insurance number.
    const lowerCase = m[1] !== prefix;
    const context = /national insurance|\bNI\b|\bNINO\b/i.test(
      text.slice(Math.max(0, m.index - 50), m.index),
    );
    if (lowerCase && !context) continue;
    // Without a suffix letter, two letters and six digits are weaker evidence (e.g. a "PR 12 34 56" order code).
    found.push({
      kind: 'ni-number',
      start: m.index,
      end: m.index + m[0].length,
      match: `${m[0].slice(0, 2)}${m[0].slice(2).replace(/[A-Za-z0-9]/g, '*')}`,
      reason: 'This looks like a National Insurance number, which identifies one person for life; remove it.',
      confidence: suffix === '' ? 0.7 : 0.95,
    });
  }
  return found;
}
