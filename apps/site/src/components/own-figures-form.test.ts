import { describe, expect, it } from 'vitest';
import {
  buildOwnFiguresRequest,
  fieldForProblemPath,
  mapProblemErrors,
  type OwnFigureValues,
  parsePoundsToPence,
  plainMessage,
  readOwnFigures,
} from './own-figures-form.ts';

const valid: OwnFigureValues = {
  label: 'Edge of care team',
  priceYear: '2024-25',
  horizonYears: '5',
  setUpCost: '£100,000',
  runningCost: '200000',
  unitCostId: 'lac-average-fiscal-per-year',
  outcomesPerYear: '4',
  outcomesLow: '',
  outcomesHigh: '',
  seed: '',
  iterations: '',
};

describe('parsePoundsToPence', () => {
  it('reads pounds with or without £, commas and pence', () => {
    expect(parsePoundsToPence('£12,500.5')).toBe(1_250_050);
    expect(parsePoundsToPence('0')).toBe(0);
    expect(parsePoundsToPence('12500')).toBe(1_250_000);
  });
  it('refuses what is not an amount', () => {
    for (const text of ['', 'ten', '-5', '1.234', '£']) expect(parsePoundsToPence(text)).toBeUndefined();
  });
});

describe('buildOwnFiguresRequest', () => {
  it('builds one set-up cost, one running cost and one benefit from year 1 to the horizon', () => {
    const { body, fieldErrors } = buildOwnFiguresRequest(valid);
    expect(fieldErrors).toEqual({});
    expect(body).toEqual({
      scenario: {
        label: 'Edge of care team',
        priceYear: '2024-25',
        horizonYears: 5,
        costs: [
          { label: 'Set-up', kind: 'set-up', amount: { pence: 10_000_000, priceYear: '2024-25' } },
          { label: 'Running costs', kind: 'recurring', amount: { pence: 20_000_000, priceYear: '2024-25' } },
        ],
        benefits: [
          {
            label: 'Outcomes avoided',
            outcomesPerYear: 4,
            valuation: { unitCostId: 'lac-average-fiscal-per-year' },
            startYear: 1,
            durationYears: 4,
          },
        ],
      },
    });
  });

  it('adds a triangular range and a seeded simulation when they are given', () => {
    const { body } = buildOwnFiguresRequest({
      ...valid,
      outcomesLow: '2',
      outcomesHigh: '6',
      seed: '42',
      iterations: '2000',
    });
    const scenario = body.scenario as { benefits: { outcomesPerYear: unknown }[] };
    expect(scenario.benefits[0]?.outcomesPerYear).toEqual({ type: 'triangular', low: 2, likely: 4, high: 6 });
    expect(body.monteCarlo).toEqual({ seed: 42, iterations: 2000 });
  });

  it('names each field that is not a number, and sends nothing', () => {
    const { body, fieldErrors } = buildOwnFiguresRequest({
      ...valid,
      setUpCost: 'lots',
      horizonYears: '2.5',
      outcomesLow: '1',
      unitCostId: '',
    });
    expect(body).toEqual({});
    expect(Object.keys(fieldErrors).sort()).toEqual([
      'horizonYears',
      'outcomesHigh',
      'setUpCost',
      'unitCostId',
    ]);
  });

  it('passes range rules it does not own to the API (horizon 0 is a number)', () => {
    expect(buildOwnFiguresRequest({ ...valid, horizonYears: '0' }).fieldErrors).toEqual({});
  });
});

describe('mapping problem+json paths to fields', () => {
  it('maps each path the API can name to the field that caused it', () => {
    expect(fieldForProblemPath('body.scenario.horizonYears')).toBe('horizonYears');
    expect(fieldForProblemPath('body.scenario.costs.0.amount.pence')).toBe('setUpCost');
    expect(fieldForProblemPath('body.scenario.costs.1.amount.pence')).toBe('runningCost');
    expect(fieldForProblemPath('body.scenario.costs.1.amount.priceYear')).toBe('priceYear');
    expect(fieldForProblemPath('body.scenario.benefits.0.valuation.unitCostId')).toBe('unitCostId');
    expect(fieldForProblemPath('body.scenario.benefits.0.outcomesPerYear.low')).toBe('outcomesLow');
    expect(fieldForProblemPath('body.scenario.benefits.0.outcomesPerYear')).toBe('outcomesPerYear');
    expect(fieldForProblemPath('body.monteCarlo.iterations')).toBe('iterations');
    expect(fieldForProblemPath('body.monteCarlo.seed')).toBe('seed');
    expect(fieldForProblemPath('body.somethingElse')).toBeUndefined();
  });

  it('keeps the first message per field and the rest for the summary', () => {
    const mapped = mapProblemErrors([
      { path: 'body.scenario.horizonYears', message: 'Too small: expected number to be >=1' },
      { path: 'body.scenario.benefits.0.durationYears', message: 'second' },
      { path: 'body', message: 'Too many draws' },
    ]);
    expect(mapped.fieldErrors).toEqual({
      horizonYears: 'Years to appraise must be 1 or more',
    });
    expect(mapped.other).toEqual(['Too many draws']);
  });
});

describe('plainMessage', () => {
  it('says range limits in plain words and leaves other messages alone', () => {
    expect(plainMessage('Too small: expected number to be >=1')).toBe('must be 1 or more');
    expect(plainMessage('Too big: expected number to be <=100000')).toBe('must be 100000 or less');
    expect(plainMessage('There is no unit cost "x"')).toBe('There is no unit cost "x"');
  });
});

describe('readOwnFigures', () => {
  it('trims posted values and reads missing fields as empty', () => {
    const form = new FormData();
    form.set('horizonYears', ' 5 ');
    const values = readOwnFigures(form);
    expect(values.horizonYears).toBe('5');
    expect(values.seed).toBe('');
  });
});
