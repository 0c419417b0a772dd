/** Stable codes callers (the API's error handler) can map to HTTP statuses. */
export type SearchErrorCode =
  | 'SEARCH_INVALID_QUERY'
  | 'SEARCH_INVALID_DOCUMENT'
  | 'SEARCH_INVALID_SNAPSHOT'
  | 'SEARCH_UNKNOWN_COUNCIL'
  | 'SEARCH_BACKEND_FAILED'
  | 'SEARCH_BAD_OPTIONS';

/** An error from a search adapter: a stable `code` plus a message that says what happened and what to do. */
export class SearchError extends Error {
  readonly code: SearchErrorCode;
  readonly details?: unknown;

  constructor(code: SearchErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SearchError';
    this.code = code;
    this.details = options?.details;
  }
}
