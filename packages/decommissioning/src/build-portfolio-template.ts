import { stringify } from 'csv-stringify/sync';
import { unzipSync, zipSync } from 'fflate';
import type { Cell, Row } from 'write-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { MAX_TEMPLATE_INDICATORS, PORTFOLIO_COLUMNS } from './portfolio-columns.ts';
import type { PortfolioServiceInput } from './portfolio-service.ts';

/** Spreadsheets run text beginning with these as formulas (OWASP CSV injection); a `'` prefix stops that. */
const FORMULA_START = /^[=+\-@\t\r]/;

const pounds = (pence: number) => (pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2));

/** One service as template cells (plain text, in template column order), the inverse of the importer. */
export function toPortfolioRow(service: PortfolioServiceInput): string[] {
  const cells: Record<string, string> = {
    name: service.name,
    description: service.description ?? '',
    provider: service.provider ?? '',
    annual_cost: service.annualCost ? pounds(service.annualCost.pence) : '',
    annual_cost_price_year: service.annualCost?.priceYear ?? '',
    contract_end: service.contractEnd ?? '',
    cohort_description: service.cohort?.description ?? '',
    cohort_age_min: service.cohort?.ageRange ? String(service.cohort.ageRange.min) : '',
    cohort_age_max: service.cohort?.ageRange ? String(service.cohort.ageRange.max) : '',
    cohort_need_levels: (service.cohort?.needLevels ?? []).join('; '),
    participants_per_year: service.participantsPerYear?.toString() ?? '',
    evidence_level: service.evidenceLevel?.toString() ?? '',
    delivery_start_year: service.deliveryStartYear?.toString() ?? '',
    case_study_slugs: (service.caseStudySlugs ?? []).join('; '),
    intervention_names: (service.interventionNames ?? []).join('; '),
  };
  (service.indicators ?? []).slice(0, MAX_TEMPLATE_INDICATORS).forEach((target, i) => {
    const n = `indicator_${i + 1}`;
    cells[n] = target.indicator;
    cells[`${n}_baseline`] = target.baseline ? String(target.baseline.value) : '';
    cells[`${n}_baseline_year`] = target.baseline?.year ?? '';
    cells[`${n}_latest`] = target.latest ? String(target.latest.value) : '';
    cells[`${n}_latest_year`] = target.latest?.year ?? '';
  });
  return PORTFOLIO_COLUMNS.map((c) => cells[c.name] ?? '');
}

/** The CSV template: the header row, then one row per service given (none for the blank template). */
export function buildPortfolioCsv(services: readonly PortfolioServiceInput[] = []): Uint8Array {
  const rows = services.map((s) => toPortfolioRow(s).map((c) => (FORMULA_START.test(c) ? `'${c}` : c)));
  const text = stringify([PORTFOLIO_COLUMNS.map((c) => c.name), ...rows], { record_delimiter: 'windows' });
  return new TextEncoder().encode(text);
}

const text = (value: string, bold = false): Cell =>
  value === '' ? null : bold ? { value, type: String, fontWeight: 'bold' } : { value, type: String };

const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

/**
 * The XLSX template: a "Services" sheet (header, then one row per service) and a "Guidance" sheet that
 * explains each column. Every cell is a text cell, so nothing in it is ever run as a formula.
 */
export async function buildPortfolioXlsx(
  services: readonly PortfolioServiceInput[] = [],
): Promise<Uint8Array> {
  const header: Row = PORTFOLIO_COLUMNS.map((c) => text(c.name, true));
  const rows: Row[] = services.map((s) => toPortfolioRow(s).map((c) => text(c)));
  const guidance: Row[] = [
    ['Column', 'Required', 'What to write', 'Example'].map((h) => text(h, true)),
    ...PORTFOLIO_COLUMNS.map((c) => [
      text(c.name),
      text(c.required ? 'yes' : 'no'),
      text(c.description),
      text(c.example),
    ]),
  ];
  const buffer = await writeXlsxFile([
    {
      sheet: 'Services',
      data: [header, ...rows],
      stickyRowsCount: 1,
      columns: PORTFOLIO_COLUMNS.map(() => ({ width: 22 })),
    },
    {
      sheet: 'Guidance',
      data: guidance,
      columns: [{ width: 30 }, { width: 10 }, { width: 90 }, { width: 30 }],
    },
  ]).toBuffer();
  // The writer stamps each zip entry with the current time; re-packing with a fixed time makes the
  // committed templates byte-for-byte reproducible, so a drift test can compare bytes.
  return zipSync(unzipSync(new Uint8Array(buffer)), { level: 6, mtime: FIXED_MTIME });
}

/** A filled example portfolio (fictional), shipped beside the blank templates. */
export const EXAMPLE_PORTFOLIO: readonly PortfolioServiceInput[] = [
  {
    name: 'Family Support Team',
    description: 'Intensive support for parents of babies on child protection plans.',
    provider: 'Council in-house',
    annualCost: { pence: 25_000_000, priceYear: '2024-25' },
    contractEnd: '2026-03-31',
    cohort: {
      description: 'Parents of babies at risk of care proceedings',
      ageRange: { min: 0, max: 2 },
      needLevels: ['specialist', 'statutory'],
    },
    participantsPerYear: 60,
    indicators: [
      {
        indicator: 'care-proceedings-under-2',
        baseline: { value: 40, year: '2021-22' },
        latest: { value: 30, year: '2023-24' },
      },
    ],
    evidenceLevel: 1,
    deliveryStartYear: 2019,
    interventionNames: ['Family Group Conferencing'],
  },
  {
    name: 'Youth Mentoring',
    description: 'Volunteer mentors for young people out of education or work.',
    provider: 'Example Youth Trust',
    annualCost: { pence: 8_000_050, priceYear: '2024-25' },
    contractEnd: '2027-08-31',
    cohort: {
      description: 'Young people not in education, employment or training',
      ageRange: { min: 16, max: 18 },
      needLevels: ['targeted'],
    },
    participantsPerYear: 120,
    indicators: [
      {
        indicator: 'neet-16-18-rate',
        baseline: { value: 6.1, year: '2021' },
        latest: { value: 5.2, year: '2024' },
      },
    ],
    evidenceLevel: null,
    deliveryStartYear: 2022,
  },
];
