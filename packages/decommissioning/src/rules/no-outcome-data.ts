import { emptyEvidence, type Rule } from './rule-check.ts';

/**
 * Fires when the service records no target outcome, or no indicator has a latest value. Without outcome
 * data nothing can be said about value, so this is an evidence gap, never a reason to cut on its own.
 */
export const noOutcomeData: Rule = (s) => {
  const withLatest = s.outcomes.filter((o) => o.latest !== null);
  const base = {
    rule: 'no-outcome-data' as const,
    severity: 'warning' as const,
    category: 'evidence-gap' as const,
    threshold: { minIndicatorsWithLatestValue: 1 },
  };
  const evidence = {
    ...emptyEvidence(),
    values: { indicatorsRecorded: s.outcomes.length, indicatorsWithLatestValue: withLatest.length },
  };
  if (s.outcomes.length === 0) {
    return [
      {
        ...base,
        status: 'fired',
        evidence,
        explanation: `${s.service.name} records no target outcome indicator, so whether it works cannot be judged: name what it should change and collect a baseline and a latest value.`,
      },
    ];
  }
  if (withLatest.length === 0) {
    return [
      {
        ...base,
        status: 'fired',
        evidence,
        explanation: `${s.service.name} names ${s.outcomes.length} target outcome indicator(s) but none has a latest value, so whether it works cannot be judged: collect current figures.`,
      },
    ];
  }
  return [
    {
      ...base,
      status: 'clear',
      evidence,
      explanation: `${withLatest.length} of ${s.outcomes.length} target outcome indicator(s) have a latest value.`,
    },
  ];
};
