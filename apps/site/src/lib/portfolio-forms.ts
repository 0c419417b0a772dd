import { AgeRange, EvidenceLevel, NeedLevel, PriceYear, Slug } from '@costed/schema';

/**
 * The add/edit-service and thresholds forms of the portfolio pages: reading a form post, checking what can
 * be checked here (so every problem of a form shows at once, in words that name the field), building the
 * API body, and mapping the API's problem+json `errors[].path` back onto the form's fields. The API stays
 * the authority: what only it knows (the indicator taxonomy, duplicate indicators) comes back as a 422 and
 * is mapped like any local error. Pure, so it is unit-tested without a server.
 */

/** One message per field id, and the error summary's list, each item linking to its field. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  byField: Record<string, string>;
}

function addError(errors: FormErrors, field: string, text: string): void {
  // The first message for a field wins on the field; the summary lists one line per field too.
  if (errors.byField[field] !== undefined) return;
  errors.byField[field] = text;
  errors.summary.push({ text, href: `#${field}` });
}

function emptyErrors(): FormErrors {
  return { summary: [], byField: {} };
}

function hasErrors(errors: FormErrors): boolean {
  return errors.summary.length > 0;
}

/** Reads a text field: CRLF from textareas becomes LF, and outer space is trimmed. */
function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

// ---------------------------------------------------------------------------------------------------------
// Money and numbers

/**
 * Pounds as a commissioner types them ("£12,345.67", "12345", "12 345.6") to whole pence; undefined when it
 * is not a non-negative amount with at most two decimal places. Commas must group thousands ("1,2345" is
 * refused), so a mistyped figure is caught rather than read as something else.
 */
export function parsePoundsToPence(input: string): number | undefined {
  const cleaned = input.trim().replace(/^£\s*/, '').replace(/\s+/g, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const [whole = '0', fraction = ''] = cleaned.replaceAll(',', '').split('.');
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : undefined;
}

/** Pence as the money input shows them: 1234567 → "12,345.67", 500000 → "5,000". */
export function formatPenceInput(pence: number): string {
  const pounds = Math.floor(pence / 100).toLocaleString('en-GB');
  const rest = pence % 100;
  return rest === 0 ? pounds : `${pounds}.${String(rest).padStart(2, '0')}`;
}

/** A decimal number as typed ("1,250", "-3.5"); undefined when it is not one. */
export function parseDecimal(input: string): number | undefined {
  const cleaned = input.trim().replaceAll(',', '');
  if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/** A whole number as typed ("1,200"); undefined when it is not one. */
export function parseWholeNumber(input: string): number | undefined {
  const cleaned = input.trim().replaceAll(',', '');
  if (!/^-?\d+$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The first issue's message of a zod result, for fields checked with the shared domain schemas. */
function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? 'is not valid';
}

// ---------------------------------------------------------------------------------------------------------
// The service form

/**
 * How many indicator rows the form shows: three (as in the import template), or one more than a service
 * already has when it has three or more, so editing never hides an indicator and there is always a spare.
 * Blank rows are ignored.
 */
export const INDICATOR_ROWS = 3;

export const NEED_LEVEL_OPTIONS: readonly { value: NeedLevel; label: string }[] = [
  { value: 'universal', label: 'Universal (all children)' },
  { value: 'targeted', label: 'Targeted (emerging needs)' },
  { value: 'specialist', label: 'Specialist (complex needs)' },
  { value: 'statutory', label: 'Statutory (child protection, care, youth justice orders)' },
];

export interface IndicatorRowValues {
  indicator: string;
  baselineValue: string;
  baselineYear: string;
  latestValue: string;
  latestYear: string;
}

/** What the service form shows and posts, as typed (strings), so a refused post is shown back unchanged. */
export interface ServiceFormValues {
  name: string;
  description: string;
  provider: string;
  annualCost: string;
  annualCostPriceYear: string;
  contractEndDay: string;
  contractEndMonth: string;
  contractEndYear: string;
  cohortDescription: string;
  ageMin: string;
  ageMax: string;
  needLevels: string[];
  participantsPerYear: string;
  evidenceLevel: string;
  deliveryStartYear: string;
  caseStudySlugs: string;
  interventionNames: string;
  indicators: IndicatorRowValues[];
}

const INDICATOR_PARTS = ['indicator', 'baselineValue', 'baselineYear', 'latestValue', 'latestYear'] as const;
type IndicatorPart = (typeof INDICATOR_PARTS)[number];

/** The id (and name) of one input of an indicator row; rows count from 1, as the labels do. */
export function indicatorFieldId(row: number, part: IndicatorPart): string {
  return `indicators-${row}-${part}`;
}

function blankRow(): IndicatorRowValues {
  return { indicator: '', baselineValue: '', baselineYear: '', latestValue: '', latestYear: '' };
}

function isBlankRow(row: IndicatorRowValues): boolean {
  return INDICATOR_PARTS.every((part) => row[part] === '');
}

/** Rows to show: the given ones, padded with blank rows to at least INDICATOR_ROWS and one spare. */
function padRows(rows: IndicatorRowValues[]): IndicatorRowValues[] {
  const filled = rows.filter((row) => !isBlankRow(row));
  const count = Math.max(INDICATOR_ROWS, filled.length + 1, rows.length);
  return [...rows, ...Array.from({ length: Math.max(0, count - rows.length) }, blankRow)];
}

export function emptyServiceForm(): ServiceFormValues {
  return {
    name: '',
    description: '',
    provider: '',
    annualCost: '',
    annualCostPriceYear: '',
    contractEndDay: '',
    contractEndMonth: '',
    contractEndYear: '',
    cohortDescription: '',
    ageMin: '',
    ageMax: '',
    needLevels: [],
    participantsPerYear: '',
    evidenceLevel: '',
    deliveryStartYear: '',
    caseStudySlugs: '',
    interventionNames: '',
    indicators: padRows([]),
  };
}

/** Reads a posted service form (every field as typed). */
export function readServiceForm(form: FormData): ServiceFormValues {
  const rows: IndicatorRowValues[] = [];
  // Rows are numbered from 1 with no gaps; the form says how many it had, within a sane bound.
  const posted = parseWholeNumber(text(form, 'indicatorRows')) ?? INDICATOR_ROWS;
  const rowCount = Math.min(Math.max(posted, INDICATOR_ROWS), 50);
  for (let row = 1; row <= rowCount; row++) {
    rows.push({
      indicator: text(form, indicatorFieldId(row, 'indicator')),
      baselineValue: text(form, indicatorFieldId(row, 'baselineValue')),
      baselineYear: text(form, indicatorFieldId(row, 'baselineYear')),
      latestValue: text(form, indicatorFieldId(row, 'latestValue')),
      latestYear: text(form, indicatorFieldId(row, 'latestYear')),
    });
  }
  return {
    name: text(form, 'name'),
    description: text(form, 'description'),
    provider: text(form, 'provider'),
    annualCost: text(form, 'annualCost'),
    annualCostPriceYear: text(form, 'annualCostPriceYear'),
    contractEndDay: text(form, 'contractEnd-day'),
    contractEndMonth: text(form, 'contractEnd-month'),
    contractEndYear: text(form, 'contractEnd-year'),
    cohortDescription: text(form, 'cohortDescription'),
    ageMin: text(form, 'ageMin'),
    ageMax: text(form, 'ageMax'),
    needLevels: form.getAll('needLevels').filter((v): v is string => typeof v === 'string'),
    participantsPerYear: text(form, 'participantsPerYear'),
    evidenceLevel: text(form, 'evidenceLevel'),
    deliveryStartYear: text(form, 'deliveryStartYear'),
    caseStudySlugs: text(form, 'caseStudySlugs'),
    interventionNames: text(form, 'interventionNames'),
    indicators: padRows(rows),
  };
}

/** A stored service as the API returns it (GET /v1/portfolios/:id → services[]). */
export interface StoredServiceLike {
  name: string;
  description?: string | null | undefined;
  provider?: string | null | undefined;
  annualCost?: { pence: number; priceYear: string } | null | undefined;
  contractEnd?: string | null | undefined;
  cohort?:
    | {
        description?: string | null | undefined;
        ageRange?: { min: number; max: number } | null | undefined;
        needLevels?: readonly string[] | undefined;
      }
    | undefined;
  participantsPerYear?: number | null | undefined;
  indicators?:
    | readonly {
        indicator: string;
        baseline?: { value: number; year: string } | null | undefined;
        latest?: { value: number; year: string } | null | undefined;
      }[]
    | undefined;
  evidenceLevel?: number | null | undefined;
  deliveryStartYear?: number | null | undefined;
  caseStudySlugs?: readonly string[] | undefined;
  interventionNames?: readonly string[] | undefined;
}

const str = (value: number | string | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

/** The edit form's starting values for a stored service. */
export function serviceToFormValues(service: StoredServiceLike): ServiceFormValues {
  const [year = '', month = '', day = ''] = service.contractEnd ? service.contractEnd.split('-') : [];
  return {
    name: service.name,
    description: str(service.description),
    provider: str(service.provider),
    annualCost: service.annualCost ? formatPenceInput(service.annualCost.pence) : '',
    annualCostPriceYear: service.annualCost?.priceYear ?? '',
    contractEndDay: day ? String(Number(day)) : '',
    contractEndMonth: month ? String(Number(month)) : '',
    contractEndYear: year,
    cohortDescription: str(service.cohort?.description),
    ageMin: str(service.cohort?.ageRange?.min),
    ageMax: str(service.cohort?.ageRange?.max),
    needLevels: [...(service.cohort?.needLevels ?? [])],
    participantsPerYear: str(service.participantsPerYear),
    evidenceLevel: str(service.evidenceLevel),
    deliveryStartYear: str(service.deliveryStartYear),
    caseStudySlugs: (service.caseStudySlugs ?? []).join('\n'),
    interventionNames: (service.interventionNames ?? []).join('\n'),
    indicators: padRows(
      (service.indicators ?? []).map((i) => ({
        indicator: i.indicator,
        baselineValue: str(i.baseline?.value),
        baselineYear: str(i.baseline?.year),
        latestValue: str(i.latest?.value),
        latestYear: str(i.latest?.year),
      })),
    ),
  };
}

/** Lines or commas to a list, blanks dropped. */
function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * A case study as the commissioner pastes it: its slug, or a link to it on Costed
 * ("https://costed.example/case-studies/east-riding-early-help?x=1", "/case-studies/…") → its slug.
 */
export function caseStudySlugFrom(input: string): string {
  const match = /(?:^|\/)case-studies\/([^/?#\s]+)/.exec(input.trim());
  return match?.[1] ? decodeURIComponent(match[1]) : input.trim();
}

/** The API body for POST/PUT a service: the PortfolioService fields a commissioner fills in. */
export interface ServiceBody {
  name: string;
  description: string | null;
  provider: string | null;
  annualCost: { pence: number; priceYear: string } | null;
  contractEnd: string | null;
  cohort: {
    description: string | null;
    ageRange: { min: number; max: number } | null;
    needLevels: NeedLevel[];
  };
  participantsPerYear: number | null;
  indicators: {
    indicator: string;
    baseline: { value: number; year: string } | null;
    latest: { value: number; year: string } | null;
  }[];
  evidenceLevel: number | null;
  deliveryStartYear: number | null;
  caseStudySlugs: string[];
  interventionNames: string[];
}

export type BuiltService =
  /** `indicatorRows[i]` is the form row (from 1) of `body.indicators[i]`, for mapping API errors back. */
  { ok: true; body: ServiceBody; indicatorRows: number[] } | { ok: false; errors: FormErrors };

const DAYS_IN_MONTH = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The GOV.UK date-input checks for the contract end date; writes errors, returns YYYY-MM-DD or null. */
function readContractEnd(values: ServiceFormValues, errors: FormErrors): string | null {
  const parts = {
    day: values.contractEndDay,
    month: values.contractEndMonth,
    year: values.contractEndYear,
  };
  const given = Object.entries(parts).filter(([, v]) => v !== '');
  if (given.length === 0) return null;
  const missing = (Object.keys(parts) as (keyof typeof parts)[]).filter((k) => parts[k] === '');
  const first = missing[0];
  if (first) {
    addError(errors, `contractEnd-${first}`, `Contract end date must include a ${missing.join(' and ')}`);
    return null;
  }
  const day = parseWholeNumber(parts.day);
  const month = parseWholeNumber(parts.month);
  const year = parseWholeNumber(parts.year);
  if (year === undefined || parts.year.length !== 4) {
    addError(errors, 'contractEnd-year', 'Contract end date must have a year with 4 numbers, like 2027');
    return null;
  }
  if (month === undefined || month < 1 || month > 12) {
    addError(errors, 'contractEnd-month', 'Contract end date must be a real date: the month is 1 to 12');
    return null;
  }
  if (day === undefined || day < 1 || day > DAYS_IN_MONTH(year, month)) {
    addError(errors, 'contractEnd-day', 'Contract end date must be a real date');
    return null;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads an observation (value and year) of an indicator row; both or neither. */
function readObservation(
  values: IndicatorRowValues,
  row: number,
  which: 'baseline' | 'latest',
  errors: FormErrors,
): { value: number; year: string } | null {
  const rawValue = which === 'baseline' ? values.baselineValue : values.latestValue;
  const rawYear = which === 'baseline' ? values.baselineYear : values.latestYear;
  const valueField = indicatorFieldId(row, which === 'baseline' ? 'baselineValue' : 'latestValue');
  const yearField = indicatorFieldId(row, which === 'baseline' ? 'baselineYear' : 'latestYear');
  const label = `Indicator ${row} ${which} value`;
  if (rawValue === '' && rawYear === '') return null;
  if (rawValue === '') {
    addError(errors, valueField, `Enter the ${which} value of indicator ${row}, or clear its year`);
    return null;
  }
  const value = parseDecimal(rawValue);
  if (value === undefined) {
    addError(errors, valueField, `${label} must be a number, like 40 or 6.1`);
    return null;
  }
  if (rawYear === '') {
    addError(errors, yearField, `Enter the year of the ${which} value of indicator ${row}, like 2023-24`);
    return null;
  }
  if (rawYear.length < 4) {
    addError(
      errors,
      yearField,
      `Indicator ${row} ${which} year must be a year, financial year or date, like 2023 or 2023-24`,
    );
    return null;
  }
  return { value, year: rawYear };
}

/**
 * Checks a posted service form and builds the API body. Blank fields are `null` (unknown, never zero);
 * blank indicator rows are ignored. Every problem found is reported, each on its field.
 */
export function buildServiceBody(values: ServiceFormValues): BuiltService {
  const errors = emptyErrors();

  if (values.name === '') addError(errors, 'name', 'Enter the name of the service');
  else if (values.name.length > 200) addError(errors, 'name', 'Name must be 200 characters or fewer');

  let annualCost: ServiceBody['annualCost'] = null;
  if (values.annualCost !== '') {
    const pence = parsePoundsToPence(values.annualCost);
    if (pence === undefined) {
      addError(
        errors,
        'annualCost',
        'Annual cost must be an amount of money in pounds and pence, like £12,345.67',
      );
    }
    if (values.annualCostPriceYear === '') {
      addError(errors, 'annualCostPriceYear', 'Enter the price year of the annual cost, like 2024-25');
    } else {
      const year = PriceYear.safeParse(values.annualCostPriceYear);
      if (!year.success) addError(errors, 'annualCostPriceYear', `Price year: ${firstIssue(year)}`);
      else if (pence !== undefined) annualCost = { pence, priceYear: year.data };
    }
  } else if (values.annualCostPriceYear !== '') {
    addError(errors, 'annualCost', 'Enter the annual cost, or clear its price year');
  }

  const contractEnd = readContractEnd(values, errors);

  const cohortDescription = values.cohortDescription === '' ? null : values.cohortDescription;
  if (cohortDescription !== null && cohortDescription.length < 3) {
    addError(errors, 'cohortDescription', 'Who the service is for must be at least 3 characters');
  }

  let ageRange: ServiceBody['cohort']['ageRange'] = null;
  if (values.ageMin !== '' || values.ageMax !== '') {
    const min = parseWholeNumber(values.ageMin);
    const max = parseWholeNumber(values.ageMax);
    if (values.ageMin === '')
      addError(errors, 'ageMin', 'Enter the youngest age served, or clear the oldest');
    else if (min === undefined || min < 0 || min > 25)
      addError(errors, 'ageMin', 'Youngest age must be a whole number of years from 0 to 25');
    if (values.ageMax === '')
      addError(errors, 'ageMax', 'Enter the oldest age served, or clear the youngest');
    else if (max === undefined || max < 0 || max > 25)
      addError(errors, 'ageMax', 'Oldest age must be a whole number of years from 0 to 25');
    if (min !== undefined && max !== undefined) {
      const range = AgeRange.safeParse({ min, max });
      if (range.success) ageRange = range.data;
      else if (!errors.byField.ageMin && !errors.byField.ageMax)
        addError(errors, 'ageMin', 'Youngest age must not be above the oldest age');
    }
  }

  const needLevels: NeedLevel[] = [];
  for (const level of values.needLevels) {
    const parsed = NeedLevel.safeParse(level);
    if (parsed.success) {
      if (!needLevels.includes(parsed.data)) needLevels.push(parsed.data);
    } else addError(errors, 'needLevels', 'Choose levels of need from the list');
  }

  let participantsPerYear: number | null = null;
  if (values.participantsPerYear !== '') {
    const n = parseWholeNumber(values.participantsPerYear);
    if (n === undefined || n < 0)
      addError(errors, 'participantsPerYear', 'Participants per year must be a whole number, 0 or more');
    else participantsPerYear = n;
  }

  let evidenceLevel: number | null = null;
  if (values.evidenceLevel !== '' && values.evidenceLevel !== 'none') {
    const level = EvidenceLevel.safeParse(parseWholeNumber(values.evidenceLevel));
    if (level.success) evidenceLevel = level.data;
    else
      addError(errors, 'evidenceLevel', 'Evidence level must be one of the levels 0 to 4, or not assessed');
  }

  let deliveryStartYear: number | null = null;
  if (values.deliveryStartYear !== '') {
    const year = parseWholeNumber(values.deliveryStartYear);
    if (year === undefined || year < 1900 || year > 2100)
      addError(errors, 'deliveryStartYear', 'Year delivery began must be a year like 2019');
    else deliveryStartYear = year;
  }

  const caseStudySlugs: string[] = [];
  for (const item of splitList(values.caseStudySlugs)) {
    const slug = caseStudySlugFrom(item);
    if (!Slug.safeParse(slug).success) {
      addError(
        errors,
        'caseStudySlugs',
        `Costed case studies: "${item}" is not a link to a Costed case study (paste its address, like /case-studies/east-riding-early-help)`,
      );
    } else if (!caseStudySlugs.includes(slug)) caseStudySlugs.push(slug);
  }
  const interventionNames = [...new Set(values.interventionNames.split('\n').map((n) => n.trim()))].filter(
    (n) => n.length > 0,
  );

  const indicators: ServiceBody['indicators'] = [];
  const indicatorRows: number[] = [];
  values.indicators.forEach((rowValues, index) => {
    const row = index + 1;
    if (isBlankRow(rowValues)) return;
    if (rowValues.indicator === '') {
      addError(
        errors,
        indicatorFieldId(row, 'indicator'),
        `Choose the outcome indicator for row ${row}, or clear its values`,
      );
    }
    const baseline = readObservation(rowValues, row, 'baseline', errors);
    const latest = readObservation(rowValues, row, 'latest', errors);
    if (rowValues.indicator !== '') {
      indicators.push({ indicator: rowValues.indicator, baseline, latest });
      indicatorRows.push(row);
    }
  });

  if (hasErrors(errors)) return { ok: false, errors };
  return {
    ok: true,
    indicatorRows,
    body: {
      name: values.name,
      description: values.description === '' ? null : values.description,
      provider: values.provider === '' ? null : values.provider,
      annualCost,
      contractEnd,
      cohort: { description: cohortDescription, ageRange, needLevels },
      participantsPerYear,
      indicators,
      evidenceLevel,
      deliveryStartYear,
      caseStudySlugs,
      interventionNames,
    },
  };
}

/** The well-formed case-study slugs the form names (links or slugs), each once. */
export function caseStudySlugsOf(values: ServiceFormValues): string[] {
  const slugs = splitList(values.caseStudySlugs).map(caseStudySlugFrom);
  return [...new Set(slugs.filter((slug) => Slug.safeParse(slug).success))];
}

/**
 * `buildServiceBody` plus the one check that needs the API before writing: every case study linked must
 * exist on Costed. `findUnknown` answers which slugs are not case studies; links the service already had
 * (`alreadyLinked`) are not checked again, so a study withdrawn since does not block an edit. All problems,
 * local and unknown links, come back together.
 */
export async function checkServiceForm(
  values: ServiceFormValues,
  findUnknown: (slugs: string[]) => Promise<string[]>,
  alreadyLinked: readonly string[] = [],
): Promise<BuiltService> {
  const built = buildServiceBody(values);
  const unknown = await findUnknown(caseStudySlugsOf(values).filter((s) => !alreadyLinked.includes(s)));
  if (unknown.length === 0) return built;
  const errors = built.ok ? emptyErrors() : built.errors;
  const where = unknown.map((slug) => `/case-studies/${slug}`).join(', ');
  const text = `Costed case studies: there is no case study at ${where}. Check the address, or remove it`;
  if (errors.byField.caseStudySlugs === undefined) addError(errors, 'caseStudySlugs', text);
  return { ok: false, errors };
}

const SERVICE_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  provider: 'Provider',
  annualCost: 'Annual cost',
  annualCostPriceYear: 'Price year',
  'contractEnd-day': 'Contract end date',
  cohortDescription: 'Who the service is for',
  ageMin: 'Youngest age',
  ageMax: 'Oldest age',
  needLevels: 'Levels of need',
  participantsPerYear: 'Participants per year',
  evidenceLevel: 'Evidence level',
  deliveryStartYear: 'Year delivery began',
  caseStudySlugs: 'Costed case studies',
  interventionNames: 'Named models',
};

/** The form field for one API error path of a service body, or undefined when the form has none. */
export function serviceFieldForPath(path: string, indicatorRows: readonly number[]): string | undefined {
  // The add route answers taxonomy problems as `body.services.0.…` (the path of the create-portfolio
  // body), so that prefix is read as the service itself.
  const parts = path
    .replace(/^body\.?/, '')
    .replace(/^services\.\d+\.?/, '')
    .split('.')
    .filter((p) => p !== '');
  const [head, second, third] = parts;
  switch (head) {
    case 'annualCost':
      return second === 'priceYear' ? 'annualCostPriceYear' : 'annualCost';
    case 'contractEnd':
      return 'contractEnd-day';
    case 'cohort':
      if (second === 'description') return 'cohortDescription';
      if (second === 'ageRange') return third === 'max' ? 'ageMax' : 'ageMin';
      if (second === 'needLevels') return 'needLevels';
      return 'cohortDescription';
    case 'indicators': {
      const row = indicatorRows[Number(second)];
      if (row === undefined) return indicatorFieldId(1, 'indicator');
      const obs = parts[3];
      if (third === 'baseline')
        return indicatorFieldId(row, obs === 'year' ? 'baselineYear' : 'baselineValue');
      if (third === 'latest') return indicatorFieldId(row, obs === 'year' ? 'latestYear' : 'latestValue');
      return indicatorFieldId(row, 'indicator');
    }
    default:
      return head !== undefined && head in SERVICE_FIELD_LABELS ? head : undefined;
  }
}

/** "Indicator 2" for an indicator row's fields, else the field's label. */
function serviceFieldLabel(field: string): string {
  const row = /^indicators-(\d+)-/.exec(field);
  if (row) return `Indicator ${row[1]}`;
  return SERVICE_FIELD_LABELS[field] ?? 'Service';
}

/**
 * The API's range messages come from its schema library ("Too small: expected number to be >=0"); this
 * says the same in plain words and leaves every other message as the API wrote it.
 */
export function plainRangeMessage(message: string): string {
  const small = /^Too small: expected number to be >=?(-?[\d.,]+)$/.exec(message);
  if (small) return `must be ${small[1]} or more`;
  const big = /^Too big: expected number to be <=?(-?[\d.,]+)$/.exec(message);
  if (big) return `must be ${big[1]} or less`;
  return message;
}

function labelled(label: string, message: string): string {
  const plain = plainRangeMessage(message);
  if (plain !== message) return `${label} ${plain}`;
  return message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
}

/**
 * Maps a 422 from POST/PUT a service onto the form: each error on its field, its message prefixed with the
 * field's name. A path the form has no field for goes on the name field, so no message is lost.
 */
export function mapServiceProblem(
  problems: readonly { path: string; message: string }[],
  indicatorRows: readonly number[],
): FormErrors {
  const errors = emptyErrors();
  for (const problem of problems) {
    const field = serviceFieldForPath(problem.path, indicatorRows);
    addError(
      errors,
      field ?? 'name',
      labelled(field ? serviceFieldLabel(field) : 'Service', problem.message),
    );
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------
// Review thresholds

export interface ThresholdField {
  key: string;
  label: string;
  /** What it does, for the hint (the rule's own description in @costed/decommissioning). */
  hint: string;
  defaultValue: number;
  min: number;
  max: number | undefined;
  integer: boolean;
  /** Appended to a value when shown: "%", " years", " months", or "". */
  unit: string;
}

/**
 * Every threshold of `ReviewThresholds` (packages/decommissioning/src/review-thresholds.ts): names,
 * defaults, bounds and what each does. The site talks to the API only over HTTP, so this is a copy; the
 * browser suite checks it against the package so the two cannot drift unnoticed.
 */
export const THRESHOLD_FIELDS: readonly ThresholdField[] = [
  {
    key: 'outcomeTolerancePercent',
    label: 'Outcome tolerance',
    hint: 'Outcomes not improving: an indicator counts as improving only when it moved the better way by more than this percentage of its baseline.',
    defaultValue: 5,
    min: 0,
    max: 100,
    integer: false,
    unit: '%',
  },
  {
    key: 'costPercentile',
    label: 'Cost-per-outcome percentile',
    hint: 'Cost per outcome above the upper quartile: the percentile of comparable evidence a service’s cost per outcome must exceed (75 is the upper quartile).',
    defaultValue: 75,
    min: 50,
    max: 100,
    integer: false,
    unit: '',
  },
  {
    key: 'minComparators',
    label: 'Fewest comparators for a cost comparison',
    hint: 'Cost per outcome above the upper quartile: the fewest comparable case studies on the same indicator for a percentile to mean anything.',
    defaultValue: 4,
    min: 2,
    max: undefined,
    integer: true,
    unit: '',
  },
  {
    key: 'dominanceCostMarginPercent',
    label: 'How much cheaper an alternative must be',
    hint: 'Cheaper, at-least-as-effective alternative: an alternative must cost at least this percentage less per participant, so differences within cost uncertainty do not count.',
    defaultValue: 10,
    min: 0,
    max: 99,
    integer: false,
    unit: '%',
  },
  {
    key: 'dominanceMinEvidenceLevel',
    label: 'Weakest evidence level an alternative may have',
    hint: 'Cheaper, at-least-as-effective alternative: the weakest Costed evidence level (0 to 4) an alternative may have to count (2 is “compared”).',
    defaultValue: 2,
    min: 0,
    max: 4,
    integer: true,
    unit: '',
  },
  {
    key: 'weakEvidenceMaxLevel',
    label: 'Evidence level at or below which evidence is weak',
    hint: 'Weak evidence after several years: evidence at or below this Costed level (0 to 4) is weak (1 is “before and after”).',
    defaultValue: 1,
    min: 0,
    max: 4,
    integer: true,
    unit: '',
  },
  {
    key: 'weakEvidenceAfterYears',
    label: 'Years of delivery before weak evidence is flagged',
    hint: 'Weak evidence after several years: years of delivery after which weak evidence is flagged.',
    defaultValue: 3,
    min: 0,
    max: undefined,
    integer: true,
    unit: ' years',
  },
  {
    key: 'duplicateKeywordOverlap',
    label: 'Cohort keyword overlap that counts as the same cohort',
    hint: 'Possible duplicate provision: the share of cohort-description keywords two services must have in common (Jaccard overlap, 0 to 1) to count as the same cohort.',
    defaultValue: 0.3,
    min: 0,
    max: 1,
    integer: false,
    unit: '',
  },
  {
    key: 'contractWindowMonths',
    label: 'Decision window before a contract ends',
    hint: 'Contract ending soon: how many months before a contract ends the decision window opens.',
    defaultValue: 12,
    min: 0,
    max: 120,
    integer: true,
    unit: ' months',
  },
];

/** A threshold value as shown: "18 months", "5%", "0.3". */
export function formatThreshold(field: ThresholdField, value: number): string {
  return `${value}${field.unit}`;
}

/** The thresholds form's values as typed, by key. */
export type ThresholdFormValues = Record<string, string>;

/** The inputs' starting values: what the portfolio set, else the default. */
export function thresholdsToFormValues(set: Readonly<Record<string, unknown>>): ThresholdFormValues {
  const values: ThresholdFormValues = {};
  for (const field of THRESHOLD_FIELDS) {
    const value = set[field.key];
    values[field.key] = typeof value === 'number' ? String(value) : String(field.defaultValue);
  }
  return values;
}

export function readThresholdsForm(form: FormData): ThresholdFormValues {
  const values: ThresholdFormValues = {};
  for (const field of THRESHOLD_FIELDS) values[field.key] = text(form, field.key);
  return values;
}

function rangeText(field: ThresholdField): string {
  if (field.max === undefined) return `${formatThreshold(field, field.min)} or more`;
  return `between ${formatThreshold(field, field.min)} and ${formatThreshold(field, field.max)}`;
}

/**
 * Checks the thresholds form and builds the PATCH body's `thresholds`: only values that differ from the
 * defaults are sent, so a threshold left at (or cleared to) its default follows the documented default.
 */
export function buildThresholdsBody(
  values: ThresholdFormValues,
): { ok: true; thresholds: Record<string, number> } | { ok: false; errors: FormErrors } {
  const errors = emptyErrors();
  const thresholds: Record<string, number> = {};
  for (const field of THRESHOLD_FIELDS) {
    const raw = (values[field.key] ?? '').replace(/%$/, '').trim();
    if (raw === '') continue;
    const value = field.integer ? parseWholeNumber(raw) : parseDecimal(raw);
    if (value === undefined) {
      addError(
        errors,
        field.key,
        `${field.label} must be ${field.integer ? 'a whole number' : 'a number'} ${rangeText(field)}`,
      );
      continue;
    }
    if (value < field.min || (field.max !== undefined && value > field.max)) {
      addError(errors, field.key, `${field.label} must be ${rangeText(field)}`);
      continue;
    }
    if (value !== field.defaultValue) thresholds[field.key] = value;
  }
  return hasErrors(errors) ? { ok: false, errors } : { ok: true, thresholds };
}

/** Maps a 422 from PATCH a portfolio (`body.thresholds.contractWindowMonths`) onto the thresholds form. */
export function mapThresholdsProblem(problems: readonly { path: string; message: string }[]): FormErrors {
  const errors = emptyErrors();
  const first = THRESHOLD_FIELDS[0]?.key ?? 'thresholds';
  for (const problem of problems) {
    const key = problem.path.replace(/^body\.?/, '').replace(/^thresholds\.?/, '');
    const field = THRESHOLD_FIELDS.find((f) => f.key === key);
    addError(errors, field?.key ?? first, labelled(field?.label ?? 'Thresholds', problem.message));
  }
  return errors;
}

export interface ThresholdDifference {
  key: string;
  label: string;
  value: string;
  defaultValue: string;
}

/** The thresholds a portfolio set that differ from the defaults, in the documented order. */
export function thresholdDifferences(set: Readonly<Record<string, unknown>>): ThresholdDifference[] {
  return THRESHOLD_FIELDS.flatMap((field) => {
    const value = set[field.key];
    if (typeof value !== 'number' || value === field.defaultValue) return [];
    return [
      {
        key: field.key,
        label: field.label,
        value: formatThreshold(field, value),
        defaultValue: formatThreshold(field, field.defaultValue),
      },
    ];
  });
}
