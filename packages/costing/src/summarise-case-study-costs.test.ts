import type { CaseStudy } from '@costed/schema';
import { describe, expect, it } from 'vitest';
import { FY_DEFLATORS } from '../test/fixtures.ts';
import { createPriceConverter } from './convert-price-year.ts';
import { summariseCaseStudyCosts } from './summarise-case-study-costs.ts';

const citation = { source: 's', quote: 'a quoted sentence from the source' };
const converter = createPriceConverter(FY_DEFLATORS);

function costs(lines: CaseStudy['costs'], size?: number): Pick<CaseStudy, 'costs' | 'cohort'> {
  return {
    costs: lines,
    cohort: {
      description: 'young people',
      needLevels: ['targeted'],
      ...(size ? { size: { count: size, unit: 'young-people', citation } } : {}),
    },
  };
}

describe('summariseCaseStudyCosts', () => {
  it('totals reported lines at one price year and divides by the cohort', () => {
    const s = summariseCaseStudyCosts(
      costs(
        [
          {
            label: 'Contract',
            money: { pence: 10_000_000, priceYear: '2024-25' },
            kind: 'recurring',
            basis: 'per-year',
            years: 2,
            citation,
          },
          {
            label: 'Set-up',
            money: { pence: 5_000_000, priceYear: '2024-25' },
            kind: 'set-up',
            basis: 'total',
            citation,
          },
        ],
        50,
      ),
      converter,
      '2024-25',
    );
    // 2 × £100,000 + £50,000 = £250,000; ÷ 50 = £5,000 each.
    expect(s.totalPence).toBe(25_000_000);
    expect(s.perParticipantPence).toBe(500_000);
    expect(s.perParticipantBasis).toBe('total-divided-by-cohort');
    expect(s.notReportedLines).toBe(0);
  });

  it('never reads "not reported" as zero, and leaves out lines it cannot total', () => {
    const s = summariseCaseStudyCosts(
      costs([
        {
          label: 'Implementation',
          money: { notReported: true, reason: 'The article gives no cost.' },
          kind: 'set-up',
          basis: 'total',
        },
        {
          label: 'Budget cut',
          money: { pence: 500_000_000, priceYear: '2010-11' },
          kind: 'recurring',
          basis: 'per-year',
          isReduction: true,
          citation,
        },
        {
          label: 'Annual running',
          money: { pence: 1_000, priceYear: '2012-13' },
          kind: 'recurring',
          basis: 'per-year',
          citation,
        },
      ]),
      converter,
      '2024-25',
    );
    expect(s.totalPence).toBeNull();
    expect(s.perParticipantPence).toBeNull();
    expect(s.notReportedLines).toBe(1);
    expect(s.lines.map((l) => l.excludedBecause)).toEqual([
      'not-reported',
      'reduction',
      'per-year-without-years',
    ]);
    // The cut is still converted, for display.
    expect(s.lines[1]?.converted?.priceYear).toBe('2024-25');
  });

  it('prefers a reported per-participant cost, converted', () => {
    const s = summariseCaseStudyCosts(
      costs(
        [
          {
            label: 'Per child',
            money: { pence: 100_000, priceYear: '2012-13' },
            kind: 'recurring',
            basis: 'per-participant',
            citation,
          },
        ],
        10,
      ),
      converter,
      '2024-25',
    );
    expect(s.perParticipantBasis).toBe('reported-per-participant');
    expect(s.perParticipantPence).toBe(Math.round(100_000 * converter.factor('2012-13', '2024-25')));
  });
});
