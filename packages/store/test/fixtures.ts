import type {
  CaseStudy,
  CaseStudyInput,
  Council,
  DeflatorSeries,
  DiscountSchedule,
  OutcomeIndicator,
  SynonymGroup,
  UnitCost,
} from '@costed/schema';
import type { SeedEvidence } from '../src/index.ts';

/** A valid case study; `n` varies the text so documents differ. */
export function makeCaseStudy(slug: string, overrides: Partial<CaseStudyInput> = {}, n = 1): CaseStudyInput {
  return {
    slug,
    title: `Council ${n} redesigns its early help front door`,
    summary: `Council ${n} merged its early help teams into one front door and reports fewer referrals.`,
    body: `## What changed\n\nThe council ${n} brought early help, the MASH and family support together.`,
    councils: ['E06000011'],
    intervention: { name: 'Family Hubs', description: 'One front door for early help and family support.' },
    policyStrand: 'contact-and-referrals',
    serviceAreas: ['early-help', 'family-support'],
    deliveryModel: 'in-house',
    cohort: {
      description: 'Families with emerging needs',
      needLevels: ['targeted'],
      ageRange: { min: 0, max: 18 },
    },
    period: { start: '2014', end: '2016' },
    costs: [
      {
        label: 'Set-up of the hub',
        money: { pence: 25_000_000 + n, priceYear: '2014-15' },
        kind: 'set-up',
        basis: 'total',
        citation: { source: 'lgc-2016', quote: 'The hub cost £250,000 to set up in 2014.' },
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
        label: 'Fewer children in care',
        money: { pence: 100_000_000, priceYear: '2015-16' },
        cashable: 'unknown',
        claimedBy: 'The council',
        verifiedBy: null,
        citation: { source: 'lgc-2016', quote: 'The council says it saved £1m in 2015-16.' },
      },
    ],
    outcomes: [
      {
        indicator: 'referrals-rate',
        unit: 'rate-per-10000',
        betterDirection: 'lower',
        baseline: { value: 612.5, year: '2013-14' },
        followUp: { value: 480.25, year: '2015-16' },
        citation: { source: 'lgc-2016', quote: 'Referrals fell from 612 to 480 per 10,000 children.' },
      },
    ],
    evidence: {
      design: 'before-after',
      evaluator: null,
      independence: 'internal',
      level: 1,
      result: 'not-evaluated',
      rationale: 'Before and after figures from the council only.',
      assessedBy: 'Costed curators',
      assessedOn: '2025-01-15',
    },
    sources: [
      {
        id: 'lgc-2016',
        title: 'Front door redesign',
        publisher: 'LGC',
        date: '2016-03',
        url: 'https://example.org/lgc',
      },
    ],
    tags: ['front door'],
    ...overrides,
  };
}

export const COUNCILS: Council[] = [
  {
    gssCode: 'E06000011',
    name: 'East Riding of Yorkshire',
    officialName: 'East Riding of Yorkshire Council',
    type: 'unitary',
    region: 'Yorkshire and The Humber',
    population0to17: 62_000,
  },
  {
    gssCode: 'E09000001',
    name: 'City of London',
    officialName: 'City of London Corporation',
    type: 'london-borough',
    region: 'London',
  },
];

export const DEFLATORS: DeflatorSeries[] = [
  {
    id: 'hmt-gdp-deflator-fy-2026-03',
    kind: 'financial',
    release: 'March 2026',
    base: '2024-25',
    sourceUrl: 'https://www.gov.uk/gdp-deflators',
    points: [
      { year: '2014-15', index: 78.123456789, status: 'outturn' },
      { year: '2015-16', index: 78.9, status: 'outturn' },
      { year: '2024-25', index: 100, status: 'outturn' },
      { year: '2025-26', index: 102.3, status: 'forecast' },
    ],
  },
];

export const DISCOUNT_SCHEDULES: DiscountSchedule[] = [
  {
    id: 'standard',
    name: 'Standard STPR',
    edition: 'Green Book 2022',
    sourceUrl: 'https://www.gov.uk/green-book',
    bands: [
      { fromYear: 0, toYear: 30, ratePercent: 3.5 },
      { fromYear: 31, toYear: 75, ratePercent: 3 },
      { fromYear: 76, toYear: null, ratePercent: 2.5 },
    ],
  },
];

export const UNIT_COSTS: UnitCost[] = [
  {
    id: 'lac-average-fiscal-per-year',
    item: 'Looked-after child, average per year',
    category: 'Children in care',
    money: { pence: 5_600_000, priceYear: '2022-23' },
    unit: 'per year',
    geography: 'England',
    costType: 'fiscal',
    agency: 'council-childrens-services',
    cashable: true,
    sourceName: 'Unit Cost Database',
    sourceReference: 'EDU1',
    confidenceGrade: 'Amber',
    sourceUrl: 'https://example.org/ucd',
  },
];

export const INDICATORS: OutcomeIndicator[] = [
  {
    id: 'referrals-rate',
    name: 'Referrals to children’s social care',
    description: 'Referrals per 10,000 children.',
    unit: 'rate-per-10000',
    betterDirection: 'lower',
    synonyms: [],
    unitCostIds: [],
  },
];

export const SYNONYMS: SynonymGroup[] = [{ terms: ['looked-after children', 'LAC', 'children in care'] }];

export function makeEvidence(caseStudies: (CaseStudyInput | CaseStudy)[]): SeedEvidence {
  return {
    caseStudies: caseStudies.map((value, i) => ({
      value,
      file: `case-studies/${value.slug}.yaml`,
      line: i + 1,
    })),
    councils: COUNCILS,
    deflators: DEFLATORS,
    discountSchedules: DISCOUNT_SCHEDULES,
    unitCosts: UNIT_COSTS,
    indicators: INDICATORS,
    synonyms: SYNONYMS,
    optimismBias: { 'standard-buildings': { upper: 24, lower: 2 } },
  };
}
