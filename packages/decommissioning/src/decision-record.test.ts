import { describe, expect, it } from 'vitest';
import { DecisionRecord } from './decision-record.ts';

const valid = {
  serviceId: 'svc-1',
  decision: 'evaluate',
  rationale: 'No outcome data yet; commissioning an independent evaluation before the contract ends.',
  decidedBy: 'Head of Commissioning',
  decidedOn: '2025-02-01',
  recommendation: 'evaluate-before-deciding',
};

describe('DecisionRecord', () => {
  it('accepts a complete decision', () => {
    expect(DecisionRecord.parse(valid)).toEqual(valid);
  });

  it('requires a rationale of at least 40 characters', () => {
    const result = DecisionRecord.safeParse({ ...valid, rationale: 'Too expensive.' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at least 40 characters/);
  });

  it('refuses an unknown decision and an impossible date', () => {
    expect(DecisionRecord.safeParse({ ...valid, decision: 'cut' }).success).toBe(false);
    expect(DecisionRecord.safeParse({ ...valid, decidedOn: '2025-02-30' }).success).toBe(false);
  });
});
