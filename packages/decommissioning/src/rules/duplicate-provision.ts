import type { PortfolioService } from '../portfolio-service.ts';
import { emptyEvidence, type PreparedService, type Rule, type RuleCheck } from './rule-check.ts';

/**
 * Words that say nothing about who a children's service is for (almost every description has them), so
 * they would make unrelated cohorts look alike.
 */
const STOP_WORDS = new Set(
  (
    'the and for with who are from their them they this that into onto over under aged age ages year years ' +
    'old than have has had not but all any can may will who whom whose where when what which our your its ' +
    'child children childrens young people person persons service services support supported supporting ' +
    'family families parent parents carer carers provide provides provided offer offers offered help helps'
  ).split(' '),
);

/** Lower-case words of three or more letters or digits, minus stop words. */
export function cohortKeywords(text: string | null): Set<string> {
  if (!text) return new Set();
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter((w) => w.length >= 3 && !STOP_WORDS.has(w)));
}

/** |A ∩ B| ÷ |A ∪ B|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export interface CohortOverlap {
  overlaps: boolean;
  sharedIndicators: string[];
  ageOverlap: boolean | null;
  sharedNeedLevels: string[] | null;
  keywordOverlap: number;
  reason: string;
}

/**
 * The overlap test (README): two services overlap when they share a target indicator, nothing recorded
 * says their cohorts differ (age ranges, where both are given, overlap; need levels, where both are given,
 * share one), and something says they are alike: both age ranges and need levels match, or the
 * cohort-description keywords overlap by at least the threshold.
 */
export function compareCohorts(
  a: PortfolioService,
  b: PortfolioService,
  minKeywordOverlap: number,
): CohortOverlap {
  const bIndicators = new Set(b.indicators.map((i) => i.indicator));
  const sharedIndicators = a.indicators.map((i) => i.indicator).filter((i) => bIndicators.has(i));
  const ageA = a.cohort.ageRange;
  const ageB = b.cohort.ageRange;
  const ageOverlap = ageA && ageB ? ageA.min <= ageB.max && ageB.min <= ageA.max : null;
  const needsA = a.cohort.needLevels;
  const needsB = new Set(b.cohort.needLevels);
  const sharedNeedLevels = needsA.length > 0 && needsB.size > 0 ? needsA.filter((n) => needsB.has(n)) : null;
  const keywordOverlap = jaccard(cohortKeywords(a.cohort.description), cohortKeywords(b.cohort.description));
  const result = { sharedIndicators, ageOverlap, sharedNeedLevels, keywordOverlap };
  if (sharedIndicators.length === 0) return { ...result, overlaps: false, reason: 'no shared indicator' };
  if (ageOverlap === false) return { ...result, overlaps: false, reason: 'age ranges do not overlap' };
  if (sharedNeedLevels !== null && sharedNeedLevels.length === 0)
    return { ...result, overlaps: false, reason: 'no shared level of need' };
  if (ageOverlap === true && sharedNeedLevels !== null)
    return { ...result, overlaps: true, reason: 'overlapping ages and a shared level of need' };
  if (keywordOverlap >= minKeywordOverlap)
    return { ...result, overlaps: true, reason: 'similar cohort descriptions' };
  return { ...result, overlaps: false, reason: 'cohort descriptions differ' };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Fires for each other service in the portfolio with an overlapping cohort and a shared indicator. */
export const duplicateProvision: Rule = (s, { thresholds, services }) => {
  const min = thresholds.duplicateKeywordOverlap;
  const base = {
    rule: 'duplicate-provision' as const,
    severity: 'warning' as const,
    category: 'overlap' as const,
    threshold: { duplicateKeywordOverlap: min },
  };
  const checks: RuleCheck[] = [];
  let compared = 0;
  for (const other of services as readonly PreparedService[]) {
    if (other.position === s.position) continue;
    compared += 1;
    const overlap = compareCohorts(s.service, other.service, min);
    if (!overlap.overlaps) continue;
    checks.push({
      ...base,
      status: 'fired',
      evidence: {
        ...emptyEvidence(overlap.sharedIndicators[0] ?? null),
        relatedServices: [other.service.name],
        values: {
          sharedIndicators: overlap.sharedIndicators.join(', '),
          ageOverlap: overlap.ageOverlap === null ? null : String(overlap.ageOverlap),
          sharedNeedLevels: overlap.sharedNeedLevels?.join(', ') ?? null,
          keywordOverlap: round2(overlap.keywordOverlap),
        },
      },
      explanation: `${s.service.name} and ${other.service.name} both target ${overlap.sharedIndicators.join(', ')} for what looks like the same cohort (${overlap.reason}${overlap.reason === 'similar cohort descriptions' ? `, keyword overlap ${round2(overlap.keywordOverlap)}` : ''}).`,
    });
  }
  if (checks.length > 0) return checks;
  return [
    {
      ...base,
      status: 'clear',
      evidence: { ...emptyEvidence(), values: { servicesCompared: compared } },
      explanation: `No other service in the portfolio shares a target indicator with ${s.service.name} for an overlapping cohort.`,
    },
  ];
};
