import { describe, expect, it } from 'vitest';
import { checksOf, healthyService } from '../../test/fixtures.ts';

const withCare = (baseline: number, latest: number) =>
  healthyService({
    indicators: [
      {
        indicator: 'care-proceedings-under-2',
        baseline: { value: baseline, year: '2021-22' },
        latest: { value: latest, year: '2023-24' },
      },
    ],
  });

describe('outcomes-not-improving', () => {
  it('fires at the tolerance: a 5% fall in a lower-is-better indicator is not more than 5%', () => {
    const [check] = checksOf('outcomes-not-improving', [withCare(100, 95)]);
    expect(check).toMatchObject({
      status: 'fired',
      severity: 'concern',
      threshold: { outcomeTolerancePercent: 5 },
      evidence: { indicator: 'care-proceedings-under-2' },
    });
    expect(check?.explanation).toMatch(/went from 100 \(2021-22\) to 95 \(2023-24\)/);
  });

  it('does not fire just past the tolerance (5.1%)', () => {
    expect(checksOf('outcomes-not-improving', [withCare(100, 94.9)])[0]?.status).toBe('clear');
  });

  it('is direction-aware: a rise in a lower-is-better indicator fires, in a higher-is-better one it does not', () => {
    expect(checksOf('outcomes-not-improving', [withCare(100, 120)])[0]?.status).toBe('fired');
    const attendance = healthyService({
      indicators: [
        {
          indicator: 'school-attendance',
          baseline: { value: 80, year: '2020' },
          latest: { value: 90, year: '2024' },
        },
      ],
    });
    expect(checksOf('outcomes-not-improving', [attendance])[0]?.status).toBe('clear');
  });

  it('uses the configured tolerance', () => {
    expect(
      checksOf('outcomes-not-improving', [withCare(100, 90)], {
        thresholds: { outcomeTolerancePercent: 10 },
      })[0]?.status,
    ).toBe('fired');
    expect(
      checksOf('outcomes-not-improving', [withCare(100, 90)], {
        thresholds: { outcomeTolerancePercent: 9.9 },
      })[0]?.status,
    ).toBe('clear');
  });

  it('is not assessed without a baseline, and says why', () => {
    const service = healthyService({
      indicators: [{ indicator: 'neet-rate', baseline: null, latest: { value: 8, year: '2024' } }],
    });
    const [check] = checksOf('outcomes-not-improving', [service]);
    expect(check?.status).toBe('not-assessed');
    expect(check?.explanation).toMatch(/baseline and a latest value/);
  });
});
