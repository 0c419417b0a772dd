import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEvidence } from '@costed/evidence';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The seed articles live in the project's shared folder beside the checkout (as in CI); they are not redistributed.
const seedsDir = join(root, '..', 'shared', 'seeds');
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.log(`seed quote check skipped: ${seedsDir} is not present beside the checkout`);

/** Whitespace differs between the articles' line wrapping and a YAML string; nothing else may. */
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.skipIf(!haveSeeds)('every quote in the seed case studies is verbatim in its seed article', () => {
  it('finds each cited sentence in the file its source names', async () => {
    const { evidence, issues } = await loadEvidence(join(root, 'data'));
    expect(issues).toEqual([]);
    const missing: string[] = [];
    let checked = 0;
    for (const { value: cs } of evidence.caseStudies) {
      const files = new Map(cs.sources.filter((s) => s.file).map((s) => [s.id, s.file as string]));
      const citations = [
        ...cs.costs.map((c) => c.citation),
        ...cs.savings.map((s) => s.citation),
        ...cs.outcomes.map((o) => o.citation),
        ...cs.keyFacts.map((f) => f.citation),
        cs.cohort.size?.citation,
      ];
      for (const citation of citations) {
        const file = citation && files.get(citation.source);
        if (!citation || !file) continue;
        checked++;
        const text = normalise(readFileSync(join(seedsDir, file), 'utf8'));
        if (!text.includes(normalise(citation.quote)))
          missing.push(`${cs.slug}: "${citation.quote.slice(0, 80)}" not in ${file}`);
      }
    }
    console.log(`seed quotes checked: ${checked}, not found: ${missing.length}`);
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
