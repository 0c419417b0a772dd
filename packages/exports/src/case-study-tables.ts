import {
  type CaseStudy,
  type Citation,
  type Council,
  isReported,
  type Money,
  type MoneyOrNotReported,
  type OutcomeMeasure,
  POLICY_STRAND_LABELS,
  type PriceYear,
} from '@costed/schema';
import { caseStudyUrl } from './case-study-url.ts';
import type { Column, Table } from './table.ts';

/**
 * Conversion of every amount to one price year, done by the caller (with `@costed/costing`) so this
 * package stays free of deflator data. The converted columns are empty when it is not given.
 */
export interface ConvertedPrices {
  priceYear: PriceYear;
  /** The HMT deflator release used, recorded beside every converted figure. */
  deflatorRelease: string | null;
  /** Returns the amount in `priceYear`, or null where it cannot be converted (no deflator for its year). */
  convert: (money: Money) => Money | null;
}

export interface CaseStudyTablesContext {
  /** Councils by GSS code, for council names; unknown codes leave the name empty rather than guessing. */
  councils?: ReadonlyMap<string, Council>;
  converted?: ConvertedPrices;
  /** Site root for the `url` column, e.g. `https://costed.example`. The column is empty without it. */
  siteUrl?: string;
}

/** The five normalised tables. Table and column names are a stable contract with analysts. */
export interface CaseStudyTables {
  case_studies: Table;
  costs: Table;
  savings: Table;
  outcomes: Table;
  sources: Table;
}

const col = (name: string, type: Column['type'], description: string, required = false): Column =>
  required ? { name, type, description, required } : { name, type, description };

const slugColumn = col('slug', 'string', 'The case study this row belongs to (`case_studies.slug`).', true);
const lineColumn = (what: string) =>
  col('line', 'integer', `Position of the ${what} within its case study, from 1.`, true);

const NOT_REPORTED_NOTE = 'Empty where the source reports no figure (see `not_reported_reason`); never zero.';

/** Columns for a money figure that may be "not reported". */
const amountColumns = (what: string): Column[] => [
  col(
    'amount_pence',
    'integer',
    `The ${what} in whole pence, at \`price_year\` prices. ${NOT_REPORTED_NOTE}`,
  ),
  col('amount_gbp', 'number', `The same amount in pounds (amount_pence ÷ 100). ${NOT_REPORTED_NOTE}`),
  col('price_year', 'string', 'Price year of the amount: financial year `YYYY-YY` or calendar year `YYYY`.'),
];

const convertedColumns: Column[] = [
  col(
    'converted_pence',
    'integer',
    'The amount converted to `converted_price_year` prices with HM Treasury GDP deflators, in whole pence. Empty where the export was not converted or the amount is not reported.',
  ),
  col('converted_gbp', 'number', 'The converted amount in pounds (converted_pence ÷ 100).'),
  col('converted_price_year', 'string', 'The price year of the converted amount.'),
  col('deflator_release', 'string', 'The HM Treasury GDP deflator release used for the conversion.'),
];

const citationColumns: Column[] = [
  col(
    'source_id',
    'string',
    'The source the figure comes from (`sources.source_id` within the same case study).',
  ),
  col('source_title', 'string', 'Title of that source.'),
  col('quote', 'string', 'The sentence in the source that states the figure, quoted exactly.'),
  col('locator', 'string', 'Where in the source the quote is (page, section or paragraph), where given.'),
];

export const CASE_STUDY_COLUMNS: readonly Column[] = [
  col('slug', 'string', 'URL identifier of the case study; unique.', true),
  col('title', 'string', 'Headline: council and what changed.', true),
  col('summary', 'string', 'Two to four sentences in the curator’s words.', true),
  col(
    'council_codes',
    'string',
    'ONS GSS codes of the councils that made the change, separated by "; ".',
    true,
  ),
  col('council_names', 'string', 'Names of those councils in the same order, separated by "; ".'),
  col('intervention', 'string', 'The model or programme, e.g. "Signs of Safety".', true),
  col('intervention_description', 'string', 'What was done, in plain words.', true),
  col('intervention_branded', 'boolean', 'True for a named, licensed or replicable programme.', true),
  col('policy_strand', 'string', 'DfE/ADCS policy strand code, e.g. `edge-of-care`.', true),
  col('policy_strand_label', 'string', 'The policy strand in words.', true),
  col('service_areas', 'string', 'Children’s-services area codes, separated by "; ".', true),
  col('delivery_model', 'string', 'How the service is delivered, e.g. `in-house`, `outsourced`.', true),
  col('cohort', 'string', 'Who the service is for, in plain words.', true),
  col('age_min', 'integer', 'Youngest age served, in years; empty where not stated.'),
  col('age_max', 'integer', 'Oldest age served, in years; empty where not stated.'),
  col(
    'need_levels',
    'string',
    'Levels of need served (universal, targeted, specialist, statutory), separated by "; ".',
    true,
  ),
  col('cohort_size', 'integer', 'How many were served; empty where not reported.'),
  col('cohort_size_unit', 'string', 'What `cohort_size` counts (children, families, places …).'),
  col('period_start', 'string', 'When the change began, `YYYY` or `YYYY-MM`.', true),
  col('period_end', 'string', 'When it ended or was last reported; empty while it continues.'),
  col(
    'evidence_level',
    'integer',
    'Costed evidence level 0–4 (mapped to EIF levels and the Maryland scale).',
    true,
  ),
  col(
    'evidence_result',
    'string',
    'What the evaluation found. `not-evaluated` (nobody has tested it) is not `evaluated-no-effect`.',
    true,
  ),
  col(
    'evidence_design',
    'string',
    'How the effect was studied, e.g. `before-after`, `randomised-trial`.',
    true,
  ),
  col('evaluator', 'string', 'Who evaluated; empty where nobody did.'),
  col(
    'evaluator_independence',
    'string',
    'independent, commissioned-independent, internal or unknown.',
    true,
  ),
  col('status', 'string', 'Workflow status; open-data exports hold `published` case studies.', true),
  col('version', 'integer', 'Version number; each update adds one.', true),
  col('licence', 'string', 'Licence of the case study text and figures, e.g. `CC-BY-4.0`.', true),
  col('url', 'string', 'The case study’s page on the site.'),
];

export const COST_COLUMNS: readonly Column[] = [
  slugColumn,
  lineColumn('cost line'),
  col('label', 'string', 'What the cost is for.', true),
  ...amountColumns('cost'),
  col(
    'not_reported_reason',
    'string',
    'Why the source gives no figure, where it gives none. A row with a reason has empty amount cells: unknown, not free.',
  ),
  col('kind', 'string', '`set-up`, `recurring` or `one-off`.', true),
  col(
    'basis',
    'string',
    'What the amount covers: `total`, `per-year`, `per-participant` or `per-hour`.',
    true,
  ),
  col('years', 'number', 'Over how many years a `total` runs, where stated.'),
  col('funder', 'string', 'Who paid, where stated.'),
  col(
    'is_reduction',
    'boolean',
    'True where the figure is money taken out of a budget (a cut), not money spent.',
    true,
  ),
  ...convertedColumns,
  ...citationColumns,
];

export const SAVING_COLUMNS: readonly Column[] = [
  slugColumn,
  lineColumn('saving claim'),
  col('label', 'string', 'What was saved.', true),
  col('amount_pence', 'integer', 'The saving claimed, in whole pence at `price_year` prices.', true),
  col('amount_gbp', 'number', 'The same amount in pounds (amount_pence ÷ 100).', true),
  col(
    'price_year',
    'string',
    'Price year of the amount: financial year `YYYY-YY` or calendar year `YYYY`.',
    true,
  ),
  col('period_from', 'string', 'Start of the period the saving covers, where stated.'),
  col('period_to', 'string', 'End of that period, where stated.'),
  col('cashable', 'string', '`cashable` (released from a budget), `non-cashable` or `unknown`.', true),
  col('claimed_by', 'string', 'Who claims the saving.', true),
  col('verified_by', 'string', 'Who independently verified the claim; empty where nobody has.'),
  ...convertedColumns,
  ...citationColumns,
];

export const OUTCOME_COLUMNS: readonly Column[] = [
  slugColumn,
  lineColumn('outcome measure'),
  col('indicator', 'string', 'Outcome indicator id from the Costed taxonomy, e.g. `neet-rate`.', true),
  col('unit', 'string', '`count`, `percent`, `rate-per-10000`, `rate-per-1000` or `score`.', true),
  col('better_direction', 'string', 'Which way is better: `higher` or `lower`.', true),
  col('baseline_value', 'number', 'Value before the change; empty where none was reported.'),
  col('baseline_year', 'string', 'When the baseline was measured.'),
  col('follow_up_value', 'number', 'Value after the change (or the only value reported).', true),
  col('follow_up_year', 'string', 'When the follow-up was measured.', true),
  col('change', 'number', 'follow_up_value − baseline_value; empty without a baseline.'),
  col(
    'change_direction',
    'string',
    '`better`, `worse` or `no-change` relative to `better_direction`; empty without a baseline.',
  ),
  col('comparator_label', 'string', 'What the comparison value is, e.g. "national average".'),
  col('comparator_value', 'number', 'The comparison value, where given.'),
  col('comparator_year', 'string', 'When the comparison value applies.'),
  col('population', 'integer', 'How many children or young people the values describe, where stated.'),
  col('note', 'string', 'Anything a reader must know to interpret the figure.'),
  ...citationColumns,
];

export const SOURCE_COLUMNS: readonly Column[] = [
  slugColumn,
  col('source_id', 'string', 'Identifier of the source within its case study.', true),
  col('title', 'string', 'Title of the article, report or dataset.', true),
  col('publisher', 'string', 'Who published it.', true),
  col('date', 'string', 'Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precisely as known.'),
  col('date_is_approximate', 'boolean', 'True where the date is inferred rather than printed on the source.'),
  col('url', 'string', 'Where the source can be read, if online.'),
  col('kind', 'string', 'article, report, evaluation, dataset, statistics, submission or other.', true),
];

const bySlug = () => [{ fields: ['slug'], table: 'case_studies', referenceFields: ['slug'] }];

function moneyCells(money: MoneyOrNotReported, converted: ConvertedPrices | undefined) {
  if (!isReported(money)) {
    // "Not reported" is never zero: amounts stay empty and the reason says why.
    return { amount_pence: null, amount_gbp: null, price_year: null, not_reported_reason: money.reason };
  }
  return {
    amount_pence: money.pence,
    amount_gbp: money.pence / 100,
    price_year: money.priceYear,
    not_reported_reason: null,
    ...convertedCells(money, converted),
  };
}

function convertedCells(money: Money, converted: ConvertedPrices | undefined) {
  const result = converted?.convert(money) ?? null;
  if (!converted || !result) return {};
  return {
    converted_pence: result.pence,
    converted_gbp: result.pence / 100,
    converted_price_year: result.priceYear,
    deflator_release: converted.deflatorRelease,
  };
}

function citationCells(cs: CaseStudy, citation: Citation | undefined) {
  if (!citation) return {};
  return {
    source_id: citation.source,
    source_title: cs.sources.find((s) => s.id === citation.source)?.title ?? null,
    quote: citation.quote,
    locator: citation.locator ?? null,
  };
}

function changeCells(o: OutcomeMeasure) {
  if (!o.baseline) return { change: null, change_direction: null };
  // Rounded to 10 decimal places so 12.3 − 12.1 reads 0.2, not 0.20000000000000107.
  const change = Math.round((o.followUp.value - o.baseline.value) * 1e10) / 1e10;
  const better = o.betterDirection === 'higher' ? change > 0 : change < 0;
  return { change, change_direction: change === 0 ? 'no-change' : better ? 'better' : 'worse' };
}

/**
 * Flattens case studies into five normalised tables for CSV, XLSX and data-package exports. Rows keep the
 * input order; child rows carry `slug` and `line` (their position within the case study) as the key.
 */
export function caseStudyTables(
  caseStudies: readonly CaseStudy[],
  ctx: CaseStudyTablesContext = {},
): CaseStudyTables {
  const caseStudyRows = caseStudies.map((cs) => ({
    slug: cs.slug,
    title: cs.title,
    summary: cs.summary,
    council_codes: cs.councils,
    council_names: ctx.councils ? cs.councils.map((code) => ctx.councils?.get(code)?.name ?? '') : null,
    intervention: cs.intervention.name,
    intervention_description: cs.intervention.description,
    intervention_branded: cs.intervention.branded,
    policy_strand: cs.policyStrand,
    policy_strand_label: POLICY_STRAND_LABELS[cs.policyStrand],
    service_areas: cs.serviceAreas,
    delivery_model: cs.deliveryModel,
    cohort: cs.cohort.description,
    age_min: cs.cohort.ageRange?.min ?? null,
    age_max: cs.cohort.ageRange?.max ?? null,
    need_levels: cs.cohort.needLevels,
    cohort_size: cs.cohort.size?.count ?? null,
    cohort_size_unit: cs.cohort.size?.unit ?? null,
    period_start: cs.period.start,
    period_end: cs.period.end ?? null,
    evidence_level: cs.evidence.level,
    evidence_result: cs.evidence.result,
    evidence_design: cs.evidence.design,
    evaluator: cs.evidence.evaluator,
    evaluator_independence: cs.evidence.independence,
    status: cs.status,
    version: cs.version,
    licence: cs.licence,
    url: ctx.siteUrl ? caseStudyUrl(ctx.siteUrl, cs.slug) : null,
  }));

  const costRows = caseStudies.flatMap((cs) =>
    cs.costs.map((c, i) => ({
      slug: cs.slug,
      line: i + 1,
      label: c.label,
      ...moneyCells(c.money, ctx.converted),
      kind: c.kind,
      basis: c.basis,
      years: c.years ?? null,
      funder: c.funder ?? null,
      is_reduction: c.isReduction ?? false,
      ...citationCells(cs, c.citation),
    })),
  );

  const savingRows = caseStudies.flatMap((cs) =>
    cs.savings.map((s, i) => ({
      slug: cs.slug,
      line: i + 1,
      label: s.label,
      amount_pence: s.money.pence,
      amount_gbp: s.money.pence / 100,
      price_year: s.money.priceYear,
      period_from: s.period?.from ?? null,
      period_to: s.period?.to ?? null,
      cashable: s.cashable,
      claimed_by: s.claimedBy,
      verified_by: s.verifiedBy,
      ...convertedCells(s.money, ctx.converted),
      ...citationCells(cs, s.citation),
    })),
  );

  const outcomeRows = caseStudies.flatMap((cs) =>
    cs.outcomes.map((o, i) => ({
      slug: cs.slug,
      line: i + 1,
      indicator: o.indicator,
      unit: o.unit,
      better_direction: o.betterDirection,
      baseline_value: o.baseline?.value ?? null,
      baseline_year: o.baseline?.year ?? null,
      follow_up_value: o.followUp.value,
      follow_up_year: o.followUp.year,
      ...changeCells(o),
      comparator_label: o.comparator?.label ?? null,
      comparator_value: o.comparator?.value ?? null,
      comparator_year: o.comparator?.year ?? null,
      population: o.population ?? null,
      note: o.note ?? null,
      ...citationCells(cs, o.citation),
    })),
  );

  const sourceRows = caseStudies.flatMap((cs) =>
    cs.sources.map((s) => ({
      slug: cs.slug,
      source_id: s.id,
      title: s.title,
      publisher: s.publisher,
      date: s.date ?? null,
      date_is_approximate: s.dateIsApproximate ?? null,
      url: s.url ?? null,
      kind: s.kind,
    })),
  );

  return {
    case_studies: {
      name: 'case_studies',
      title: 'Case studies',
      description: 'One row per case study: what changed, where, for whom, and how strong the evidence is.',
      columns: CASE_STUDY_COLUMNS,
      rows: caseStudyRows,
      primaryKey: ['slug'],
    },
    costs: {
      name: 'costs',
      title: 'Costs',
      description: 'One row per cost line. "Not reported" costs have empty amounts and a reason, never zero.',
      columns: COST_COLUMNS,
      rows: costRows,
      primaryKey: ['slug', 'line'],
      foreignKeys: bySlug(),
    },
    savings: {
      name: 'savings',
      title: 'Savings claimed',
      description: 'One row per saving claim, with who claims it and who (if anyone) verified it.',
      columns: SAVING_COLUMNS,
      rows: savingRows,
      primaryKey: ['slug', 'line'],
      foreignKeys: bySlug(),
    },
    outcomes: {
      name: 'outcomes',
      title: 'Outcome measures',
      description:
        'One row per outcome measure: baseline, follow-up, comparator and the direction of change.',
      columns: OUTCOME_COLUMNS,
      rows: outcomeRows,
      primaryKey: ['slug', 'line'],
      foreignKeys: bySlug(),
    },
    sources: {
      name: 'sources',
      title: 'Sources',
      description: 'One row per source document a figure comes from.',
      columns: SOURCE_COLUMNS,
      rows: sourceRows,
      primaryKey: ['slug', 'source_id'],
      foreignKeys: bySlug(),
    },
  };
}

/** The tables in their canonical order (case studies first), for writers that take a list. */
export function tableList(tables: CaseStudyTables): Table[] {
  return [tables.case_studies, tables.costs, tables.savings, tables.outcomes, tables.sources];
}
