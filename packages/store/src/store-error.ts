/** Stable codes callers (the API's error handler, the CLI) can map without parsing messages. */
export type StoreErrorCode =
  | 'STORE_OPTIONS_INVALID'
  | 'STORE_LOCKED'
  | 'STORE_CLOSED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_DOCUMENT'
  | 'IMPORT_INVALID'
  | 'IMPORT_TARGET_NOT_EMPTY'
  | 'MIGRATION_FAILED'
  | 'POSTGRES_UNAVAILABLE';

/** An error from the store: `code` is stable, `message` says what happened and what to do. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly details: readonly string[];

  constructor(
    code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.details = options?.details ?? [];
  }
}

export function isStoreError(value: unknown, code?: StoreErrorCode): value is StoreError {
  return value instanceof StoreError && (code === undefined || value.code === code);
}
