import type { Council, DeflatorSeries, DiscountSchedule, UnitCost } from '@costed/schema';

/**
 * Rows copied from /work/shared/reference/hmt_gdp_deflator_fy_march2026.csv (HM Treasury GDP deflators at
 * market prices, and money GDP: March 2026 (Quarterly National Accounts); base 2024-25 = 100). 2025-26
 * onwards are OBR forecasts chained by HMT.
 */
export const FY_DEFLATORS: DeflatorSeries = {
  id: 'hmt-gdp-deflator-fy-2026-03',
  kind: 'financial',
  release:
    'HM Treasury GDP deflators at market prices, and money GDP: March 2026 (Quarterly National Accounts)',
  base: '2024-25',
  sourceUrl: 'https://www.gov.uk/government/collections/gdp-deflators-at-market-prices-and-money-gdp',
  points: [
    ['2004-05', 59.7172],
    ['2008-09', 66.8397],
    ['2009-10', 67.7042],
    ['2010-11', 68.8561],
    ['2011-12', 70.3261],
    ['2012-13', 71.5454],
    ['2013-14', 73.0337],
    ['2014-15', 74.0662],
    ['2015-16', 74.5804],
    ['2016-17', 76.0754],
    ['2017-18', 77.0388],
    ['2018-19', 78.7948],
    ['2019-20', 80.8738],
    ['2020-21', 85.1002],
    ['2021-22', 85.3036],
    ['2022-23', 91.2996],
    ['2023-24', 96.1117],
    ['2024-25', 100],
    ['2025-26', 103.2388],
    ['2026-27', 105.3095],
  ].map(([year, index]) => ({
    year: year as string,
    index: index as number,
    status: (year as string) >= '2025-26' ? ('forecast' as const) : ('outturn' as const),
  })),
};

/** Rows copied from /work/shared/reference/hmt_gdp_deflator_calendar_dec2025.csv (base 2024 = 100). */
export const CY_DEFLATORS: DeflatorSeries = {
  id: 'hmt-gdp-deflator-cy-2025-12',
  kind: 'calendar',
  release:
    'HM Treasury GDP deflators at market prices, and money GDP: December 2025 (Quarterly National Accounts)',
  base: '2024',
  sourceUrl: 'https://www.gov.uk/government/collections/gdp-deflators-at-market-prices-and-money-gdp',
  points: [
    ['2012', 71.9294],
    ['2013', 73.4795],
    ['2022', 90.5005],
    ['2023', 96.2507],
    ['2024', 100],
  ].map(([year, index]) => ({ year: year as string, index: index as number, status: 'outturn' as const })),
};

const BANDS = (rates: number[]) =>
  [
    [0, 30],
    [31, 75],
    [76, 125],
    [126, 200],
    [201, 300],
    [301, null],
  ].map(([fromYear, toYear], i) => ({
    fromYear: fromYear as number,
    toYear: toYear as number | null,
    ratePercent: rates[i] as number,
  }));

/** Rates copied from /work/shared/reference/green_book_parameters.csv (STPR and health rows). */
export const STANDARD: DiscountSchedule = {
  id: 'standard',
  name: 'Green Book social time preference rate',
  edition: 'The Green Book (2026); schedule unchanged since 2003',
  sourceUrl: 'https://ppponline.affinitext.com/public/book?id=1664&toc_id=449738',
  bands: BANDS([3.5, 3.0, 2.5, 2.0, 1.5, 1.0]),
};

export const HEALTH: DiscountSchedule = {
  id: 'health',
  name: 'Green Book health discount rate',
  edition: 'Green Book 2018/2022 + supplementary guidance (per third-party transcriptions)',
  sourceUrl:
    'https://github.com/charlescoverdale/greenbook/blob/495fa4c67fed3d81bafe9d4d7f42230684fa54f7/inst/extdata/stpr_schedule.csv',
  bands: BANDS([1.5, 1.29, 1.07, 0.86, 0.64, 0.43]),
};

export const SCHEDULES = [STANDARD, HEALTH];

/**
 * Unit costs copied from /work/shared/reference/unit_costs_childrens_services.csv (GMCA/New Economy Unit
 * Cost Database v1.4, March 2015): the first row (SS1.0) is the average fiscal cost per looked-after child.
 */
export const LAC_PER_YEAR: UnitCost = {
  id: 'lac-average-fiscal-per-year',
  item: 'Average fiscal cost per looked-after child, all placement types',
  category: 'Looked after children',
  money: { pence: 5_108_000, priceYear: '2013-14' },
  unit: 'Per year',
  geography: 'England (national average unless stated)',
  costType: 'fiscal',
  agency: 'council-childrens-services',
  cashable: true,
  sourceName: 'GMCA/New Economy Unit Cost Database v1.4 (March 2015)',
  sourceReference: "sheet 'Social Services', row 3, cost code SS1.0",
  confidenceGrade: 'RAG A',
  sourceUrl:
    'https://github.com/charlescoverdale/econstack-data/blob/2331d2eff7faf9c9c3623ed66565ed63337ee7b6/src/gmca-raw/unit-cost-database.xlsx',
};

export const UNIT_COSTS = [LAC_PER_YEAR];

export const CONTEXT = {
  deflators: [FY_DEFLATORS, CY_DEFLATORS],
  discountSchedules: SCHEDULES,
  unitCosts: UNIT_COSTS,
};

/** Children's populations from /work/shared/reference/child_population_0_17_mid2023.csv (ONS mid-2023). */
export const COUNCILS: Council[] = [
  {
    gssCode: 'E06000011',
    name: 'East Riding of Yorkshire',
    officialName: 'East Riding of Yorkshire Council',
    type: 'unitary',
    region: 'Yorkshire and The Humber',
    population0to17: 62_209,
    populationYear: 'mid-2023',
  },
  {
    gssCode: 'E09000012',
    name: 'Hackney',
    officialName: 'London Borough of Hackney',
    type: 'london-borough',
    region: 'London',
    population0to17: 54_352,
    populationYear: 'mid-2023',
  },
];
