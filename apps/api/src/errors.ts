/**
 * Every error the API can answer with has a stable code; this table maps each code to its HTTP status and
 * title once. Handlers throw `ApiError`; the error plugin turns it (and framework errors) into RFC 9457
 * problem+json.
 */
export const ERROR_CODES = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Sign in required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No such route' },
  'uri-too-long': { status: 414, title: 'The URL is too long' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'No longer available' },
  'invalid-transition': { status: 409, title: 'That workflow step is not allowed from the current status' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'personal-data-found': { status: 422, title: 'The submission contains personal data' },
  unprocessable: { status: 422, title: 'The request cannot be processed' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'service-unavailable': { status: 503, title: 'The service is busy or unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** Dotted path of the failing field, prefixed by where it was: `body.costs.0.money.priceYear`. */
  path: string;
  message: string;
  code?: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function toProblem(error: ApiError, instance?: string): Problem {
  // Extensions come first so that none of them can overwrite a member RFC 9457 defines.
  return {
    ...error.extensions,
    type: `/problems/${error.code}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/**
 * Serialises a problem with `<`, `>` and `&` escaped as JSON unicode escapes: clients parse the same values, but a
 * caller-chosen string (an unknown key, a slug) can never appear as raw markup in the response body.
 */
export function serialiseProblem(problem: Problem): string {
  return JSON.stringify(problem).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
