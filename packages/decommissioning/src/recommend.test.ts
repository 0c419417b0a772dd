import { describe, expect, it } from 'vitest';
import { recommend } from './recommend.ts';
import type { Flag, RuleCategory, RuleId } from './rules/rule-check.ts';

const CATEGORY: Record<RuleId, RuleCategory> = {
  'no-outcome-data': 'evidence-gap',
  'weak-evidence-after-n-years': 'evidence-gap',
  'outcomes-not-improving': 'performance',
  'cost-per-outcome-above-upper-quartile': 'performance',
  dominated: 'performance',
  'duplicate-provision': 'overlap',
  'contract-ending-soon': 'timing',
};

const flag = (rule: RuleId): Flag => ({
  rule,
  status: 'fired',
  severity: 'warning',
  category: CATEGORY[rule],
  evidence: { indicator: null, comparatorSlugs: [], relatedServices: [], values: {} },
  threshold: {},
  explanation: `${rule} explanation.`,
});

describe('the recommendation table', () => {
  it.each<[RuleId[], string]>([
    [[], 'keep'],
    [['contract-ending-soon'], 'keep'],
    [['no-outcome-data'], 'evaluate-before-deciding'],
    [['weak-evidence-after-n-years'], 'evaluate-before-deciding'],
    [['no-outcome-data', 'weak-evidence-after-n-years', 'contract-ending-soon'], 'evaluate-before-deciding'],
    [['duplicate-provision'], 'review'],
    [['outcomes-not-improving'], 'review'],
    [['cost-per-outcome-above-upper-quartile'], 'review'],
    [['dominated'], 'review'],
    [['weak-evidence-after-n-years', 'dominated'], 'review'],
    [['outcomes-not-improving', 'dominated'], 'consider-decommissioning'],
    [['outcomes-not-improving', 'cost-per-outcome-above-upper-quartile'], 'consider-decommissioning'],
    [
      ['cost-per-outcome-above-upper-quartile', 'dominated', 'duplicate-provision'],
      'consider-decommissioning',
    ],
  ])('%j → %s', (rules, expected) => {
    expect(recommend(rules.map(flag)).recommendation).toBe(expected);
  });

  it('counts kinds of concern, not flags: one rule firing on three indicators is still one concern', () => {
    const three = [
      flag('outcomes-not-improving'),
      flag('outcomes-not-improving'),
      flag('outcomes-not-improving'),
    ];
    expect(recommend(three).recommendation).toBe('review');
  });

  it('says explicitly that missing evidence is not a reason to decommission', () => {
    const { explanation } = recommend([flag('no-outcome-data'), flag('weak-evidence-after-n-years')]);
    expect(explanation).toMatch(/^Evaluate before deciding/);
    expect(explanation).toContain('missing evidence is never on its own a reason to decommission');
  });

  it('mentions the decision window when the contract is ending', () => {
    expect(recommend([flag('dominated'), flag('contract-ending-soon')]).explanation).toContain(
      'contract-ending-soon explanation.',
    );
  });
});
