import {
  type CaseStudyCostSummary,
  type ComparisonOption,
  createMethodStamp,
  createPriceConverter,
  type DominanceStatus,
  findFrontier,
  type Impact,
  improvementAsCount,
  incrementalCostEffectiveness,
  isCostingError,
  type MethodStamp,
  measureImpact,
  summariseCaseStudyCosts,
} from '@costed/costing';
import {
  type CaseStudy,
  EVIDENCE_LEVELS,
  EVIDENCE_RESULT_LABELS,
  type EvidenceResult,
  formatPence,
  isReported,
  type Money,
  type OutcomeMeasure,
  type PriceYear,
} from '@costed/schema';
import { ApiError } from '../errors.ts';
import { assertTargetPriceYear, getPublishedCaseStudy } from './appraisal.ts';
import type { AppServices } from './create-services.ts';
import type { ReferenceSnapshot } from './reference-cache.ts';

type Services = Pick<AppServices, 'store' | 'reference'>;

export const COMPARE_LIMITS = { min: 2, max: 4 } as const;

export interface ComparedCostLine {
  label: string;
  kind: string;
  basis: string;
  original: Money | null;
  converted: Money | null;
  /** Why the line is not in the total: not reported, a budget cut, or a basis that cannot be totalled. */
  excludedBecause: CaseStudyCostSummary['lines'][number]['excludedBecause'];
  /** The source's reason where the figure is not reported. */
  notReportedReason: string | null;
}

export interface ComparedOutcome {
  indicator: string;
  name: string;
  unit: OutcomeMeasure['unit'];
  betterDirection: OutcomeMeasure['betterDirection'];
  baseline: NonNullable<OutcomeMeasure['baseline']> | null;
  followUp: OutcomeMeasure['followUp'];
  impact: Impact | null;
  /** The improvement as a number of children or cases, where it can be counted. */
  improvementCount: number | null;
  note: string | null;
}

export interface ComparedCaseStudy {
  slug: string;
  title: string;
  councils: { gssCode: string; name: string }[];
  intervention: string;
  policyStrand: string;
  evidence: {
    level: number;
    levelName: string;
    result: EvidenceResult;
    resultLabel: string;
    design: string;
    independence: string;
  };
  costs: {
    lines: ComparedCostLine[];
    /** Sum of the lines that can be totalled; null when none can. A floor, not the cost, if any is not reported. */
    total: Money | null;
    perParticipant: Money | null;
    perParticipantBasis: CaseStudyCostSummary['perParticipantBasis'];
    notReported: string[];
    complete: boolean;
  };
  outcomes: ComparedOutcome[];
}

export interface PairwiseIcer {
  from: string;
  to: string;
  incrementalCost: Money;
  incrementalEffect: number;
  /** Extra cost per extra unit of effect; null when the effects are equal (compare the costs directly). */
  icer: Money | null;
  quadrant: 'dominant' | 'dominated' | 'more-costly-more-effective' | 'less-costly-less-effective' | null;
}

export interface SharedIndicator {
  indicator: string;
  name: string;
  /** What one unit of effect is: children or cases where every option can be counted, else the indicator's unit. */
  effectUnit: string;
  options: {
    slug: string;
    title: string;
    cost: Money;
    effect: number;
    status: DominanceStatus;
    dominatedBy: string[];
  }[];
  excluded: { slug: string; reason: string }[];
  icers: PairwiseIcer[];
  frontier: { slug: string; cost: Money; effect: number; icer: Money | null }[];
  /** Plain-English reading of dominance and the frontier, for the site. */
  readings: string[];
}

export interface ComparisonResponse {
  priceYear: PriceYear;
  deflatorRelease: string | null;
  caseStudies: ComparedCaseStudy[];
  sharedIndicators: SharedIndicator[];
  notes: string[];
  stamp: MethodStamp;
}

function compareOutcome(outcome: OutcomeMeasure, reference: ReferenceSnapshot): ComparedOutcome {
  const name = reference.indicatorsById.get(outcome.indicator)?.name ?? outcome.indicator;
  const base = {
    indicator: outcome.indicator,
    name,
    unit: outcome.unit,
    betterDirection: outcome.betterDirection,
    baseline: outcome.baseline ?? null,
    followUp: outcome.followUp,
  };
  if (!outcome.baseline) {
    return {
      ...base,
      impact: null,
      improvementCount: null,
      note: 'No baseline is reported, so the change cannot be measured.',
    };
  }
  const impact = measureImpact(outcome);
  let improvementCount: number | null = null;
  let note: string | null = null;
  try {
    improvementCount = improvementAsCount(outcome);
  } catch (error) {
    if (!isCostingError(error)) throw error;
    note =
      outcome.unit === 'score'
        ? 'A score cannot be counted as children or cases.'
        : `A ${outcome.unit} with no population cannot be counted as children or cases.`;
  }
  return { ...base, impact, improvementCount, note };
}

function compareCaseStudy(
  caseStudy: CaseStudy,
  summary: CaseStudyCostSummary,
  reference: ReferenceSnapshot,
): ComparedCaseStudy {
  const py = summary.priceYear;
  const level = EVIDENCE_LEVELS.find((l) => l.level === caseStudy.evidence.level);
  return {
    slug: caseStudy.slug,
    title: caseStudy.title,
    councils: caseStudy.councils.map((code) => ({
      gssCode: code,
      name: reference.councilsByCode.get(code)?.name ?? code,
    })),
    intervention: caseStudy.intervention.name,
    policyStrand: caseStudy.policyStrand,
    evidence: {
      level: caseStudy.evidence.level,
      levelName: level?.name ?? String(caseStudy.evidence.level),
      result: caseStudy.evidence.result,
      resultLabel: EVIDENCE_RESULT_LABELS[caseStudy.evidence.result],
      design: caseStudy.evidence.design,
      independence: caseStudy.evidence.independence,
    },
    costs: {
      lines: caseStudy.costs.map((line, i) => {
        const s = summary.lines[i];
        return {
          label: line.label,
          kind: line.kind,
          basis: line.basis,
          original: s?.original ?? null,
          converted: s?.converted ?? null,
          excludedBecause: s?.excludedBecause ?? null,
          notReportedReason: isReported(line.money) ? null : line.money.reason,
        };
      }),
      total: summary.totalPence === null ? null : { pence: summary.totalPence, priceYear: py },
      perParticipant:
        summary.perParticipantPence === null ? null : { pence: summary.perParticipantPence, priceYear: py },
      perParticipantBasis: summary.perParticipantBasis,
      notReported: caseStudy.costs.filter((l) => !isReported(l.money)).map((l) => l.label),
      complete: summary.notReportedLines === 0 && summary.totalPence !== null,
    },
    outcomes: caseStudy.outcomes.map((o) => compareOutcome(o, reference)),
  };
}

function formatEffect(effect: number): string {
  return Number.isInteger(effect) ? String(effect) : effect.toFixed(2);
}

/** ICERs, dominance and the frontier on one outcome shared by two or more case studies. */
function compareOnIndicator(
  indicator: string,
  studies: ComparedCaseStudy[],
  reference: ReferenceSnapshot,
  priceYear: PriceYear,
): SharedIndicator {
  const name = reference.indicatorsById.get(indicator)?.name ?? indicator;
  const excluded: { slug: string; reason: string }[] = [];
  const candidates: { study: ComparedCaseStudy; outcome: ComparedOutcome; cost: Money }[] = [];
  for (const study of studies) {
    const outcome = study.outcomes.find((o) => o.indicator === indicator);
    if (!outcome) continue;
    if (!outcome.impact) {
      excluded.push({ slug: study.slug, reason: outcome.note ?? 'The change cannot be measured.' });
    } else if (!study.costs.total) {
      excluded.push({ slug: study.slug, reason: 'No cost is reported that can be totalled.' });
    } else if (!study.costs.complete) {
      excluded.push({
        slug: study.slug,
        reason: `Its cost is incomplete (${study.costs.notReported.length} line(s) not reported), so its total is only a floor and cannot show dominance.`,
      });
    } else {
      candidates.push({ study, outcome, cost: study.costs.total });
    }
  }
  const counted = candidates.every((c) => c.outcome.improvementCount !== null);
  const unit = reference.indicatorsById.get(indicator)?.unit ?? 'unit';
  const effectUnit = counted ? 'children or cases' : unit === 'percent' ? 'percentage points' : unit;
  const options: ComparisonOption[] = candidates.map((c) => ({
    id: c.study.slug,
    label: c.study.title,
    cost: c.cost,
    effect: counted ? (c.outcome.improvementCount as number) : (c.outcome.impact as Impact).improvement,
  }));
  const titleOf = (slug: string) => studies.find((s) => s.slug === slug)?.title ?? slug;
  const result: SharedIndicator = {
    indicator,
    name,
    effectUnit,
    options: [],
    excluded,
    icers: [],
    frontier: [],
    readings: [],
  };
  if (options.length < 2) {
    result.options = options.map((o) => ({
      slug: o.id,
      title: titleOf(o.id),
      cost: o.cost,
      effect: o.effect,
      status: 'frontier',
      dominatedBy: [],
    }));
    result.readings.push(
      `Fewer than two of these case studies report both a complete cost and a measurable change in ${name.toLowerCase()}, so they cannot be compared on it.`,
    );
    return result;
  }
  const frontier = findFrontier(options);
  const byId = new Map(options.map((o) => [o.id, o]));
  result.options = frontier.options.map((s) => {
    const o = byId.get(s.id) as ComparisonOption;
    return {
      slug: o.id,
      title: titleOf(o.id),
      cost: o.cost,
      effect: o.effect,
      status: s.status,
      dominatedBy: s.dominatedBy,
    };
  });
  result.frontier = frontier.frontier.map((f) => ({
    slug: f.id,
    cost: f.cost,
    effect: f.effect,
    icer: f.icer,
  }));
  const sorted = [...options].sort((a, b) => a.cost.pence - b.cost.pence || a.effect - b.effect);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const from = sorted[i] as ComparisonOption;
      const to = sorted[j] as ComparisonOption;
      const incrementalCost = { pence: to.cost.pence - from.cost.pence, priceYear };
      const incrementalEffect = to.effect - from.effect;
      if (incrementalEffect === 0) {
        result.icers.push({
          from: from.id,
          to: to.id,
          incrementalCost,
          incrementalEffect,
          icer: null,
          quadrant: null,
        });
        continue;
      }
      const icer = incrementalCostEffectiveness(from, to);
      result.icers.push({
        from: icer.from,
        to: icer.to,
        incrementalCost: icer.incrementalCost,
        incrementalEffect: icer.incrementalEffect,
        icer: icer.icer,
        quadrant: icer.quadrant,
      });
    }
  }
  const money = (m: Money) => formatPence(m.pence);
  for (const s of frontier.options) {
    const o = byId.get(s.id) as ComparisonOption;
    if (s.status === 'strictly-dominated') {
      for (const by of s.dominatedBy) {
        const x = byId.get(by) as ComparisonOption;
        const cheaper = x.cost.pence < o.cost.pence ? 'for less' : 'for no more';
        result.readings.push(
          `${titleOf(x.id)} achieved at least as much on ${name.toLowerCase()} (${formatEffect(x.effect)} vs ${formatEffect(o.effect)} ${effectUnit}) ${cheaper} (${money(x.cost)} vs ${money(o.cost)} at ${priceYear} prices) than ${titleOf(o.id)}.`,
        );
      }
    } else if (s.status === 'extendedly-dominated') {
      const [a, b] = s.dominatedBy;
      result.readings.push(
        `A mix of ${titleOf(a ?? '')} and ${titleOf(b ?? '')} would achieve more on ${name.toLowerCase()} for the same money than ${titleOf(o.id)}.`,
      );
    }
  }
  frontier.frontier.forEach((f, i) => {
    const prev = frontier.frontier[i - 1];
    if (prev && f.icer) {
      result.readings.push(
        `Moving from ${titleOf(prev.id)} to ${titleOf(f.id)} costs ${money(f.icer)} more for each extra ${effectUnit === 'children or cases' ? 'child or case' : `${effectUnit.replace(/s$/, '')}`} improved.`,
      );
    }
  });
  return result;
}

/**
 * Two to four published case studies side by side at one price year: costs original and converted, totals
 * and cost per participant (not-reported lines listed, never zero), outcomes and evidence; and, on each
 * outcome indicator two or more share, ICERs, dominance and the cost-effectiveness frontier.
 */
export async function compareCaseStudies(
  services: Services,
  input: { slugs: string[]; priceYear: PriceYear },
): Promise<ComparisonResponse> {
  const reference = await services.reference.get();
  assertTargetPriceYear(input.priceYear, reference, 'querystring.priceYear');
  const studies: CaseStudy[] = [];
  for (const slug of input.slugs) studies.push(await getPublishedCaseStudy(services, slug));
  const converter = createPriceConverter(reference.deflators);
  const compared = studies.map((cs) =>
    compareCaseStudy(cs, summariseCaseStudyCosts(cs, converter, input.priceYear), reference),
  );
  const counts = new Map<string, number>();
  for (const cs of compared) {
    for (const indicator of new Set(cs.outcomes.map((o) => o.indicator))) {
      counts.set(indicator, (counts.get(indicator) ?? 0) + 1);
    }
  }
  const shared = [...counts.entries()].filter(([, n]) => n >= 2).map(([indicator]) => indicator);
  let sharedIndicators: SharedIndicator[];
  try {
    sharedIndicators = shared.map((indicator) =>
      compareOnIndicator(indicator, compared, reference, input.priceYear),
    );
  } catch (error) {
    if (isCostingError(error)) throw new ApiError('unprocessable', error.message);
    throw error;
  }
  const notes = [
    'Figures come from different places, periods and designs: read each with its evidence level, and treat differences as questions to ask rather than verdicts.',
  ];
  if (shared.length === 0) {
    notes.push(
      'These case studies share no outcome indicator, so there is no ICER, dominance or frontier between them: compare their costs and outcomes side by side.',
    );
  }
  return {
    priceYear: input.priceYear,
    deflatorRelease: converter.releaseFor(input.priceYear),
    caseStudies: compared,
    sharedIndicators,
    notes,
    stamp: createMethodStamp({ deflatorRelease: converter.releaseFor(input.priceYear) }),
  };
}
