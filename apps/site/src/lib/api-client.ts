import { ProblemDetails, type ProblemFieldError } from '@costed/contract';
import type { z } from 'zod';
import { forwardingFetch } from './client-address.ts';

// Problems are part of the API contract; re-exported because every caller of the client handles them.
export { ProblemDetails, type ProblemFieldError };

/**
 * The site's only way to the data: a small typed client for the Costed API. Every response body is parsed
 * with a zod schema the caller passes in (the API contract's, from `@costed/contract`), so a page never renders
 * something the API did not promise. Errors come back as three kinds, each with a stable `code`:
 * - `ApiProblem`: the API answered with an RFC 9457 problem (or another non-2xx response);
 * - `ApiUnreachable`: no answer at all (connection refused, DNS, timeout);
 * - `ApiInvalidResponse`: a 2xx answer that does not match the schema.
 */

/** The API refused or failed a request. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly status: number;
  /** The API's stable error code (`validation-failed`, `not-found` …), or `http-<status>` if it sent none. */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly instance: string | undefined;
  readonly errors: readonly ProblemFieldError[];
  /** The whole problem body, extensions included. */
  readonly problem: ProblemDetails | undefined;

  constructor(status: number, problem: ProblemDetails | undefined, fallbackDetail: string) {
    const detail = problem?.detail ?? fallbackDetail;
    super(detail);
    this.status = status;
    this.code = problem?.code ?? `http-${status}`;
    this.title = problem?.title ?? `HTTP ${status}`;
    this.detail = detail;
    this.type = problem?.type ?? 'about:blank';
    this.instance = problem?.instance;
    this.errors = problem?.errors ?? [];
    this.problem = problem;
  }

  /** The message for one field (by its full path), for showing beside a form input. */
  errorFor(path: string): string | undefined {
    return this.errors.find((error) => error.path === path)?.message;
  }
}

/** The API could not be reached, or did not answer in time. */
export class ApiUnreachable extends Error {
  override readonly name = 'ApiUnreachable';
  readonly code: 'api-unreachable' | 'api-timeout';
  readonly url: string;

  constructor(code: 'api-unreachable' | 'api-timeout', url: string, cause: unknown) {
    const what =
      code === 'api-timeout'
        ? `The API did not answer ${url} in time.`
        : `The API could not be reached at ${url}.`;
    super(`${what} Check that it is running and that API_URL points at it.`, { cause });
    this.code = code;
    this.url = url;
  }
}

/** The API answered 2xx with a body that does not match the expected schema. */
export class ApiInvalidResponse extends Error {
  override readonly name = 'ApiInvalidResponse';
  readonly code = 'api-invalid-response';
  readonly url: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(url: string, issues: readonly z.core.$ZodIssue[], reason?: string) {
    const first = issues[0];
    const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
    super(
      `The API's answer to ${url} is not what the site expects${reason ? ` (${reason})` : where}. ` +
        'The site and API versions may not match.',
    );
    this.url = url;
    this.issues = issues;
  }
}

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface RequestOptions {
  /** Query parameters; undefined values are left out, arrays repeat the key. */
  query?: Record<string, QueryValue>;
  /** Extra headers, e.g. the signed-in user's cookie forwarded from the incoming request. */
  headers?: Record<string, string>;
  /** Milliseconds before giving up (default from the client, 10 000). */
  timeoutMs?: number;
}

export interface ApiClientOptions {
  /** The API's base URL, e.g. `http://localhost:4000` (API_URL). */
  baseUrl: string;
  /** Defaults to the global fetch; tests pass a fake. */
  fetch?: typeof globalThis.fetch;
  /** Default time limit per request in milliseconds. */
  timeoutMs?: number;
}

export interface ApiClient {
  get<T>(path: string, schema: z.ZodType<T>, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown, schema: z.ZodType<T>, options?: RequestOptions): Promise<T>;
}

/** Joins the base URL and a path (which must start with `/`) and appends the query. */
export function buildApiUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): string {
  if (!path.startsWith('/')) throw new TypeError(`API paths start with "/"; got "${path}".`);
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.append(key, String(value));
  }
  return url.href;
}

function isProblemType(contentType: string | null): boolean {
  return /^application\/(problem\+)?json\b/i.test(contentType ?? '');
}

async function readProblem(response: Response): Promise<ProblemDetails | undefined> {
  if (!isProblemType(response.headers.get('content-type'))) return undefined;
  try {
    const parsed = ProblemDetails.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchImpl = options.fetch ?? forwardingFetch;
  const defaultTimeout = options.timeoutMs ?? 10_000;

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const url = buildApiUrl(options.baseUrl, path, requestOptions.query);
    const headers: Record<string, string> = { accept: 'application/json', ...requestOptions.headers };
    if (method === 'POST') headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(requestOptions.timeoutMs ?? defaultTimeout),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ApiUnreachable(timedOut ? 'api-timeout' : 'api-unreachable', url, error);
    }

    if (!response.ok) {
      const problem = await readProblem(response);
      throw new ApiProblem(
        response.status,
        problem,
        `The API answered ${method} ${path} with HTTP ${response.status} ${response.statusText}.`.trim(),
      );
    }

    let json: unknown;
    try {
      json = response.status === 204 ? undefined : await response.json();
    } catch {
      throw new ApiInvalidResponse(url, [], 'the body is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiInvalidResponse(url, parsed.error.issues);
    return parsed.data;
  }

  return {
    get: (path, schema, requestOptions) => request('GET', path, undefined, schema, requestOptions),
    post: (path, body, schema, requestOptions) => request('POST', path, body, schema, requestOptions),
  };
}
