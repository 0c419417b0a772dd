/** Bumped whenever a change to the method could change a published figure. */
export const METHOD_VERSION = '1.0.0';

/**
 * Enough to reproduce a figure later: the method version, which deflator release and discount schedule
 * were used, and for simulations the seed and iteration count.
 */
export interface MethodStamp {
  methodVersion: string;
  /** The HMT release of the deflators used; null where no price-year conversion was needed. */
  deflatorRelease: string | null;
  /** The discount schedule applied; absent where nothing was discounted. */
  discountSchedule?: { id: string; edition: string };
  seed?: number;
  iterations?: number;
}

export function createMethodStamp(parts: Omit<MethodStamp, 'methodVersion'>): MethodStamp {
  const stamp: MethodStamp = { methodVersion: METHOD_VERSION, deflatorRelease: parts.deflatorRelease };
  if (parts.discountSchedule)
    stamp.discountSchedule = { id: parts.discountSchedule.id, edition: parts.discountSchedule.edition };
  if (parts.seed !== undefined) stamp.seed = parts.seed;
  if (parts.iterations !== undefined) stamp.iterations = parts.iterations;
  return stamp;
}
