import type {
  Council,
  DeflatorSeries,
  DiscountSchedule,
  OutcomeIndicator,
  SynonymGroup,
  UnitCost,
} from '@costed/schema';
import type { Store } from '@costed/store';

export interface ReferenceSnapshot {
  deflators: DeflatorSeries[];
  discountSchedules: DiscountSchedule[];
  unitCosts: UnitCost[];
  councils: Council[];
  councilsByCode: ReadonlyMap<string, Council>;
  indicators: OutcomeIndicator[];
  indicatorsById: ReadonlyMap<string, OutcomeIndicator>;
  synonyms: SynonymGroup[];
  /** Content hashes per reference set: the cache key, and the ETag of reference responses. */
  version: string;
}

/**
 * Reference tables change only when data/ is re-seeded, yet nearly every request needs them (conversion,
 * labels, appraisal). They are read from the store once and re-read only when the store's set hashes change.
 */
export function createReferenceCache(store: Pick<Store, 'reference'>) {
  let cached: Promise<ReferenceSnapshot> | undefined;
  let checkedAt = 0;

  async function load(): Promise<ReferenceSnapshot> {
    const [hashes, deflators, discountSchedules, unitCosts, councils, indicators, synonyms] =
      await Promise.all([
        store.reference.hashes(),
        store.reference.deflatorSeries(),
        store.reference.discountSchedules(),
        store.reference.unitCosts(),
        store.reference.councils(),
        store.reference.indicators(),
        store.reference.synonyms(),
      ]);
    return {
      deflators,
      discountSchedules,
      unitCosts,
      councils,
      councilsByCode: new Map(councils.map((c) => [c.gssCode, c])),
      indicators,
      indicatorsById: new Map(indicators.map((i) => [i.id, i])),
      synonyms,
      version: Object.entries(hashes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}:${v?.slice(0, 8)}`)
        .join(','),
    };
  }

  return {
    get(): Promise<ReferenceSnapshot> {
      cached ??= load().catch((error) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
    /** Drops the cache (after a seed or import), so the next read sees the new tables. */
    invalidate(): void {
      cached = undefined;
      checkedAt = Date.now();
    },
    get lastInvalidated(): number {
      return checkedAt;
    },
  };
}

export type ReferenceCache = ReturnType<typeof createReferenceCache>;
