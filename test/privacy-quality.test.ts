import { readFileSync } from 'node:fs';
import { type FindingKind, scanText } from '@costed/privacy';
import { describe, expect, it } from 'vitest';

interface Labelled {
  id: string;
  text: string;
  kinds: FindingKind[];
}

const rows: Labelled[] = readFileSync(new URL('./fixtures/privacy/labelled.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Labelled);

const positives = rows.filter((r) => r.kinds.length > 0);
const negatives = rows.filter((r) => r.kinds.length === 0);

// Recall counts each labelled (snippet, kind) pair; a false positive is a clean snippet with any finding.
const misses: string[] = [];
let labelled = 0;
const perKind = new Map<FindingKind, { found: number; total: number }>();
for (const r of positives) {
  const kinds = new Set(scanText(r.text).map((f) => f.kind));
  for (const k of r.kinds) {
    labelled++;
    const tally = perKind.get(k) ?? { found: 0, total: 0 };
    tally.total++;
    if (kinds.has(k)) tally.found++;
    else misses.push(`${r.id} ${k}: ${r.text}`);
    perKind.set(k, tally);
  }
}
const falsePositives = negatives.flatMap((r) =>
  scanText(r.text).map((f) => `${r.id} ${f.kind} "${r.text.slice(f.start, f.end)}": ${r.text}`),
);
const flaggedNegatives = new Set(falsePositives.map((f) => f.split(' ')[0])).size;
const recall = (labelled - misses.length) / labelled;
const falsePositiveRate = flaggedNegatives / negatives.length;

console.log(
  [
    `privacy quality set: ${rows.length} snippets (${positives.length} with personal data, ${negatives.length} clean)`,
    `recall ${recall.toFixed(3)} (${labelled - misses.length}/${labelled} labelled identifiers)`,
    `false-positive rate ${falsePositiveRate.toFixed(3)} (${flaggedNegatives}/${negatives.length} clean snippets flagged)`,
    ...[...perKind].map(([k, t]) => `  ${k}: ${t.found}/${t.total}`),
    ...misses.map((m) => `  missed ${m}`),
    ...falsePositives.map((f) => `  false positive ${f}`),
  ].join('\n'),
);

describe('privacy quality set', () => {
  it('has at least 200 snippets, 100 of each class, and every kind among the positives', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(positives.length).toBeGreaterThanOrEqual(100);
    expect(negatives.length).toBeGreaterThanOrEqual(100);
    const kinds = new Set(positives.flatMap((r) => r.kinds));
    expect([...kinds].sort()).toEqual(
      ['date-of-birth', 'email', 'named-child', 'nhs-number', 'ni-number', 'phone', 'postcode'].sort(),
    );
    for (const [, t] of perKind) expect(t.total).toBeGreaterThanOrEqual(10);
  });

  it('finds at least 95% of the personal data', () => {
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('flags at most 5% of clean snippets', () => {
    expect(falsePositiveRate).toBeLessThanOrEqual(0.05);
  });
});
