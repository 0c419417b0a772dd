import { describe, expect, it } from 'vitest';
import { checksOf, healthyService } from '../../test/fixtures.ts';
import type { EvidenceComparator } from './rule-check.ts';

// The service: £1,000,000 a year for 1,000 participants = £1,000 per participant; care proceedings fell 20%.
const service = healthyService({
  annualCost: { pence: 100_000_000, priceYear: '2024-25' },
  participantsPerYear: 1000,
  indicators: [
    {
      indicator: 'care-proceedings-under-2',
      baseline: { value: 50, year: '2021-22' },
      latest: { value: 40, year: '2023-24' },
    },
  ],
});

const alternative = (overrides: Partial<EvidenceComparator> = {}): EvidenceComparator => ({
  slug: 'cheaper-model',
  indicator: 'care-proceedings-under-2',
  priceYear: '2024-25',
  costPerParticipantPence: 90_000,
  improvementPercent: 20,
  evidenceLevel: 3,
  ...overrides,
});

describe('dominated', () => {
  it('fires when an alternative is at least 10% cheaper per participant and at least as effective', () => {
    const [check] = checksOf('dominated', [service], { comparators: [alternative()] });
    expect(check).toMatchObject({
      status: 'fired',
      severity: 'concern',
      threshold: { dominanceCostMarginPercent: 10, dominanceMinEvidenceLevel: 2 },
      evidence: {
        comparatorSlugs: ['cheaper-model'],
        values: { costPerParticipantPence: 100_000, improvementPercent: 20 },
      },
    });
    expect(check?.explanation).toMatch(/cheaper-model costs £900 per participant against £1,000 here/);
  });

  it('does not fire just inside the cost margin (9.9% cheaper)', () => {
    expect(
      checksOf('dominated', [service], { comparators: [alternative({ costPerParticipantPence: 90_100 })] })[0]
        ?.status,
    ).toBe('clear');
  });

  it('does not fire when the alternative is slightly less effective', () => {
    expect(
      checksOf('dominated', [service], { comparators: [alternative({ improvementPercent: 19.9 })] })[0]
        ?.status,
    ).toBe('clear');
  });

  it('ignores alternatives below the evidence level, and the service’s own case studies and model', () => {
    const weak = alternative({ evidenceLevel: 1 });
    const own = alternative({ slug: 'our-own-study' });
    const sameModel = alternative({ slug: 'other-site', intervention: 'Family Group Conferencing' });
    const linked = {
      ...service,
      caseStudySlugs: ['our-own-study'],
      interventionNames: ['family group conferencing'],
    };
    const [check] = checksOf('dominated', [linked], { comparators: [weak, own, sameModel] });
    expect(check?.status).toBe('not-assessed');
  });

  it('is not assessed without participants per year', () => {
    const [check] = checksOf('dominated', [{ ...service, participantsPerYear: null }], {
      comparators: [alternative()],
    });
    expect(check?.status).toBe('not-assessed');
    expect(check?.explanation).toMatch(/participants per year/);
  });
});
