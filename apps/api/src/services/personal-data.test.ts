import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { assertNoPersonalData, findingErrors, scanSubmission } from './personal-data.ts';

describe('scanSubmission', () => {
  it('flags small counts in half-written outcomes without failing, keeping each outcome’s index', () => {
    const result = scanSubmission({
      outcomes: [
        'not an outcome yet',
        { unit: 'count' },
        { unit: 'count', baseline: { value: 4 }, followUp: { value: 'six' } },
        { unit: 'percent', population: 7, followUp: { value: 3 } },
      ],
    });
    expect(result.ok).toBe(true);
    expect(result.smallCounts.map((f) => [f.path, f.value])).toEqual([
      ['outcomes.2.baseline.value', 4],
      ['outcomes.3.population', 7],
    ]);
  });

  it('reports findings as not ok, with the field path', () => {
    const result = scanSubmission({ body: 'Email anna.smith@example.org for the data.' });
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => [f.kind, f.path])).toEqual([['email', 'body']]);
  });

  it('treats a draft with no outcomes as clean', () => {
    expect(scanSubmission({})).toEqual({ ok: true, findings: [], smallCounts: [] });
  });
});

describe('assertNoPersonalData', () => {
  it('passes clean text', () => {
    expect(() =>
      assertNoPersonalData({ summary: 'Fewer children entered care.' }, 'body.document'),
    ).not.toThrow();
  });

  it('throws personal-data-found naming each field under the prefix, the span and the reason', () => {
    const text = 'Call 07700 900123 today.';
    let error: unknown;
    try {
      assertNoPersonalData({ summary: text }, 'body.document');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.code).toBe('personal-data-found');
    expect(api.status).toBe(422);
    expect(api.errors).toEqual([
      { path: 'body.document.summary', message: expect.stringContaining('characters 5–17'), code: 'phone' },
    ]);
    const findings = api.extensions?.findings as { start: number; end: number; path: string }[] | undefined;
    const finding = findings?.[0];
    expect(finding?.path).toBe('body.document.summary');
    expect(text.slice(finding?.start, finding?.end)).toBe('07700 900123');
  });

  it('names a bare string by the prefix alone', () => {
    expect(
      findingErrors(
        [
          {
            kind: 'email',
            start: 0,
            end: 5,
            match: 'a***@b.c',
            reason: 'An e-mail address.',
            confidence: 1,
            pointer: '',
            path: '',
          },
        ],
        'body.reason',
      )[0]?.path,
    ).toBe('body.reason');
  });
});
