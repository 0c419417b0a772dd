import { formatPence } from '@costed/schema';
import { emptyEvidence, percent, type Rule, type RuleCheck } from './rule-check.ts';

/**
 * Per indicator: fires when an evidence-base alternative (evidence level at least the minimum, not the same
 * model as the service) costs at least the margin less per participant and improved the same indicator at
 * least as much (both as % of baseline, direction-aware).
 */
export const dominated: Rule = (s, { thresholds, comparators, priceYear }) => {
  const { dominanceCostMarginPercent: margin, dominanceMinEvidenceLevel: minLevel } = thresholds;
  const own = new Set(s.service.caseStudySlugs);
  const ownModels = new Set(s.service.interventionNames.map((n) => n.toLowerCase()));
  const participants = s.service.participantsPerYear;
  return s.outcomes.map((o): RuleCheck => {
    const base = {
      rule: 'dominated' as const,
      severity: 'concern' as const,
      category: 'performance' as const,
      threshold: { dominanceCostMarginPercent: margin, dominanceMinEvidenceLevel: minLevel, priceYear },
    };
    const evidence = emptyEvidence(o.info.id);
    if (s.annualCostPence === null || !participants || o.improvementPercent === null) {
      const missing =
        s.annualCostPence === null
          ? `the annual cost at ${priceYear} prices`
          : !participants
            ? 'participants per year'
            : 'a baseline and latest value (with a non-zero baseline)';
      return {
        ...base,
        status: 'not-assessed',
        evidence,
        explanation: `${o.info.name}: comparing with alternatives needs ${missing}.`,
      };
    }
    const perParticipant = s.annualCostPence / participants;
    const effect = o.improvementPercent;
    evidence.values = { costPerParticipantPence: Math.round(perParticipant), improvementPercent: effect };
    const alternatives = comparators.filter(
      (c) =>
        c.indicator === o.info.id &&
        !own.has(c.slug) &&
        !(c.intervention && ownModels.has(c.intervention.toLowerCase())) &&
        typeof c.costPerParticipantPence === 'number' &&
        typeof c.improvementPercent === 'number' &&
        typeof c.evidenceLevel === 'number' &&
        c.evidenceLevel >= minLevel,
    );
    if (alternatives.length === 0) {
      return {
        ...base,
        status: 'not-assessed',
        evidence,
        explanation: `${o.info.name}: no alternative at evidence level ${minLevel} or above reports both a cost per participant and an effect on this indicator.`,
      };
    }
    const ceiling = perParticipant * (1 - margin / 100);
    const dominating = alternatives.filter(
      (c) => (c.costPerParticipantPence as number) <= ceiling && (c.improvementPercent as number) >= effect,
    );
    evidence.comparatorSlugs = (dominating.length > 0 ? dominating : alternatives).map((c) => c.slug);
    evidence.values.alternativesCompared = alternatives.length;
    if (dominating.length === 0) {
      return {
        ...base,
        status: 'clear',
        evidence,
        explanation: `${o.info.name}: none of ${alternatives.length} evidence-base alternative(s) is at least ${percent(margin)} cheaper per participant (${formatPence(Math.round(perParticipant))}) and at least as effective (${percent(effect)}).`,
      };
    }
    const best = [...dominating].sort(
      (a, b) => (a.costPerParticipantPence as number) - (b.costPerParticipantPence as number),
    )[0] as (typeof dominating)[number];
    evidence.values.cheapestAlternativePence = Math.round(best.costPerParticipantPence as number);
    evidence.values.cheapestAlternativeImprovementPercent = best.improvementPercent as number;
    return {
      ...base,
      status: 'fired',
      evidence,
      explanation: `${o.info.name}: ${best.slug} costs ${formatPence(Math.round(best.costPerParticipantPence as number))} per participant against ${formatPence(Math.round(perParticipant))} here and improved the indicator by ${percent(best.improvementPercent as number)} against ${percent(effect)}${dominating.length > 1 ? ` (${dominating.length} alternatives do so)` : ''}.`,
    };
  });
};
