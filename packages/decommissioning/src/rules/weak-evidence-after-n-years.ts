import { EVIDENCE_LEVELS } from '@costed/schema';
import { emptyEvidence, type Rule } from './rule-check.ts';

/**
 * Fires when a service has been delivered for at least N years and its evidence is still at or below the
 * weak level. An evidence level never assessed counts as level 0: after N years that is itself the gap.
 */
export const weakEvidenceAfterNYears: Rule = (s, { thresholds, today }) => {
  const { weakEvidenceMaxLevel: maxLevel, weakEvidenceAfterYears: years } = thresholds;
  const level = s.service.evidenceLevel;
  const start = s.service.deliveryStartYear;
  const base = {
    rule: 'weak-evidence-after-n-years' as const,
    severity: 'warning' as const,
    category: 'evidence-gap' as const,
    threshold: { weakEvidenceMaxLevel: maxLevel, weakEvidenceAfterYears: years },
  };
  const yearsDelivered = start === null ? null : Number(today.slice(0, 4)) - start;
  const evidence = {
    ...emptyEvidence(),
    values: { evidenceLevel: level, deliveryStartYear: start, yearsDelivered },
  };
  if (yearsDelivered === null) {
    return [
      {
        ...base,
        status: 'not-assessed',
        evidence,
        explanation: `${s.service.name}: the year delivery began is not recorded, so how long it has run without stronger evidence is unknown.`,
      },
    ];
  }
  const effective = level ?? 0;
  const levelText =
    level === null
      ? 'has never had its evidence assessed'
      : `has evidence at level ${level} (${EVIDENCE_LEVELS[level]?.name ?? 'unknown'})`;
  const fired = effective <= maxLevel && yearsDelivered >= years;
  return [
    {
      ...base,
      status: fired ? 'fired' : 'clear',
      evidence,
      explanation: fired
        ? `${s.service.name} has run for ${yearsDelivered} year(s) since ${start} and ${levelText}, at or below level ${maxLevel} after the ${years} years allowed.`
        : `${s.service.name} has run for ${yearsDelivered} year(s) and ${levelText}; the rule looks for level ${maxLevel} or below after ${years} years.`,
    },
  ];
};
