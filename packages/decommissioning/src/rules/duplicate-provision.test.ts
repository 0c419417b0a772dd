import { describe, expect, it } from 'vitest';
import { checksOf, healthyService } from '../../test/fixtures.ts';
import { cohortKeywords, jaccard } from './duplicate-provision.ts';

const neet = (name: string, description: string, extra = {}) =>
  healthyService({
    name,
    cohort: { description, ageRange: null, needLevels: [] },
    indicators: [
      { indicator: 'neet-rate', baseline: { value: 10, year: '2020' }, latest: { value: 8, year: '2024' } },
    ],
    ...extra,
  });

describe('duplicate-provision', () => {
  it('fires for both services when ages overlap and a need level is shared on the same indicator', () => {
    const a = neet('Youth mentoring', 'x', {
      cohort: { description: null, ageRange: { min: 14, max: 18 }, needLevels: ['targeted'] },
    });
    const b = neet('Careers coaching', 'y', {
      cohort: { description: null, ageRange: { min: 16, max: 19 }, needLevels: ['targeted', 'specialist'] },
    });
    const [checkA] = checksOf('duplicate-provision', [a, b]);
    const [checkB] = checksOf('duplicate-provision', [a, b], {}, 1);
    expect(checkA).toMatchObject({
      status: 'fired',
      evidence: { indicator: 'neet-rate', relatedServices: ['Careers coaching'] },
    });
    expect(checkB).toMatchObject({ status: 'fired', evidence: { relatedServices: ['Youth mentoring'] } });
    expect(checkA?.explanation).toMatch(/overlapping ages and a shared level of need/);
  });

  it('fires on similar cohort descriptions at the keyword threshold', () => {
    // Keywords {care, leavers, needing, housing} and {care, leavers, seeking, employment}: 2 shared of 6, Jaccard 1/3.
    const a = neet('Pathway A', 'Care leavers needing housing');
    const b = neet('Pathway B', 'Care leavers seeking employment');
    expect(
      jaccard(
        cohortKeywords('Care leavers needing housing'),
        cohortKeywords('Care leavers seeking employment'),
      ),
    ).toBe(2 / 6);
    expect(
      checksOf('duplicate-provision', [a, b], { thresholds: { duplicateKeywordOverlap: 2 / 6 } })[0]?.status,
    ).toBe('fired');
  });

  it('does not fire just below the keyword threshold', () => {
    const a = neet('Pathway A', 'Care leavers needing housing');
    const b = neet('Pathway B', 'Care leavers seeking employment');
    expect(
      checksOf('duplicate-provision', [a, b], { thresholds: { duplicateKeywordOverlap: 0.34 } })[0]?.status,
    ).toBe('clear');
  });

  it('does not fire without a shared indicator, or when recorded ages or needs differ', () => {
    const a = neet('A', 'Care leavers needing housing');
    const otherIndicator = { ...neet('B', 'Care leavers needing housing'), indicators: [] };
    expect(checksOf('duplicate-provision', [a, otherIndicator])[0]?.status).toBe('clear');
    const young = neet('C', 'Care leavers needing housing', {
      cohort: { description: 'Care leavers needing housing', ageRange: { min: 0, max: 5 }, needLevels: [] },
    });
    const old = neet('D', 'Care leavers needing housing', {
      cohort: { description: 'Care leavers needing housing', ageRange: { min: 16, max: 21 }, needLevels: [] },
    });
    expect(checksOf('duplicate-provision', [young, old])[0]?.status).toBe('clear');
  });

  it('ignores words every children’s service uses', () => {
    expect([...cohortKeywords('Support for children and young people and their families')]).toEqual([]);
  });
});
