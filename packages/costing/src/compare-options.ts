import { Money } from '@costed/schema';
import { z } from 'zod';
import { CostingError } from './costing-error.ts';
import { createMethodStamp, type MethodStamp } from './method-stamp.ts';
import { toMoney } from './round-pence.ts';

/** One option in a comparison: its cost and its effect on one outcome (higher effect is better). */
export const ComparisonOption = z
  .object({
    id: z.string().min(1),
    label: z.string().optional(),
    cost: Money.describe('Total (or present-value) cost; every option at one price year.'),
    effect: z
      .number()
      .finite()
      .describe(
        'Effect on the one outcome compared, signed so that higher is better (e.g. placements avoided).',
      ),
  })
  .strict();
export type ComparisonOption = z.infer<typeof ComparisonOption>;

export interface IcerResult {
  from: string;
  to: string;
  incrementalCost: Money;
  incrementalEffect: number;
  /** Extra cost per extra unit of effect, (cost_to − cost_from) ÷ (effect_to − effect_from). */
  icer: Money;
  /** `dominant`: `to` costs no more and achieves more; `dominated`: costs more and achieves less. */
  quadrant: 'dominant' | 'dominated' | 'more-costly-more-effective' | 'less-costly-less-effective';
  stamp: MethodStamp;
}

function checkPriceYears(options: readonly ComparisonOption[]): void {
  const first = options[0];
  for (const o of options) {
    if (first && o.cost.priceYear !== first.cost.priceYear) {
      throw new CostingError(
        'price-year-mismatch',
        `Option ${o.id} is at ${o.cost.priceYear} prices and ${first.id} at ${first.cost.priceYear}: convert all costs to one price year before comparing.`,
      );
    }
  }
}

/** Incremental cost-effectiveness ratio of moving from one option to another. */
export function incrementalCostEffectiveness(from: ComparisonOption, to: ComparisonOption): IcerResult {
  checkPriceYears([from, to]);
  const dc = to.cost.pence - from.cost.pence;
  const de = to.effect - from.effect;
  if (de === 0) {
    throw new CostingError(
      'equal-effects',
      `Options ${from.id} and ${to.id} have the same effect, so there is no cost per unit of extra effect: compare their costs directly.`,
    );
  }
  const py = to.cost.priceYear;
  return {
    from: from.id,
    to: to.id,
    incrementalCost: toMoney(dc, py),
    incrementalEffect: de,
    icer: toMoney(dc / de, py),
    quadrant:
      de > 0
        ? dc <= 0
          ? 'dominant'
          : 'more-costly-more-effective'
        : dc >= 0
          ? 'dominated'
          : 'less-costly-less-effective',
    stamp: createMethodStamp({ deflatorRelease: null }),
  };
}

export type DominanceStatus = 'frontier' | 'strictly-dominated' | 'extendedly-dominated';

export interface FrontierResult {
  /** Options on the cost-effectiveness frontier, cheapest first, each with its ICER over the previous one. */
  frontier: { id: string; cost: Money; effect: number; icer: Money | null }[];
  options: { id: string; status: DominanceStatus; dominatedBy: string[] }[];
  stamp: MethodStamp;
}

/**
 * The cost-effectiveness frontier over N options. An option is strictly dominated when another costs no
 * more and achieves at least as much, one of them strictly (an exact duplicate is dominated by the one
 * listed first); it is extendedly dominated when a mix of two frontier neighbours would achieve more for
 * the same money, which shows as ICERs that fall instead of rise along the frontier.
 */
export function findFrontier(options: readonly ComparisonOption[]): FrontierResult {
  if (options.length === 0) {
    throw new CostingError('no-options', 'No options were given: give at least one option to compare.');
  }
  checkPriceYears(options);
  const ids = new Set<string>();
  for (const o of options) {
    if (ids.has(o.id)) {
      throw new CostingError('no-options', `Option id ${o.id} appears twice: give every option its own id.`);
    }
    ids.add(o.id);
  }
  const status = new Map<string, { status: DominanceStatus; dominatedBy: string[] }>();
  options.forEach((x, i) => {
    const by = options.filter((y, j) => {
      if (j === i) return false;
      const noWorse = y.cost.pence <= x.cost.pence && y.effect >= x.effect;
      const strictly = y.cost.pence < x.cost.pence || y.effect > x.effect;
      return noWorse && (strictly || j < i);
    });
    status.set(x.id, {
      status: by.length > 0 ? 'strictly-dominated' : 'frontier',
      dominatedBy: by.map((y) => y.id),
    });
  });

  // Undominated options sorted by cost rise strictly in effect; remove any whose ICER exceeds the next one's.
  const frontier = options
    .filter((o) => status.get(o.id)?.status === 'frontier')
    .sort((a, b) => a.cost.pence - b.cost.pence || a.effect - b.effect);
  const slope = (a: ComparisonOption, b: ComparisonOption) =>
    (b.cost.pence - a.cost.pence) / (b.effect - a.effect);
  let removed = true;
  while (removed) {
    removed = false;
    for (let i = 1; i < frontier.length - 1; i++) {
      const prev = frontier[i - 1] as ComparisonOption;
      const cur = frontier[i] as ComparisonOption;
      const next = frontier[i + 1] as ComparisonOption;
      if (slope(prev, cur) > slope(cur, next)) {
        status.set(cur.id, { status: 'extendedly-dominated', dominatedBy: [prev.id, next.id] });
        frontier.splice(i, 1);
        removed = true;
        break;
      }
    }
  }
  return {
    frontier: frontier.map((o, i) => {
      const prev = frontier[i - 1];
      return {
        id: o.id,
        cost: o.cost,
        effect: o.effect,
        icer: prev ? toMoney(slope(prev, o), o.cost.priceYear) : null,
      };
    }),
    options: options.map((o) => ({
      id: o.id,
      ...(status.get(o.id) as { status: DominanceStatus; dominatedBy: string[] }),
    })),
    stamp: createMethodStamp({ deflatorRelease: null }),
  };
}
