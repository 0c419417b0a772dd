import { describe, expect, it } from 'vitest';
import type { RuleCheck, ServiceReview } from './portfolio-schemas.ts';
import {
  countRecommendations,
  describeThresholds,
  EVALUATE_EXPLANATION,
  formatEvidenceValue,
  formatMethodStamp,
  mapFieldErrors,
  newestFirst,
  RECOMMENDATION_TAGS,
  ruleName,
  sortFlags,
  summariseFlags,
} from './portfolio-view.ts';

function flag(rule: string, severity: RuleCheck['severity'], indicator: string | null = null): RuleCheck {
  return {
    rule,
    status: 'fired',
    severity,
    category: 'performance',
    evidence: { indicator, comparatorSlugs: [], relatedServices: [], values: {} },
    threshold: {},
    explanation: `${rule} fired`,
  };
}

function result(recommendation: ServiceReview['recommendation']): ServiceReview {
  return {
    service: { id: 'x', name: 'X' },
    position: 0,
    flags: [],
    checks: [],
    recommendation,
    explanation: '',
  };
}

describe('sortFlags', () => {
  it('puts concerns before warnings before information, keeping review order within a severity', () => {
    const sorted = sortFlags([
      flag('contract-ending-soon', 'info'),
      flag('no-outcome-data', 'warning'),
      flag('dominated', 'concern'),
      flag('duplicate-provision', 'warning'),
    ]);
    expect(sorted.map((f) => f.rule)).toEqual([
      'dominated',
      'no-outcome-data',
      'duplicate-provision',
      'contract-ending-soon',
    ]);
  });
});

describe('summariseFlags', () => {
  it('shows one entry per rule with the number of indicators it fired on', () => {
    const summary = summariseFlags([
      flag('outcomes-not-improving', 'concern', 'a'),
      flag('contract-ending-soon', 'info'),
      flag('outcomes-not-improving', 'concern', 'b'),
    ]);
    expect(summary).toEqual([
      { rule: 'outcomes-not-improving', severity: 'concern', count: 2 },
      { rule: 'contract-ending-soon', severity: 'info', count: 1 },
    ]);
  });
});

describe('countRecommendations', () => {
  it('counts each recommendation, strongest first, leaving out those nobody got', () => {
    const counts = countRecommendations([
      result('keep'),
      result('evaluate-before-deciding'),
      result('keep'),
      result('consider-decommissioning'),
    ]);
    expect(counts).toEqual([
      { recommendation: 'consider-decommissioning', count: 1 },
      { recommendation: 'evaluate-before-deciding', count: 1 },
      { recommendation: 'keep', count: 2 },
    ]);
  });
});

describe('labels', () => {
  it('never presents missing evidence as a reason to cut', () => {
    expect(RECOMMENDATION_TAGS['evaluate-before-deciding'].text).toBe('Evaluate before deciding');
    expect(EVALUATE_EXPLANATION).toContain('Missing evidence is not a reason to cut on its own');
    expect(RECOMMENDATION_TAGS['consider-decommissioning'].colour).toBe('red');
  });

  it('names known rules in words and shows an unknown rule id as written', () => {
    expect(ruleName('cost-per-outcome-above-upper-quartile')).toBe(
      'Cost per outcome above the upper quartile',
    );
    expect(ruleName('a-new-rule')).toBe('a-new-rule');
  });
});

describe('describeThresholds', () => {
  it('labels documented thresholds with units in the documented order, then any others', () => {
    const rows = describeThresholds({ zeta: 1, contractWindowMonths: 12, outcomeTolerancePercent: 5 });
    expect(rows.map((r) => r.key)).toEqual(['outcomeTolerancePercent', 'contractWindowMonths', 'zeta']);
    expect(rows[0]?.value).toBe('5%');
    expect(rows[1]).toEqual({
      key: 'contractWindowMonths',
      label: 'Decision window before a contract ends',
      value: '12 months',
    });
    expect(rows[2]).toEqual({ key: 'zeta', label: 'zeta', value: '1' });
  });
});

describe('formatEvidenceValue', () => {
  it('shows pence as whole pounds and names the figure in words', () => {
    expect(formatEvidenceValue('costPerOutcomePence', 123_456_78)).toEqual({
      label: 'Cost per outcome',
      value: '£123,457',
    });
  });

  it('marks percentages, rounds fractions and says "not known" for null', () => {
    expect(formatEvidenceValue('improvementPercent', 12.3456)).toEqual({
      label: 'Improvement percent',
      value: '12.35%',
    });
    expect(formatEvidenceValue('upperQuartile', null).value).toBe('not known');
    expect(formatEvidenceValue('note', 'too few comparators').value).toBe('too few comparators');
  });

  it('shows a year as written, without a thousands separator', () => {
    expect(formatEvidenceValue('deliveryStartYear', 2019)).toEqual({
      label: 'Delivery start year',
      value: '2019',
    });
    expect(formatEvidenceValue('participants', 12000).value).toBe('12,000');
  });
});

describe('formatMethodStamp', () => {
  it('joins the versions and the deflator release, leaving out what the review did not use', () => {
    expect(
      formatMethodStamp({ methodVersion: '1.0.0', rulesVersion: '1.0.0', deflatorRelease: 'March 2026' }),
    ).toBe('Method 1.0.0, rules 1.0.0, deflators March 2026');
    expect(formatMethodStamp({ methodVersion: '1.0.0', deflatorRelease: null })).toBe('Method 1.0.0');
  });
});

describe('mapFieldErrors', () => {
  it('maps API paths to field ids and sends unknown paths to the fallback field', () => {
    const mapped = mapFieldErrors(
      [
        { path: 'body.rationale', message: 'Explain the decision in at least 40 characters' },
        { path: 'body.decision', message: 'Choose a decision' },
        { path: 'body.decidedOn', message: 'Bad date' },
      ],
      { decision: 'decision', rationale: 'rationale' },
      'rationale',
    );
    expect(mapped.summary).toEqual([
      { text: 'Explain the decision in at least 40 characters', href: '#rationale' },
      { text: 'Choose a decision', href: '#decision' },
      { text: 'Bad date', href: '#rationale' },
    ]);
    // The field shows its first message; the summary keeps every one.
    expect(mapped.byField).toEqual({
      rationale: 'Explain the decision in at least 40 characters',
      decision: 'Choose a decision',
    });
  });
});

describe('newestFirst', () => {
  it('orders decisions newest first, later-recorded first on the same day', () => {
    const ordered = newestFirst([
      { decidedOn: '2025-01-02', n: 1 },
      { decidedOn: '2025-03-01', n: 2 },
      { decidedOn: '2025-01-02', n: 3 },
    ]);
    expect(ordered.map((d) => d.n)).toEqual([2, 3, 1]);
  });
});
