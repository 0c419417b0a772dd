import { describe, expect, it } from 'vitest';
import { checksOf, healthyService } from '../../test/fixtures.ts';

describe('weak-evidence-after-n-years (today 2025-01-15, defaults: level ≤ 1 after 3 years)', () => {
  it('fires at level 1 after exactly 3 years', () => {
    const [check] = checksOf('weak-evidence-after-n-years', [
      healthyService({ evidenceLevel: 1, deliveryStartYear: 2022 }),
    ]);
    expect(check).toMatchObject({
      status: 'fired',
      category: 'evidence-gap',
      threshold: { weakEvidenceMaxLevel: 1, weakEvidenceAfterYears: 3 },
      evidence: { values: { evidenceLevel: 1, deliveryStartYear: 2022, yearsDelivered: 3 } },
    });
  });

  it('does not fire just short of 3 years', () => {
    expect(
      checksOf('weak-evidence-after-n-years', [
        healthyService({ evidenceLevel: 1, deliveryStartYear: 2023 }),
      ])[0]?.status,
    ).toBe('clear');
  });

  it('does not fire at level 2 (just above the weak level)', () => {
    expect(
      checksOf('weak-evidence-after-n-years', [
        healthyService({ evidenceLevel: 2, deliveryStartYear: 2010 }),
      ])[0]?.status,
    ).toBe('clear');
  });

  it('treats a never-assessed service as level 0 and says so', () => {
    const [check] = checksOf('weak-evidence-after-n-years', [
      healthyService({ evidenceLevel: null, deliveryStartYear: 2015 }),
    ]);
    expect(check?.status).toBe('fired');
    expect(check?.explanation).toMatch(/never had its evidence assessed/);
  });

  it('uses the configured N and level', () => {
    const s = healthyService({ evidenceLevel: 2, deliveryStartYear: 2020 });
    expect(
      checksOf('weak-evidence-after-n-years', [s], {
        thresholds: { weakEvidenceMaxLevel: 2, weakEvidenceAfterYears: 5 },
      })[0]?.status,
    ).toBe('fired');
    expect(
      checksOf('weak-evidence-after-n-years', [s], {
        thresholds: { weakEvidenceMaxLevel: 2, weakEvidenceAfterYears: 6 },
      })[0]?.status,
    ).toBe('clear');
  });
});
