import { CaseStudy, type CaseStudyInput, Council } from '@costed/schema';

/** A small, schema-valid case study; `overrides` replace top-level fields before parsing. */
export function makeCaseStudy(overrides: Partial<CaseStudyInput> = {}): CaseStudy {
  const input: CaseStudyInput = {
    slug: 'east-riding-early-help',
    title: 'East Riding: an early help hub',
    summary: 'The council merged three early help teams into one hub with a single front door for families.',
    body: 'The council merged three teams into one early help hub and tracked referrals for two years.',
    councils: ['E06000011'],
    intervention: { name: 'Early help hub', description: 'Three teams merged into one hub.' },
    policyStrand: 'contact-and-referrals',
    serviceAreas: ['early-help', 'family-support'],
    deliveryModel: 'in-house',
    cohort: {
      description: 'Families with emerging needs',
      ageRange: { min: 0, max: 18 },
      needLevels: ['targeted'],
    },
    period: { start: '2012', end: '2014-03' },
    costs: [
      {
        label: 'Hub set-up',
        money: { pence: 12_345_678, priceYear: '2012-13' },
        kind: 'set-up',
        basis: 'total',
        funder: 'DfE Innovation Fund',
        citation: { source: 'lgc-2014', quote: 'The hub cost £123,456.78 to set up.', locator: 'p. 2' },
      },
      {
        label: 'Running costs',
        money: { notReported: true, reason: 'The article gives no running cost.' },
        kind: 'recurring',
        basis: 'per-year',
      },
    ],
    savings: [
      {
        label: 'Fewer agency social workers',
        money: { pence: 50_000_000, priceYear: '2013-14' },
        cashable: 'cashable',
        claimedBy: 'The council',
        verifiedBy: null,
        citation: { source: 'lgc-2014', quote: 'It saved £500,000 on agency staff.' },
      },
    ],
    outcomes: [
      {
        indicator: 'referrals-rate',
        unit: 'rate-per-10000',
        betterDirection: 'lower',
        baseline: { value: 612.4, year: '2011-12' },
        followUp: { value: 540.1, year: '2013-14' },
        comparator: { label: 'national average', value: 573.0, year: '2013-14' },
        citation: { source: 'lgc-2014', quote: 'Referrals fell from 612 to 540 per 10,000.' },
      },
      {
        indicator: 'neet-rate',
        unit: 'percent',
        betterDirection: 'lower',
        followUp: { value: 4.2, year: '2014' },
        citation: { source: 'lgc-2014', quote: 'The NEET rate was 4.2 per cent in 2014.' },
      },
    ],
    evidence: {
      design: 'before-after',
      evaluator: null,
      independence: 'internal',
      level: 1,
      result: 'not-evaluated',
      rationale: 'Referral counts before and after, with no comparison group.',
      assessedBy: 'Costed curators',
      assessedOn: '2025-01-15',
    },
    sources: [
      {
        id: 'lgc-2014',
        title: 'Early help hub cuts referrals',
        publisher: 'Local Government Chronicle',
        date: '2014-05',
        url: 'https://example.org/lgc-2014',
      },
    ],
    ...overrides,
  };
  return CaseStudy.parse(input);
}

export const EAST_RIDING = Council.parse({
  gssCode: 'E06000011',
  name: 'East Riding of Yorkshire',
  officialName: 'East Riding of Yorkshire Council',
  type: 'unitary',
  region: 'Yorkshire and The Humber',
});
