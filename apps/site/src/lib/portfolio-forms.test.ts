import { describe, expect, it } from 'vitest';
import {
  buildServiceBody,
  buildThresholdsBody,
  caseStudySlugFrom,
  caseStudySlugsOf,
  checkServiceForm,
  emptyServiceForm,
  formatPenceInput,
  INDICATOR_ROWS,
  mapServiceProblem,
  mapThresholdsProblem,
  parsePoundsToPence,
  readServiceForm,
  readThresholdsForm,
  type ServiceFormValues,
  serviceFieldForPath,
  serviceToFormValues,
  THRESHOLD_FIELDS,
  thresholdDifferences,
  thresholdsToFormValues,
} from './portfolio-forms.ts';

function formOf(entries: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

function withValues(patch: Partial<ServiceFormValues>): ServiceFormValues {
  return { ...emptyServiceForm(), ...patch };
}

describe('parsePoundsToPence', () => {
  it('reads pounds and pence as typed into whole pence', () => {
    expect(parsePoundsToPence('£12,345.67')).toBe(1_234_567);
    expect(parsePoundsToPence('12345.6')).toBe(1_234_560);
    expect(parsePoundsToPence(' £ 250000 ')).toBe(25_000_000);
    expect(parsePoundsToPence('1 250.50')).toBe(125_050);
    expect(parsePoundsToPence('0')).toBe(0);
  });

  it('refuses what is not an amount rather than guessing', () => {
    for (const bad of ['about 12k', '12.345', '-5', '1,2345', '£', '', '12,34.00', '1e6']) {
      expect(parsePoundsToPence(bad), bad).toBeUndefined();
    }
  });

  it('shows pence back as the input writes them', () => {
    expect(formatPenceInput(1_234_567)).toBe('12,345.67');
    expect(formatPenceInput(500_000)).toBe('5,000');
    expect(formatPenceInput(5)).toBe('0.05');
    expect(parsePoundsToPence(formatPenceInput(8_000_050))).toBe(8_000_050);
  });
});

describe('readServiceForm and buildServiceBody', () => {
  const complete = {
    csrf: 'x',
    name: ' Edge of Care Outreach ',
    description: 'Intensive work with families\r\nat the edge of care.',
    provider: 'Council in-house',
    annualCost: '£12,345.67',
    annualCostPriceYear: '2024-25',
    'contractEnd-day': '31',
    'contractEnd-month': '3',
    'contractEnd-year': '2027',
    cohortDescription: 'Adolescents at risk of entering care',
    ageMin: '11',
    ageMax: '17',
    needLevels: ['specialist', 'statutory'],
    participantsPerYear: '1,200',
    evidenceLevel: '2',
    deliveryStartYear: '2019',
    caseStudySlugs:
      'https://costed.example/case-studies/north-yorkshire-no-wrong-door?priceYear=2024-25\n\nsome-slug',
    interventionNames: 'No Wrong Door\nNo Wrong Door',
    indicatorRows: '3',
    'indicators-1-indicator': '',
    'indicators-2-indicator': 'care-proceedings',
    'indicators-2-baselineValue': '40',
    'indicators-2-baselineYear': '2021-22',
    'indicators-2-latestValue': '30.5',
    'indicators-2-latestYear': '2023-24',
    'indicators-3-indicator': 'neet-16-18-rate',
  };

  it('builds the service body: integer pence with the price year, ISO date, nulls for unknown, blank rows ignored', () => {
    const built = buildServiceBody(readServiceForm(formOf(complete)));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.body).toEqual({
      name: 'Edge of Care Outreach',
      description: 'Intensive work with families\nat the edge of care.',
      provider: 'Council in-house',
      annualCost: { pence: 1_234_567, priceYear: '2024-25' },
      contractEnd: '2027-03-31',
      cohort: {
        description: 'Adolescents at risk of entering care',
        ageRange: { min: 11, max: 17 },
        needLevels: ['specialist', 'statutory'],
      },
      participantsPerYear: 1200,
      indicators: [
        {
          indicator: 'care-proceedings',
          baseline: { value: 40, year: '2021-22' },
          latest: { value: 30.5, year: '2023-24' },
        },
        { indicator: 'neet-16-18-rate', baseline: null, latest: null },
      ],
      evidenceLevel: 2,
      deliveryStartYear: 2019,
      caseStudySlugs: ['north-yorkshire-no-wrong-door', 'some-slug'],
      interventionNames: ['No Wrong Door'],
    });
    // Row 1 was blank: the API's indicators.0 is form row 2, indicators.1 is row 3.
    expect(built.indicatorRows).toEqual([2, 3]);
  });

  it('leaves unknown figures null, never zero, when only the name is given', () => {
    const built = buildServiceBody(withValues({ name: 'Youth Mentoring', evidenceLevel: 'none' }));
    expect(built.ok && built.body).toMatchObject({
      annualCost: null,
      contractEnd: null,
      participantsPerYear: null,
      evidenceLevel: null,
      deliveryStartYear: null,
      indicators: [],
      cohort: { description: null, ageRange: null, needLevels: [] },
    });
  });

  it('reports every problem at once, each on its field and naming it', () => {
    const values = withValues({
      name: '',
      annualCost: 'about 12k',
      annualCostPriceYear: '2024-26',
      contractEndDay: '31',
      contractEndMonth: '2',
      contractEndYear: '2027',
      ageMin: '12',
      ageMax: '9',
      participantsPerYear: '-3',
      deliveryStartYear: '19',
      caseStudySlugs: 'Not A Slug!',
      indicators: [
        {
          indicator: '',
          baselineValue: '40',
          baselineYear: '2021',
          latestValue: '',
          latestYear: '',
        },
        {
          indicator: 'care-proceedings',
          baselineValue: 'forty',
          baselineYear: '2021',
          latestValue: '30',
          latestYear: '',
        },
      ],
    });
    const built = buildServiceBody(values);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.byField).toEqual({
      name: 'Enter the name of the service',
      annualCost: 'Annual cost must be an amount of money in pounds and pence, like £12,345.67',
      annualCostPriceYear: expect.stringMatching(/^Price year: "2024-26" is not a financial year.*2024-25/),
      'contractEnd-day': 'Contract end date must be a real date',
      ageMin: 'Youngest age must not be above the oldest age',
      participantsPerYear: 'Participants per year must be a whole number, 0 or more',
      deliveryStartYear: 'Year delivery began must be a year like 2019',
      caseStudySlugs: expect.stringContaining('"Not A Slug!" is not a link to a Costed case study'),
      'indicators-1-indicator': 'Choose the outcome indicator for row 1, or clear its values',
      'indicators-2-baselineValue': 'Indicator 2 baseline value must be a number, like 40 or 6.1',
      'indicators-2-latestYear': 'Enter the year of the latest value of indicator 2, like 2023-24',
    });
    expect(built.errors.summary.map((e) => e.href)).toEqual(
      Object.keys(built.errors.byField).map((field) => `#${field}`),
    );
  });

  it('asks for the missing parts of a date and for a cost with no price year', () => {
    const built = buildServiceBody(
      withValues({ name: 'X', contractEndDay: '1', annualCost: '100', annualCostPriceYear: '' }),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.byField['contractEnd-month']).toBe('Contract end date must include a month and year');
    expect(built.errors.byField.annualCostPriceYear).toBe(
      'Enter the price year of the annual cost, like 2024-25',
    );
    const month = buildServiceBody(
      withValues({ name: 'X', contractEndDay: '1', contractEndMonth: '13', contractEndYear: '2027' }),
    );
    expect(!month.ok && month.errors.byField['contractEnd-month']).toMatch(/month is 1 to 12/);
  });

  it('round-trips a stored service through the edit form unchanged', () => {
    const stored = {
      name: 'Family Support Team',
      description: 'Intensive support.',
      provider: 'Council in-house',
      annualCost: { pence: 25_000_050, priceYear: '2024-25' },
      contractEnd: '2026-03-05',
      cohort: {
        description: 'Parents of babies',
        ageRange: { min: 0, max: 2 },
        needLevels: ['specialist'],
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
      caseStudySlugs: ['a-study'],
      interventionNames: ['Family Group Conferencing'],
    };
    const values = serviceToFormValues(stored);
    expect(values.annualCost).toBe('250,000.50');
    expect([values.contractEndDay, values.contractEndMonth, values.contractEndYear]).toEqual([
      '5',
      '3',
      '2026',
    ]);
    // One indicator: three rows shown, two blank.
    expect(values.indicators).toHaveLength(INDICATOR_ROWS);
    const built = buildServiceBody(values);
    expect(built.ok && built.body).toEqual(stored);
  });

  it('shows one spare row beyond the indicators a service already has', () => {
    const indicators = ['a', 'b', 'c', 'd'].map((indicator) => ({ indicator, baseline: null, latest: null }));
    expect(serviceToFormValues({ name: 'X', indicators }).indicators).toHaveLength(5);
    const form = formOf({ name: 'X', indicatorRows: '5', 'indicators-5-indicator': 'e' });
    expect(readServiceForm(form).indicators[4]?.indicator).toBe('e');
  });
});

describe('caseStudySlugFrom', () => {
  it('takes the slug out of a Costed link, or keeps a bare slug', () => {
    expect(caseStudySlugFrom('https://costed.example/case-studies/east-riding-early-help#costs')).toBe(
      'east-riding-early-help',
    );
    expect(caseStudySlugFrom('/case-studies/a-b?priceYear=2024-25')).toBe('a-b');
    expect(caseStudySlugFrom(' a-b ')).toBe('a-b');
  });
});

describe('checkServiceForm', () => {
  const lookups: string[][] = [];
  const findUnknown = async (slugs: string[]) => {
    lookups.push(slugs);
    return slugs.filter((slug) => slug.startsWith('no-'));
  };

  it('reports a link to no case study together with the other problems', async () => {
    const checked = await checkServiceForm(
      withValues({ name: '', caseStudySlugs: '/case-studies/no-such-study\nreal-study\nBad Slug' }),
      findUnknown,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors.byField)).toEqual(['name', 'caseStudySlugs']);
    // A malformed link is reported first; the lookup only asks about well-formed slugs.
    expect(checked.errors.byField.caseStudySlugs).toContain('"Bad Slug" is not a link');
    expect(lookups.at(-1)).toEqual(['no-such-study', 'real-study']);

    const unknownOnly = await checkServiceForm(
      withValues({ name: 'X', caseStudySlugs: 'no-such-study' }),
      findUnknown,
    );
    expect(!unknownOnly.ok && unknownOnly.errors.byField.caseStudySlugs).toBe(
      'Costed case studies: there is no case study at /case-studies/no-such-study. Check the address, or remove it',
    );
  });

  it('does not look up links the service already had', async () => {
    const checked = await checkServiceForm(
      withValues({ name: 'X', caseStudySlugs: 'no-longer-published\nreal-study' }),
      findUnknown,
      ['no-longer-published'],
    );
    expect(checked.ok && checked.body.caseStudySlugs).toEqual(['no-longer-published', 'real-study']);
    expect(lookups.at(-1)).toEqual(['real-study']);
    expect(caseStudySlugsOf(withValues({ caseStudySlugs: 'a-b, /case-studies/a-b' }))).toEqual(['a-b']);
  });
});

describe('mapping API problems onto the service form', () => {
  it('puts each path on its field, indicator rows through the row map', () => {
    expect(serviceFieldForPath('body.annualCost.priceYear', [])).toBe('annualCostPriceYear');
    expect(serviceFieldForPath('body.annualCost', [])).toBe('annualCost');
    expect(serviceFieldForPath('body.contractEnd', [])).toBe('contractEnd-day');
    expect(serviceFieldForPath('body.cohort.ageRange.max', [])).toBe('ageMax');
    expect(serviceFieldForPath('body.indicators.1.indicator', [2, 3])).toBe('indicators-3-indicator');
    expect(serviceFieldForPath('body.indicators.0.latest.year', [2, 3])).toBe('indicators-2-latestYear');
    // The add route names taxonomy problems with the create-portfolio body's path.
    expect(serviceFieldForPath('body.services.0.indicators.0.indicator', [3])).toBe('indicators-3-indicator');
    expect(serviceFieldForPath('body.whatever', [])).toBeUndefined();
  });

  it('names the field in every message and keeps messages no field owns', () => {
    const errors = mapServiceProblem(
      [
        {
          path: 'body.indicators.1.indicator',
          message:
            'The indicator care-proceedings is listed twice for this service: list each indicator once',
        },
        { path: 'body.participantsPerYear', message: 'Too small: expected number to be >=0' },
        { path: 'body', message: 'Something else went wrong' },
      ],
      [1, 2],
    );
    expect(errors.byField).toEqual({
      'indicators-2-indicator':
        'Indicator 2: The indicator care-proceedings is listed twice for this service: list each indicator once',
      participantsPerYear: 'Participants per year must be 0 or more',
      name: 'Service: Something else went wrong',
    });
    expect(errors.summary[0]).toEqual({
      text: errors.byField['indicators-2-indicator'],
      href: '#indicators-2-indicator',
    });
  });
});

describe('review thresholds form', () => {
  it('covers the nine thresholds with defaults inside their bounds', () => {
    expect(THRESHOLD_FIELDS.map((f) => f.key)).toEqual([
      'outcomeTolerancePercent',
      'costPercentile',
      'minComparators',
      'dominanceCostMarginPercent',
      'dominanceMinEvidenceLevel',
      'weakEvidenceMaxLevel',
      'weakEvidenceAfterYears',
      'duplicateKeywordOverlap',
      'contractWindowMonths',
    ]);
    for (const f of THRESHOLD_FIELDS) {
      expect(f.defaultValue, f.key).toBeGreaterThanOrEqual(f.min);
      if (f.max !== undefined) expect(f.defaultValue, f.key).toBeLessThanOrEqual(f.max);
    }
  });

  it('starts from what the portfolio set, defaults elsewhere', () => {
    const values = thresholdsToFormValues({ contractWindowMonths: 18 });
    expect(values.contractWindowMonths).toBe('18');
    expect(values.outcomeTolerancePercent).toBe('5');
    expect(values.duplicateKeywordOverlap).toBe('0.3');
  });

  it('sends only values that differ from the defaults; blank means the default', () => {
    const values = readThresholdsForm(
      formOf({ ...thresholdsToFormValues({}), contractWindowMonths: '6', outcomeTolerancePercent: '7.5%' }),
    );
    values.costPercentile = '';
    expect(buildThresholdsBody(values)).toEqual({
      ok: true,
      thresholds: { outcomeTolerancePercent: 7.5, contractWindowMonths: 6 },
    });
  });

  it('refuses values out of range or not numbers, naming the threshold and its bounds', () => {
    const built = buildThresholdsBody({
      ...thresholdsToFormValues({}),
      contractWindowMonths: '121',
      minComparators: '1',
      weakEvidenceAfterYears: '2.5',
      duplicateKeywordOverlap: 'half',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.byField).toEqual({
      minComparators: 'Fewest comparators for a cost comparison must be 2 or more',
      weakEvidenceAfterYears:
        'Years of delivery before weak evidence is flagged must be a whole number 0 years or more',
      duplicateKeywordOverlap:
        'Cohort keyword overlap that counts as the same cohort must be a number between 0 and 1',
      contractWindowMonths: 'Decision window before a contract ends must be between 0 months and 120 months',
    });
  });

  it('maps the API’s threshold paths onto the form', () => {
    const errors = mapThresholdsProblem([
      { path: 'body.thresholds.costPercentile', message: 'Too big: expected number to be <=100' },
    ]);
    expect(errors.byField).toEqual({ costPercentile: 'Cost-per-outcome percentile must be 100 or less' });
  });

  it('lists the thresholds that differ from the defaults, with both values', () => {
    expect(thresholdDifferences({})).toEqual([]);
    expect(thresholdDifferences({ contractWindowMonths: 18, outcomeTolerancePercent: 5 })).toEqual([
      {
        key: 'contractWindowMonths',
        label: 'Decision window before a contract ends',
        value: '18 months',
        defaultValue: '12 months',
      },
    ]);
  });
});
