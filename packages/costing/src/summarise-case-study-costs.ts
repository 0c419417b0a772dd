import { type CaseStudy, isReported, type Money, type PriceYear, priceYearKind } from '@costed/schema';
import type { PriceConverter } from './convert-price-year.ts';
import { toMoney } from './round-pence.ts';

/** One cost line as it enters a case study's summary, converted to the target price year. */
export interface SummarisedCostLine {
  label: string;
  original: Money | null;
  converted: Money | null;
  /** Why a line adds nothing to the totals: not reported, a budget reduction, or a basis that cannot be totalled. */
  excludedBecause:
    | 'not-reported'
    | 'reduction'
    | 'per-hour'
    | 'per-year-without-years'
    | 'other-kind-of-year'
    | null;
}

export interface CaseStudyCostSummary {
  priceYear: PriceYear;
  /** Sum of the reported totals (per-year lines × their years), at `priceYear`; null when nothing could be totalled. */
  totalPence: number | null;
  /** A per-participant line where one is reported, else total ÷ cohort size where both are known; null otherwise. */
  perParticipantPence: number | null;
  perParticipantBasis: 'reported-per-participant' | 'total-divided-by-cohort' | null;
  /** How many cost lines the source does not report: the totals are a floor, never a complete cost, when > 0. */
  notReportedLines: number;
  lines: SummarisedCostLine[];
  deflatorRelease: string | null;
}

const PARTICIPANT_UNITS = new Set(['children', 'young-people', 'families']);

/**
 * Summarises what a case study says it cost, at one price year, for search (cost per participant, cost band)
 * and comparison. It never fills a gap: a line that is not reported, or that cannot be converted or totalled,
 * is listed with the reason and left out of the sums, and `notReportedLines` tells the reader the total is partial.
 */
export function summariseCaseStudyCosts(
  caseStudy: Pick<CaseStudy, 'costs' | 'cohort'>,
  converter: PriceConverter,
  priceYear: PriceYear,
): CaseStudyCostSummary {
  let total = 0;
  let totalled = 0;
  let perParticipant = 0;
  let perParticipantLines = 0;
  let notReportedLines = 0;
  const lines: SummarisedCostLine[] = [];
  for (const line of caseStudy.costs) {
    if (!isReported(line.money)) {
      notReportedLines++;
      lines.push({ label: line.label, original: null, converted: null, excludedBecause: 'not-reported' });
      continue;
    }
    const original = line.money;
    if (priceYearKind(original.priceYear) !== priceYearKind(priceYear)) {
      lines.push({ label: line.label, original, converted: null, excludedBecause: 'other-kind-of-year' });
      continue;
    }
    const pence = original.pence * converter.factor(original.priceYear, priceYear);
    const converted = toMoney(pence, priceYear);
    let excludedBecause: SummarisedCostLine['excludedBecause'] = null;
    if (line.isReduction) excludedBecause = 'reduction';
    else if (line.basis === 'total') {
      total += pence;
      totalled++;
    } else if (line.basis === 'per-year') {
      if (line.years) {
        total += pence * line.years;
        totalled++;
      } else excludedBecause = 'per-year-without-years';
    } else if (line.basis === 'per-participant') {
      perParticipant += pence;
      perParticipantLines++;
    } else excludedBecause = 'per-hour';
    lines.push({ label: line.label, original, converted, excludedBecause });
  }
  const size = caseStudy.cohort.size;
  const participants = size && PARTICIPANT_UNITS.has(size.unit) ? size.count : null;
  let perParticipantPence: number | null = null;
  let perParticipantBasis: CaseStudyCostSummary['perParticipantBasis'] = null;
  if (perParticipantLines > 0) {
    perParticipantPence = toMoney(perParticipant, priceYear).pence;
    perParticipantBasis = 'reported-per-participant';
  } else if (totalled > 0 && participants) {
    perParticipantPence = toMoney(total / participants, priceYear).pence;
    perParticipantBasis = 'total-divided-by-cohort';
  }
  return {
    priceYear,
    totalPence: totalled > 0 ? toMoney(total, priceYear).pence : null,
    perParticipantPence,
    perParticipantBasis,
    notReportedLines,
    lines,
    deflatorRelease: converter.releaseFor(priceYear),
  };
}
