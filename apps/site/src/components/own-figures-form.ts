/**
 * The "enter your own figures" form on the Appraise page: a simple scenario (one set-up cost, one yearly
 * running cost, one benefit valued with a reference unit cost) read from the posted fields, turned into a
 * POST /v1/appraisals body, and the API's problem+json paths mapped back to the fields that caused them.
 * The form checks only what it must to build a body (numbers are numbers); every rule about ranges and
 * reference data is the API's, so the two cannot disagree.
 */

export const OWN_FIGURE_FIELDS = [
  'label',
  'priceYear',
  'horizonYears',
  'setUpCost',
  'runningCost',
  'unitCostId',
  'outcomesPerYear',
  'outcomesLow',
  'outcomesHigh',
  'seed',
  'iterations',
] as const;
export type OwnFigureField = (typeof OWN_FIGURE_FIELDS)[number];
export type OwnFigureValues = Record<OwnFigureField, string>;
export type FieldErrors = Partial<Record<OwnFigureField, string>>;

export const FIELD_LABELS: Record<OwnFigureField, string> = {
  label: 'Name of the option',
  priceYear: 'Price year',
  horizonYears: 'Years to appraise',
  setUpCost: 'Set-up cost',
  runningCost: 'Running cost each year',
  unitCostId: 'What one avoided outcome is worth',
  outcomesPerYear: 'Outcomes avoided each year',
  outcomesLow: 'Lowest plausible outcomes each year',
  outcomesHigh: 'Highest plausible outcomes each year',
  seed: 'Seed',
  iterations: 'Iterations',
};

/** The posted form's values, trimmed; a missing field is an empty string. */
export function readOwnFigures(data: { get(name: string): unknown }): OwnFigureValues {
  const values = {} as OwnFigureValues;
  for (const field of OWN_FIGURE_FIELDS) {
    const raw = data.get(field);
    values[field] = typeof raw === 'string' ? raw.trim() : '';
  }
  return values;
}

/** "£12,500.50", "12500" or "12,500" → 1250050 pence; undefined when it is not an amount. */
export function parsePoundsToPence(text: string): number | undefined {
  const cleaned = text.replace(/^£/, '').replaceAll(',', '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function parseNumber(text: string, integer: boolean): number | undefined {
  const cleaned = text.replaceAll(',', '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  if (integer && !Number.isInteger(value)) return undefined;
  return value;
}

export interface OwnFiguresRequest {
  body: Record<string, unknown>;
  fieldErrors: FieldErrors;
}

/** Builds the POST /v1/appraisals body, or says which fields are not numbers. */
export function buildOwnFiguresRequest(values: OwnFigureValues): OwnFiguresRequest {
  const errors: FieldErrors = {};
  const need = (field: OwnFigureField, message: string) => {
    if (!values[field]) errors[field] = message;
  };
  need('priceYear', 'Select a price year');
  need('unitCostId', 'Select what one avoided outcome is worth');
  const horizon = parseNumber(values.horizonYears, true);
  if (horizon === undefined) errors.horizonYears = 'Enter the years to appraise as a whole number, like 5';
  const setUp = parsePoundsToPence(values.setUpCost);
  if (setUp === undefined) errors.setUpCost = 'Enter the set-up cost in pounds, like 150000 (0 if none)';
  const running = parsePoundsToPence(values.runningCost);
  if (running === undefined)
    errors.runningCost = 'Enter the running cost each year in pounds, like 200000 (0 if none)';
  const likely = parseNumber(values.outcomesPerYear, false);
  if (likely === undefined)
    errors.outcomesPerYear = 'Enter the outcomes avoided each year as a number, like 4';
  const low = values.outcomesLow ? parseNumber(values.outcomesLow, false) : undefined;
  const high = values.outcomesHigh ? parseNumber(values.outcomesHigh, false) : undefined;
  if (values.outcomesLow && low === undefined) errors.outcomesLow = 'Enter the lowest outcomes as a number';
  if (values.outcomesHigh && high === undefined)
    errors.outcomesHigh = 'Enter the highest outcomes as a number';
  if ((values.outcomesLow === '') !== (values.outcomesHigh === '')) {
    const missing: OwnFigureField = values.outcomesLow ? 'outcomesHigh' : 'outcomesLow';
    errors[missing] = 'Enter both the lowest and the highest outcomes, or neither';
  }
  if (low !== undefined && high !== undefined && likely !== undefined && !(low <= likely && likely <= high))
    errors.outcomesLow = 'The lowest outcomes must be at most the most likely, and the highest at least it';
  const seed = values.seed ? parseNumber(values.seed, true) : undefined;
  const iterations = values.iterations ? parseNumber(values.iterations, true) : undefined;
  if (values.seed && seed === undefined) errors.seed = 'Enter the seed as a whole number, like 42';
  if (values.iterations && iterations === undefined)
    errors.iterations = 'Enter the iterations as a whole number, like 10000';
  if (Object.keys(errors).length > 0) return { body: {}, fieldErrors: errors };

  const priceYear = values.priceYear;
  const outcomes =
    low !== undefined && high !== undefined && low < high
      ? { type: 'triangular', low, likely, high }
      : (likely as number);
  const body: Record<string, unknown> = {
    scenario: {
      ...(values.label ? { label: values.label } : {}),
      priceYear,
      horizonYears: horizon,
      costs: [
        { label: 'Set-up', kind: 'set-up', amount: { pence: setUp, priceYear } },
        { label: 'Running costs', kind: 'recurring', amount: { pence: running, priceYear } },
      ],
      benefits: [
        {
          label: 'Outcomes avoided',
          outcomesPerYear: outcomes,
          valuation: { unitCostId: values.unitCostId },
          startYear: 1,
          // Outcomes are felt from year 1 to the last year appraised.
          durationYears: Math.max(1, (horizon as number) - 1),
        },
      ],
    },
  };
  if (values.seed || values.iterations)
    body.monteCarlo = { seed: seed ?? 1, iterations: iterations ?? 10_000 };
  return { body, fieldErrors: {} };
}

/** Which form field a problem+json path (`body.scenario.costs.0.amount.pence`) belongs to. */
export function fieldForProblemPath(path: string): OwnFigureField | undefined {
  const p = path.replace(/^body\./, '');
  if (p === 'scenario.label') return 'label';
  if (p.startsWith('scenario.priceYear') || /^scenario\.costs\.\d+\.amount\.priceYear/.test(p))
    return 'priceYear';
  if (p.startsWith('scenario.horizonYears') || /^scenario\.benefits\.0\.durationYears/.test(p))
    return 'horizonYears';
  if (p.startsWith('scenario.costs.0')) return 'setUpCost';
  if (p.startsWith('scenario.costs.1')) return 'runningCost';
  if (p.startsWith('scenario.benefits.0.valuation')) return 'unitCostId';
  if (p.startsWith('scenario.benefits.0.outcomesPerYear.low')) return 'outcomesLow';
  if (p.startsWith('scenario.benefits.0.outcomesPerYear.high')) return 'outcomesHigh';
  if (p.startsWith('scenario.benefits.0.outcomesPerYear')) return 'outcomesPerYear';
  if (p.startsWith('monteCarlo.seed')) return 'seed';
  if (p.startsWith('monteCarlo')) return 'iterations';
  return undefined;
}

/**
 * The API's range messages come from its schema library ("Too small: expected number to be >=1"); this
 * says the same in plain words ("must be 1 or more") and leaves every other message as the API wrote it.
 */
export function plainMessage(message: string): string {
  const small = /^Too small: expected number to be >=?(-?[\d.,]+)$/.exec(message);
  if (small) return `must be ${small[1]} or more`;
  const big = /^Too big: expected number to be <=?(-?[\d.,]+)$/.exec(message);
  if (big) return `must be ${big[1]} or less`;
  return message;
}

/** "Years to appraise must be 1 or more", or "Label: the API's message" when it is not a range. */
export function labelMessage(label: string, message: string): string {
  const plain = plainMessage(message);
  return plain === message ? `${label}: ${message}` : `${label} ${plain}`;
}

/** The API's errors as field errors (the first per field), plus those no field owns. */
export function mapProblemErrors(errors: readonly { path: string; message: string }[]): {
  fieldErrors: FieldErrors;
  other: string[];
} {
  const fieldErrors: FieldErrors = {};
  const other: string[] = [];
  for (const error of errors) {
    const field = fieldForProblemPath(error.path);
    if (field) fieldErrors[field] ??= labelMessage(FIELD_LABELS[field], error.message);
    else other.push(error.message);
  }
  return { fieldErrors, other };
}
