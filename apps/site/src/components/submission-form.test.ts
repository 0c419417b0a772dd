import { describe, expect, it } from 'vitest';
import {
  checkDraftComplete,
  draftFromCaseStudy,
  fieldForErrorPath,
  fieldId,
  formFieldNames,
  inputValue,
  keepUnrenderedFields,
  mapErrorsToFields,
  parsePounds,
  parseSubmissionForm,
} from './submission-form.ts';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

const blankRows = (group: string, fields: string[], rows: number): [string, string][] =>
  Array.from({ length: rows }, (_, i) =>
    fields.map((f): [string, string] => [`${group}.${i}.${f}`, '']),
  ).flat();

describe('parseSubmissionForm', () => {
  it('builds a nested draft from dotted names, leaving out blank inputs and blank rows', () => {
    const { draft, errors } = parseSubmissionForm(
      form([
        ['title', 'Leeds: family group conferencing'],
        ['councils', 'E08000035, E06000011'],
        ['intervention.name', 'Family group conferencing'],
        ['serviceAreas', 'early-help'],
        ['serviceAreas', 'family-support'],
        ['cohort.ageRange.min', '0'],
        ['costs.0.label', 'Staff'],
        ['costs.0.money.pence', '£1,250.50'],
        ['costs.0.money.priceYear', '2015-16'],
        ['costs.0.money.notReported', ''],
        ...blankRows('costs', ['label'], 3).slice(1),
        ['sources.0.id', ''],
      ]),
    );
    expect(errors).toEqual({});
    expect(draft).toEqual({
      title: 'Leeds: family group conferencing',
      councils: ['E08000035', 'E06000011'],
      intervention: { name: 'Family group conferencing', branded: false },
      serviceAreas: ['early-help', 'family-support'],
      cohort: { ageRange: { min: 0 } },
      costs: [{ label: 'Staff', money: { pence: 125_050, priceYear: '2015-16' } }],
    });
  });

  it('records "not reported" with its reason instead of an amount (never zero)', () => {
    const { draft } = parseSubmissionForm(
      form([
        ['costs.0.label', 'Set-up'],
        ['costs.0.money.pence', ''],
        ['costs.0.money.notReported', 'true'],
        ['costs.0.money.reason', 'The article gives no figure'],
      ]),
    );
    expect(draft.costs).toEqual([
      { label: 'Set-up', money: { notReported: true, reason: 'The article gives no figure' } },
    ]);
  });

  it('keeps line breaks as LF and records an unticked "branded" box as false', () => {
    const { draft } = parseSubmissionForm(
      form([
        ['body', 'First line\r\nSecond line'],
        ['intervention.name', 'Family hubs'],
      ]),
    );
    expect(draft.body).toBe('First line\nSecond line');
    expect(draft.intervention).toEqual({ name: 'Family hubs', branded: false });
  });

  it('reports an amount that is not money at its input', () => {
    const { errors } = parseSubmissionForm(
      form([
        ['costs.0.label', 'x'],
        ['costs.0.money.pence', 'lots'],
      ]),
    );
    expect(errors['costs.0.money.pence']).toMatch(/pounds/);
  });
});

describe('parsePounds', () => {
  it('turns pounds into whole pence and refuses anything else', () => {
    expect(parsePounds('1250')).toBe(125_000);
    expect(parsePounds('£1,250.5')).toBe(125_050);
    expect(parsePounds('-3.07')).toBe(-307);
    expect(parsePounds('1.234')).toBeUndefined();
    expect(parsePounds('ten')).toBeUndefined();
  });

  it('shows pence back as pounds in the form', () => {
    expect(inputValue({ costs: [{ money: { pence: 125_050 } }] }, 'costs.0.money.pence')).toBe('1250.50');
  });
});

describe('fieldForErrorPath', () => {
  const names = formFieldNames({});

  it('strips the API prefixes and finds the input', () => {
    expect(fieldForErrorPath('body.document.summary', names)).toBe('summary');
    expect(fieldForErrorPath('document.costs.0.money.priceYear', names)).toBe('costs.0.money.priceYear');
  });

  it('falls back to the nearest input for a path no input has', () => {
    expect(fieldForErrorPath('document.costs.0.money', names)).toBe('costs.0.money.pence');
    expect(fieldForErrorPath('intervention', names)).toBe('intervention.name');
    expect(fieldForErrorPath('costs.0.citation', names)).toBe('costs.0.citation.source');
  });

  it('finds nothing for a field the form does not show', () => {
    expect(fieldForErrorPath('body.document.keyFacts.0.statement', names)).toBeUndefined();
  });
});

describe('mapErrorsToFields', () => {
  it('links each error to its input and keeps the first message per input', () => {
    const names = formFieldNames({});
    const { byField, summary } = mapErrorsToFields(
      [
        { path: 'body.document.summary', message: 'A phone number was found' },
        { path: 'body.document.summary', message: 'A second finding' },
        { path: 'document.keyFacts', message: 'Unknown' },
      ],
      names,
    );
    expect(byField).toEqual({ summary: 'A phone number was found' });
    expect(summary).toEqual([
      { text: 'A phone number was found', href: `#${fieldId('summary')}` },
      { text: 'document.keyFacts: Unknown' },
    ]);
  });
});

describe('checkDraftComplete', () => {
  it('names the price year, not the whole money union, when a price year is wrong', () => {
    const issues = checkDraftComplete({
      costs: [
        {
          label: 'Staff',
          money: { pence: 100, priceYear: '2015-17' },
          kind: 'recurring',
          basis: 'total',
          citation: { source: 's', quote: 'a quoted sentence' },
        },
      ],
    });
    expect(issues.find((i) => i.path === 'costs.0.money.priceYear')?.message).toMatch(/2015-16/);
    expect(issues.some((i) => i.path.startsWith('evidence'))).toBe(false);
  });

  it('asks for missing fields in words', () => {
    const issues = checkDraftComplete({});
    expect(issues.find((i) => i.path === 'title')?.message).toBe('Enter the title');
  });
});

describe('keepUnrenderedFields', () => {
  it('keeps what the form cannot edit and drops rows the author removed', () => {
    const previous = {
      title: 'Old title',
      tags: ['hubs'],
      savings: [{ money: { pence: 5 } }],
      costs: [
        { label: 'Staff', funder: 'DfE Innovation Fund', money: { pence: 1, priceYear: '2015' } },
        { label: 'Gone', funder: 'Council' },
      ],
      status: 'published',
      version: 2,
    };
    const posted = {
      title: 'New title',
      costs: [{ label: 'Staff', money: { pence: 2, priceYear: '2015' } }],
    };
    expect(keepUnrenderedFields(previous, posted)).toEqual({
      title: 'New title',
      tags: ['hubs'],
      savings: [{ money: { pence: 5 } }],
      costs: [{ label: 'Staff', funder: 'DfE Innovation Fund', money: { pence: 2, priceYear: '2015' } }],
    });
  });

  it('lets the author clear a field the form shows', () => {
    expect(keepUnrenderedFields({ title: 'x', summary: 'y' }, { title: 'x' })).toEqual({ title: 'x' });
  });
});

describe('draftFromCaseStudy', () => {
  it('leaves out status, version and the evidence assessment', () => {
    expect(draftFromCaseStudy({ title: 't', status: 'published', version: 3, evidence: {} })).toEqual({
      title: 't',
    });
  });
});
