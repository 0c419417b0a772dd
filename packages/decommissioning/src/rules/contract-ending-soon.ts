import { addMonths } from '../iso-date.ts';
import { emptyEvidence, type Rule } from './rule-check.ts';

/**
 * Fires when the contract ends within N months of `today` (or has already ended): the window in which a
 * decision to re-let, change or end can still be acted on. Information only; it never weighs against a service.
 */
export const contractEndingSoon: Rule = (s, { thresholds, today }) => {
  const months = thresholds.contractWindowMonths;
  const end = s.service.contractEnd;
  const windowEnd = addMonths(today, months);
  const base = {
    rule: 'contract-ending-soon' as const,
    severity: 'info' as const,
    category: 'timing' as const,
    threshold: { contractWindowMonths: months },
  };
  const evidence = { ...emptyEvidence(), values: { contractEnd: end, today, windowEnd } };
  if (end === null) {
    return [
      {
        ...base,
        status: 'not-assessed',
        evidence,
        explanation: `${s.service.name}: no contract end date is recorded.`,
      },
    ];
  }
  if (end < today) {
    return [
      {
        ...base,
        status: 'fired',
        evidence,
        explanation: `${s.service.name}'s contract ended on ${end}, before ${today}: decide now whether to re-let, extend, change or end it.`,
      },
    ];
  }
  return end <= windowEnd
    ? [
        {
          ...base,
          status: 'fired',
          evidence,
          explanation: `${s.service.name}'s contract ends on ${end}, within ${months} months of ${today}: this is the window to decide whether to re-let, change or end it.`,
        },
      ]
    : [
        {
          ...base,
          status: 'clear',
          evidence,
          explanation: `${s.service.name}'s contract ends on ${end}, after the ${months}-month decision window (${windowEnd}).`,
        },
      ];
};
