import type { OutcomeMeasure } from '@costed/schema';
import type { SmallCountFlag } from './finding.ts';

/** Counts under this are flagged: the threshold most UK statistical releases suppress below. */
export const SMALL_COUNT_THRESHOLD = 10;

type CountedOutcome = Pick<OutcomeMeasure, 'unit' | 'population' | 'baseline' | 'followUp'>;

/**
 * Flags outcome measures whose population, or whose baseline or follow-up value when the unit is a
 * count, is under 10: so few children may be identifiable. A warning for the curator, not a refusal.
 * Paths point into the array passed in, prefixed by `base` (e.g. "/outcomes").
 */
export function flagSmallCounts(outcomes: readonly CountedOutcome[], base = '/outcomes'): SmallCountFlag[] {
  const flags: SmallCountFlag[] = [];
  const baseSegments = base.split('/').filter((s) => s !== '');
  const flag = (index: number, field: string[], value: number, what: string) => {
    const segments = [...baseSegments, String(index), ...field];
    flags.push({
      pointer: `/${segments.join('/')}`,
      path: segments.join('.'),
      value,
      threshold: SMALL_COUNT_THRESHOLD,
      reason: `The ${what} is ${value}, under ${SMALL_COUNT_THRESHOLD}: so few children may be identifiable; check before publishing, or give a rate or "fewer than ${SMALL_COUNT_THRESHOLD}".`,
    });
  };
  outcomes.forEach((o, i) => {
    if (o.population !== undefined && o.population < SMALL_COUNT_THRESHOLD) {
      flag(i, ['population'], o.population, 'population');
    }
    if (o.unit !== 'count') return;
    // Zero is not flagged: "none" identifies nobody.
    if (o.baseline !== undefined && o.baseline.value > 0 && o.baseline.value < SMALL_COUNT_THRESHOLD) {
      flag(i, ['baseline', 'value'], o.baseline.value, 'baseline count');
    }
    if (o.followUp.value > 0 && o.followUp.value < SMALL_COUNT_THRESHOLD) {
      flag(i, ['followUp', 'value'], o.followUp.value, 'follow-up count');
    }
  });
  return flags;
}
