import { describe, expect, it } from 'vitest';
import { ApiError, serialiseProblem, toProblem } from './errors.ts';

describe('problem details', () => {
  it('never lets an extension overwrite a member RFC 9457 defines', () => {
    const problem = toProblem(
      new ApiError('invalid-transition', 'Not now.', {
        extensions: { status: 'draft', code: 'x', allowedFrom: ['submitted'] },
      }),
    );
    expect(problem).toMatchObject({ status: 409, code: 'invalid-transition', allowedFrom: ['submitted'] });
  });

  it('escapes markup characters as JSON unicode escapes, which parse back unchanged', () => {
    const text = serialiseProblem(
      toProblem(new ApiError('validation-failed', 'Unrecognized key: "<script>&"')),
    );
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text).detail).toBe('Unrecognized key: "<script>&"');
  });
});
