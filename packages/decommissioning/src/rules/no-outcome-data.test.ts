import { describe, expect, it } from 'vitest';
import { checksOf, healthyService } from '../../test/fixtures.ts';

describe('no-outcome-data', () => {
  it('fires when no indicator is recorded, naming the rule and explaining', () => {
    const [check] = checksOf('no-outcome-data', [healthyService({ indicators: [] })]);
    expect(check).toMatchObject({ status: 'fired', severity: 'warning', category: 'evidence-gap' });
    expect(check?.explanation).toMatch(/no target outcome indicator/);
  });

  it('fires when indicators have no latest value', () => {
    const service = healthyService({
      indicators: [{ indicator: 'neet-rate', baseline: { value: 10, year: '2020' }, latest: null }],
    });
    const [check] = checksOf('no-outcome-data', [service]);
    expect(check?.status).toBe('fired');
    expect(check?.evidence.values).toEqual({ indicatorsRecorded: 1, indicatorsWithLatestValue: 0 });
  });

  it('does not fire with one latest value, even without a baseline (just past the threshold)', () => {
    const service = healthyService({
      indicators: [
        { indicator: 'neet-rate', baseline: null, latest: { value: 8, year: '2024' } },
        { indicator: 'school-attendance', baseline: { value: 90, year: '2020' }, latest: null },
      ],
    });
    expect(checksOf('no-outcome-data', [service]).map((c) => c.status)).toEqual(['clear']);
  });
});
