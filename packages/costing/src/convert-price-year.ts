import type { DeflatorSeries, Money, PriceYear, PriceYearKind } from '@costed/schema';
import { priceYearKind } from '@costed/schema';
import { CostingError } from './costing-error.ts';
import { createMethodStamp, type MethodStamp } from './method-stamp.ts';
import { toMoney } from './round-pence.ts';

/** One series, or several (typically one financial-year and one calendar-year series). */
export type DeflatorInput = DeflatorSeries | readonly DeflatorSeries[];

export interface PriceConversion {
  /** The amount in the target price year, rounded once to whole pence. */
  money: Money;
  original: Money;
  /** index[target] ÷ index[source]. */
  factor: number;
  seriesId: string | null;
  deflatorRelease: string | null;
  stamp: MethodStamp;
}

/** Looks up deflator factors quickly; built once per calculation so hot loops never search arrays. */
export interface PriceConverter {
  /** index[to] ÷ index[from]; exactly 1 when the years are equal. */
  factor(from: PriceYear, to: PriceYear): number;
  /** The release of the series a year belongs to, or null when no series of its kind was given. */
  releaseFor(year: PriceYear): string | null;
  seriesFor(year: PriceYear): DeflatorSeries | null;
}

function checkYear(year: unknown, what: string): asserts year is PriceYear {
  if (typeof year !== 'string' || year.length === 0) {
    throw new CostingError(
      'missing-price-year',
      `${what} has no price year: every amount needs one (e.g. "2012-13" or "2012"); find it in the source before converting.`,
    );
  }
}

/** Builds a converter over the given series (at most one per kind). */
export function createPriceConverter(deflators: DeflatorInput): PriceConverter {
  const list: readonly DeflatorSeries[] = Array.isArray(deflators)
    ? (deflators as readonly DeflatorSeries[])
    : [deflators as DeflatorSeries];
  const byKind = new Map<PriceYearKind, { series: DeflatorSeries; index: Map<string, number> }>();
  for (const series of list) {
    if (byKind.has(series.kind)) {
      throw new CostingError(
        'missing-deflator-series',
        `Two ${series.kind}-year deflator series were given (${byKind.get(series.kind)?.series.id} and ${series.id}): pass one series per kind so every figure uses one release.`,
      );
    }
    byKind.set(series.kind, { series, index: new Map(series.points.map((p) => [p.year, p.index])) });
  }
  const cache = new Map<string, number>();

  const entryFor = (year: PriceYear) => byKind.get(priceYearKind(year));

  const indexOf = (year: PriceYear): number => {
    const entry = entryFor(year);
    if (!entry) {
      throw new CostingError(
        'missing-deflator-series',
        `No ${priceYearKind(year)}-year deflator series was given, so ${year} cannot be converted: pass the HMT ${priceYearKind(year)}-year series.`,
        { year },
      );
    }
    const value = entry.index.get(year);
    if (value === undefined) {
      const years = entry.series.points.map((p) => p.year);
      throw new CostingError(
        'price-year-out-of-series',
        `Price year ${year} is outside the deflator series ${entry.series.id} (${years[0]} to ${years.at(-1)}): use a year inside it, or a newer release that covers ${year}.`,
        { year, seriesId: entry.series.id },
      );
    }
    return value;
  };

  return {
    factor(from, to) {
      checkYear(from, 'The amount');
      checkYear(to, 'The target');
      if (priceYearKind(from) !== priceYearKind(to)) {
        throw new CostingError(
          'price-year-kind-mismatch',
          `Cannot convert between a ${priceYearKind(from)} year (${from}) and a ${priceYearKind(to)} year (${to}): HMT publishes them as separate series. Choose a target year of the same kind.`,
          { from, to },
        );
      }
      if (from === to) return 1;
      const key = `${from}>${to}`;
      let factor = cache.get(key);
      if (factor === undefined) {
        factor = indexOf(to) / indexOf(from);
        cache.set(key, factor);
      }
      return factor;
    },
    releaseFor(year) {
      return entryFor(year)?.series.release ?? null;
    },
    seriesFor(year) {
      return entryFor(year)?.series ?? null;
    },
  };
}

/**
 * Converts money to another price year: amount × index[target] ÷ index[source], rounded once to whole
 * pence (half away from zero). The series release is recorded on the result.
 */
export function convertPriceYear(
  money: Money,
  targetYear: PriceYear,
  deflators: DeflatorInput,
): PriceConversion {
  checkYear(money?.priceYear, 'The amount');
  const converter = createPriceConverter(deflators);
  const factor = converter.factor(money.priceYear, targetYear);
  const series = converter.seriesFor(targetYear);
  const deflatorRelease = series?.release ?? null;
  return {
    money: toMoney(money.pence * factor, targetYear),
    original: money,
    factor,
    seriesId: series?.id ?? null,
    deflatorRelease,
    stamp: createMethodStamp({ deflatorRelease }),
  };
}
