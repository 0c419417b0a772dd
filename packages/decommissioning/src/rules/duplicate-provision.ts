import type { PortfolioService } from '../portfolio-service.ts';
import { emptyEvidence, type PreparedService, type Rule } from './rule-check.ts';

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

interface CohortProfile {
  indicators: string[];
  indicatorSet: Set<string>;
  keywords: Set<string>;
}

// Pairwise comparison would otherwise rebuild these once per pair (n² times).
const profiles = new WeakMap<PortfolioService, CohortProfile>();
function profileOf(service: PortfolioService): CohortProfile {
  let profile = profiles.get(service);
  if (!profile) {
    const indicators = service.indicators.map((i) => i.indicator);
    profile = {
      indicators,
      indicatorSet: new Set(indicators),
      keywords: cohortKeywords(service.cohort.description),
    };
    profiles.set(service, profile);
  }
  return profile;
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
  const pa = profileOf(a);
  const pb = profileOf(b);
  const sharedIndicators = pa.indicators.filter((i) => pb.indicatorSet.has(i));
  const ageA = a.cohort.ageRange;
  const ageB = b.cohort.ageRange;
  const ageOverlap = ageA && ageB ? ageA.min <= ageB.max && ageB.min <= ageA.max : null;
  const needsA = a.cohort.needLevels;
  const needsB = new Set(b.cohort.needLevels);
  const sharedNeedLevels = needsA.length > 0 && needsB.size > 0 ? needsA.filter((n) => needsB.has(n)) : null;
  const keywordOverlap = jaccard(pa.keywords, pb.keywords);
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

/** How many overlapping services an explanation names before "and N more" (all are in the evidence). */
const NAMED_IN_EXPLANATION = 5;

/**
 * One check per service: fires when any other service in the portfolio has an overlapping cohort and a
 * shared indicator, listing every such service in the evidence. One check, not one per pair, keeps a
 * review of a large portfolio linear in size however many services overlap.
 */
export const duplicateProvision: Rule = (s, { thresholds, services }) => {
  const min = thresholds.duplicateKeywordOverlap;
  const base = {
    rule: 'duplicate-provision' as const,
    severity: 'warning' as const,
    category: 'overlap' as const,
    threshold: { duplicateKeywordOverlap: min },
  };
  const matches: { name: string; overlap: CohortOverlap }[] = [];
  let compared = 0;
  for (const other of services as readonly PreparedService[]) {
    if (other.position === s.position) continue;
    compared += 1;
    const overlap = compareCohorts(s.service, other.service, min);
    if (overlap.overlaps) matches.push({ name: other.service.name, overlap });
  }
  if (matches.length === 0) {
    return [
      {
        ...base,
        status: 'clear',
        evidence: { ...emptyEvidence(), values: { servicesCompared: compared } },
        explanation: `No other service in the portfolio shares a target indicator with ${s.service.name} for an overlapping cohort.`,
      },
    ];
  }
  const shared = [...new Set(matches.flatMap((m) => m.overlap.sharedIndicators))];
  const describe = ({ name, overlap }: (typeof matches)[number]) =>
    `${name} (${overlap.sharedIndicators.join(', ')}; ${overlap.reason}${overlap.reason === 'similar cohort descriptions' ? `, keyword overlap ${round2(overlap.keywordOverlap)}` : ''})`;
  const named = matches.slice(0, NAMED_IN_EXPLANATION).map(describe).join('; ');
  const more =
    matches.length > NAMED_IN_EXPLANATION ? ` and ${matches.length - NAMED_IN_EXPLANATION} more` : '';
  const first = matches[0] as (typeof matches)[number];
  return [
    {
      ...base,
      status: 'fired',
      evidence: {
        ...emptyEvidence(shared[0] ?? null),
        relatedServices: matches.map((m) => m.name),
        values: {
          sharedIndicators: shared.join(', '),
          overlappingServices: matches.length,
          servicesCompared: compared,
          // The figures of the first match; the explanation gives each named match's reason.
          ageOverlap: first.overlap.ageOverlap === null ? null : String(first.overlap.ageOverlap),
          sharedNeedLevels: first.overlap.sharedNeedLevels?.join(', ') ?? null,
          keywordOverlap: round2(first.overlap.keywordOverlap),
        },
      },
      explanation: `${s.service.name} targets the same outcomes for what looks like the same cohort as ${named}${more}.`,
    },
  ];
};
