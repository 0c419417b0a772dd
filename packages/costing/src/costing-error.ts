/** Stable codes: the API maps them to HTTP problems, so a code never changes meaning once published. */
export type CostingErrorCode =
  | 'price-year-out-of-series'
  | 'price-year-kind-mismatch'
  | 'price-year-mismatch'
  | 'missing-price-year'
  | 'missing-deflator-series'
  | 'invalid-rate'
  | 'invalid-year'
  | 'invalid-amount'
  | 'invalid-distribution'
  | 'invalid-iterations'
  | 'invalid-seed'
  | 'negative-participants'
  | 'unknown-discount-schedule'
  | 'unknown-unit-cost'
  | 'missing-population'
  | 'missing-baseline'
  | 'unknown-indicator'
  | 'unknown-council'
  | 'not-countable'
  | 'equal-effects'
  | 'no-options';

/** The one error every costing function throws for invalid input. */
export class CostingError extends Error {
  readonly code: CostingErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: CostingErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'CostingError';
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is a CostingError (optionally with the given code). */
export function isCostingError(error: unknown, code?: CostingErrorCode): error is CostingError {
  return error instanceof CostingError && (code === undefined || error.code === code);
}
