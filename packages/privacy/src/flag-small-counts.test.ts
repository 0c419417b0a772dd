import { describe, expect, it } from 'vitest';
import { ScanResult } from './finding.ts';
import { flagSmallCounts, SMALL_COUNT_THRESHOLD } from './flag-small-counts.ts';

describe('flagSmallCounts', () => {
  it('flags populations and count values under 10 with their paths', () => {
    const flags = flagSmallCounts([
      {
        unit: 'percent',
        population: 240,
        baseline: { value: 4, year: '2012' },
        followUp: { value: 3, year: '2015' },
      },
      {
        unit: 'count',
        population: 6,
        baseline: { value: 9, year: '2012' },
        followUp: { value: 12, year: '2015' },
      },
      { unit: 'count', followUp: { value: 0, year: '2015' } },
      { unit: 'count', followUp: { value: 10, year: '2015' } },
    ]);
    expect(flags.map((f) => [f.pointer, f.path, f.value])).toEqual([
      ['/outcomes/1/population', 'outcomes.1.population', 6],
      ['/outcomes/1/baseline/value', 'outcomes.1.baseline.value', 9],
    ]);
    expect(
      flags.every((f) => f.threshold === SMALL_COUNT_THRESHOLD && f.reason.includes('identifiable')),
    ).toBe(true);
  });

  it('uses the base path it is given', () => {
    const [flag] = flagSmallCounts(
      [{ unit: 'count', followUp: { value: 3, year: '2015' } }],
      '/caseStudy/outcomes',
    );
    expect(flag?.pointer).toBe('/caseStudy/outcomes/0/followUp/value');
    expect(flag?.path).toBe('caseStudy.outcomes.0.followUp.value');
  });

  it('produces flags the scan result schema accepts', () => {
    const smallCounts = flagSmallCounts([
      { unit: 'count', population: 2, followUp: { value: 1, year: '2015' } },
    ]);
    expect(ScanResult.parse({ ok: true, findings: [], smallCounts }).smallCounts).toHaveLength(2);
  });
});
