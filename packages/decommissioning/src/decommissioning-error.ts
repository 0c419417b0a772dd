/** Stable codes: the API maps them to HTTP problems, so a code never changes meaning once published. */
export type DecommissioningErrorCode =
  | 'unknown-indicator'
  | 'invalid-date'
  | 'invalid-service'
  | 'invalid-review-options';

/** Thrown for invalid review input; import problems are returned as data, never thrown. */
export class DecommissioningError extends Error {
  readonly code: DecommissioningErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DecommissioningErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DecommissioningError';
    this.code = code;
    this.details = details;
  }
}

export function isDecommissioningError(
  error: unknown,
  code?: DecommissioningErrorCode,
): error is DecommissioningError {
  return error instanceof DecommissioningError && (code === undefined || error.code === code);
}
