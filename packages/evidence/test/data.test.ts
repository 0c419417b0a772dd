import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadEvidence } from '../src/index.ts';

// The repository's own evidence base: this is the gate that keeps data/ valid in CI.
const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');

describe('data/', () => {
  it('every file in data/ is valid', async () => {
    const { evidence, issues } = await loadEvidence(DATA);
    expect(issues.map(formatIssue)).toEqual([]);
    expect(evidence.caseStudies.length).toBeGreaterThanOrEqual(11);
  });
});
