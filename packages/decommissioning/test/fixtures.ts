import type { DeflatorSeries } from '@costed/schema';
import type { PortfolioServiceInput } from '../src/portfolio-service.ts';
import type { IndicatorInfo } from '../src/rules/rule-check.ts';

/** A short extract of the HMT March 2026 financial-year series (base 2024-25 = 100). */
export const FY_DEFLATORS: DeflatorSeries = {
  id: 'hmt-gdp-deflator-fy-2026-03',
  kind: 'financial',
  release: 'HM Treasury GDP deflators: March 2026 (Quarterly National Accounts)',
  base: '2024-25',
  sourceUrl: 'https://www.gov.uk/government/collections/gdp-deflators-at-market-prices-and-money-gdp',
  points: [
    { year: '2012-13', index: 71.5454, status: 'outturn' },
    { year: '2022-23', index: 91.2996, status: 'outturn' },
    { year: '2023-24', index: 96.1117, status: 'outturn' },
    { year: '2024-25', index: 100, status: 'outturn' },
  ],
};

export const INDICATORS: IndicatorInfo[] = [
  {
    id: 'care-proceedings-under-2',
    name: 'Care proceedings for children under 2',
    unit: 'count',
    betterDirection: 'lower',
  },
  { id: 'neet-rate', name: 'NEET rate', unit: 'percent', betterDirection: 'lower' },
  { id: 'school-attendance', name: 'School attendance', unit: 'percent', betterDirection: 'higher' },
  {
    id: 'first-time-entrants',
    name: 'First-time entrants to youth justice',
    unit: 'rate-per-10000',
    betterDirection: 'lower',
  },
];

export const TODAY = '2025-01-15';
export const PRICE_YEAR = '2024-25';

/** A service no rule flags, to be varied one field at a time. */
export function healthyService(overrides: Partial<PortfolioServiceInput> = {}): PortfolioServiceInput {
  return {
    name: 'Family Support Team',
    provider: 'Council in-house',
    annualCost: { pence: 100_000_000, priceYear: '2024-25' },
    contractEnd: '2028-03-31',
    cohort: {
      description: 'Families with babies at risk of care proceedings',
      ageRange: { min: 0, max: 2 },
      needLevels: ['specialist'],
    },
    participantsPerYear: 100,
    indicators: [
      {
        indicator: 'care-proceedings-under-2',
        baseline: { value: 100, year: '2021-22' },
        latest: { value: 50, year: '2023-24' },
      },
    ],
    evidenceLevel: 3,
    deliveryStartYear: 2020,
    caseStudySlugs: [],
    interventionNames: [],
    ...overrides,
  };
}

export const OPTIONS = {
  today: TODAY,
  indicators: INDICATORS,
  deflators: FY_DEFLATORS,
  priceYear: PRICE_YEAR,
  comparators: [],
};

import { type ReviewOptions, reviewPortfolio } from '../src/review-portfolio.ts';
import type { RuleCheck, RuleId } from '../src/rules/rule-check.ts';

/** Reviews the services and returns the checks of one rule for the first service. */
export function checksOf(
  rule: RuleId,
  services: PortfolioServiceInput[],
  options: Partial<ReviewOptions> = {},
  position = 0,
): RuleCheck[] {
  const review = reviewPortfolio(services, { ...OPTIONS, ...options });
  return review.results[position]?.checks.filter((c) => c.rule === rule) ?? [];
}

export function statusOf(
  rule: RuleId,
  services: PortfolioServiceInput[],
  options: Partial<ReviewOptions> = {},
) {
  return checksOf(rule, services, options).map((c) => c.status);
}
