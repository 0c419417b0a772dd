/** How many repeated indicator column groups the templates carry. */
export const MAX_TEMPLATE_INDICATORS = 3;

export interface PortfolioColumn {
  name: string;
  required: boolean;
  description: string;
  example: string;
}

const indicatorColumns = (n: number): PortfolioColumn[] => [
  {
    name: `indicator_${n}`,
    required: false,
    description: `Target outcome indicator ${n}: an id from the Costed indicator taxonomy (data/reference/indicators.yaml).`,
    example: 'care-proceedings-under-2',
  },
  {
    name: `indicator_${n}_baseline`,
    required: false,
    description: `Indicator ${n} before the service (or at its start), in the indicator's unit.`,
    example: '40',
  },
  {
    name: `indicator_${n}_baseline_year`,
    required: false,
    description: `When the baseline of indicator ${n} was measured: a year (2021) or financial year (2021-22).`,
    example: '2021-22',
  },
  {
    name: `indicator_${n}_latest`,
    required: false,
    description: `The latest value of indicator ${n}.`,
    example: '30',
  },
  {
    name: `indicator_${n}_latest_year`,
    required: false,
    description: `When the latest value of indicator ${n} was measured.`,
    example: '2023-24',
  },
];

/**
 * The import columns, in template order. The templates, the importer and the README table are all made
 * from this list, so they cannot drift apart.
 */
export const PORTFOLIO_COLUMNS: readonly PortfolioColumn[] = [
  {
    name: 'name',
    required: true,
    description: 'Name of the service (ORUK service.name).',
    example: 'Family Support Team',
  },
  {
    name: 'description',
    required: false,
    description: 'What the service does (ORUK service.description).',
    example: 'Intensive support for parents of babies on child protection plans.',
  },
  {
    name: 'provider',
    required: false,
    description: 'Who delivers it (ORUK organization.name).',
    example: 'Council in-house',
  },
  {
    name: 'annual_cost',
    required: false,
    description:
      'What the council pays per year, in pounds (e.g. 250000 or £250,000.50). Leave empty if unknown; never write 0 for unknown.',
    example: '250000',
  },
  {
    name: 'annual_cost_price_year',
    required: false,
    description:
      'The price year of annual_cost: a financial year (2024-25) or calendar year (2024). Required with annual_cost.',
    example: '2024-25',
  },
  {
    name: 'contract_end',
    required: false,
    description: 'When the contract or agreement ends: YYYY-MM-DD or DD/MM/YYYY.',
    example: '2026-03-31',
  },
  {
    name: 'cohort_description',
    required: false,
    description: 'Who the service is for, in plain words (used to spot duplicate provision).',
    example: 'Parents of babies at risk of care proceedings',
  },
  {
    name: 'cohort_age_min',
    required: false,
    description: 'Youngest age served, in years (ORUK service.minimum_age).',
    example: '0',
  },
  {
    name: 'cohort_age_max',
    required: false,
    description: 'Oldest age served, in years (ORUK service.maximum_age).',
    example: '2',
  },
  {
    name: 'cohort_need_levels',
    required: false,
    description:
      'Levels of need served, separated by semicolons: universal; targeted; specialist; statutory.',
    example: 'specialist; statutory',
  },
  {
    name: 'participants_per_year',
    required: false,
    description: 'Children, young people or families served per year (whole number).',
    example: '60',
  },
  {
    name: 'evidence_level',
    required: false,
    description: 'Costed evidence level 0–4 for this service as delivered here; empty if never assessed.',
    example: '1',
  },
  {
    name: 'delivery_start_year',
    required: false,
    description: 'Calendar year delivery began (e.g. 2019).',
    example: '2019',
  },
  {
    name: 'case_study_slugs',
    required: false,
    description: 'Costed case studies of this same model, by slug, separated by semicolons.',
    example: '',
  },
  {
    name: 'intervention_names',
    required: false,
    description:
      'Named models the service delivers, separated by semicolons (e.g. Family Group Conferencing).',
    example: 'Family Group Conferencing',
  },
  ...Array.from({ length: MAX_TEMPLATE_INDICATORS }, (_, i) => indicatorColumns(i + 1)).flat(),
];

export const PORTFOLIO_COLUMN_NAMES: readonly string[] = PORTFOLIO_COLUMNS.map((c) => c.name);
