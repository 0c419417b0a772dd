import { describe, expect, it } from 'vitest';
import { FY_DEFLATORS, healthyService, OPTIONS } from '../test/fixtures.ts';
import { isDecommissioningError } from './decommissioning-error.ts';
import { reviewPortfolio } from './review-portfolio.ts';
import { DEFAULT_REVIEW_THRESHOLDS } from './review-thresholds.ts';

describe('reviewPortfolio', () => {
  it('keeps a service no rule flags, and records thresholds, date and method stamp', () => {
    const review = reviewPortfolio([healthyService()], OPTIONS);
    expect(review.results[0]).toMatchObject({ recommendation: 'keep', flags: [] });
    expect(review.thresholds).toEqual(DEFAULT_REVIEW_THRESHOLDS);
    expect(review.reviewedOn).toBe('2025-01-15');
    expect(review.methodStamp).toEqual({
      methodVersion: '1.0.0',
      deflatorRelease: FY_DEFLATORS.release,
      rulesVersion: '1.0.0',
    });
  });

  it('records the thresholds actually used, defaults filled in', () => {
    const review = reviewPortfolio([healthyService()], { ...OPTIONS, thresholds: { minComparators: 6 } });
    expect(review.thresholds).toEqual({ ...DEFAULT_REVIEW_THRESHOLDS, minComparators: 6 });
  });

  it('recommends evaluating, never cutting, a long-running service with no outcome data and weak evidence', () => {
    const service = healthyService({ indicators: [], evidenceLevel: 0, deliveryStartYear: 2012 });
    const [result] = reviewPortfolio([service], OPTIONS).results;
    expect(result?.flags.map((f) => f.rule).sort()).toEqual([
      'no-outcome-data',
      'weak-evidence-after-n-years',
    ]);
    expect(result?.recommendation).toBe('evaluate-before-deciding');
    expect(result?.explanation).toContain('missing evidence is never on its own a reason to decommission');
  });

  it('suggests considering decommissioning when outcomes are not improving and a cheaper alternative does better', () => {
    const service = healthyService({
      participantsPerYear: 1000,
      indicators: [
        {
          indicator: 'care-proceedings-under-2',
          baseline: { value: 50, year: '2021-22' },
          latest: { value: 52, year: '2023-24' },
        },
      ],
    });
    const alternative = {
      slug: 'cheaper-model',
      indicator: 'care-proceedings-under-2',
      priceYear: '2024-25',
      costPerParticipantPence: 50_000,
      improvementPercent: 15,
      evidenceLevel: 3,
    };
    const [result] = reviewPortfolio([service], { ...OPTIONS, comparators: [alternative] }).results;
    expect(result?.flags.map((f) => f.rule)).toEqual(['outcomes-not-improving', 'dominated']);
    expect(result?.recommendation).toBe('consider-decommissioning');
  });

  it('every check names its rule, threshold and a one-sentence explanation', () => {
    const review = reviewPortfolio([healthyService(), healthyService({ name: 'Second' })], OPTIONS);
    for (const check of review.results.flatMap((r) => r.checks)) {
      expect(check.explanation).toMatch(/^[^\n]+[.)]$/);
      expect(typeof check.threshold).toBe('object');
    }
  });

  it('a cost it cannot convert leaves the cost rules unassessed with the reason, not the whole review failed', () => {
    const service = healthyService({ annualCost: { pence: 100, priceYear: '2019-20' } });
    const [result] = reviewPortfolio([service], OPTIONS).results;
    const cost = result?.checks.find((c) => c.rule === 'cost-per-outcome-above-upper-quartile');
    expect(cost?.status).toBe('not-assessed');
    expect(cost?.explanation).toMatch(/outside the deflator series/);
  });

  it('refuses an indicator missing from the taxonomy, a bad date and bad thresholds with stable codes', () => {
    const unknown = healthyService({ indicators: [{ indicator: 'made-up', baseline: null, latest: null }] });
    expect(() => reviewPortfolio([unknown], OPTIONS)).toThrow(
      expect.objectContaining({ code: 'unknown-indicator' }),
    );
    try {
      reviewPortfolio([healthyService()], { ...OPTIONS, today: '15/01/2025' });
      expect.unreachable();
    } catch (error) {
      expect(isDecommissioningError(error, 'invalid-date')).toBe(true);
    }
    expect(() => reviewPortfolio([], { ...OPTIONS, thresholds: { costPercentile: 20 } })).toThrow(
      expect.objectContaining({ code: 'invalid-review-options' }),
    );
  });
});
