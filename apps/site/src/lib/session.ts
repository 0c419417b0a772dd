import { createHash, timingSafeEqual } from 'node:crypto';
import type { AstroCookies } from 'astro';
import type { z } from 'zod';
import { ApiProblem, ApiUnreachable, buildApiUrl, ProblemDetails, type QueryValue } from './api-client.ts';
import { Me } from './api-schemas.ts';
import { forwardingFetch } from './client-address.ts';

/**
 * The site's side of a signed-in session. The API (better-auth) issues the session token; the site keeps it
 * in its own HttpOnly, SameSite=Lax cookie and forwards it to the API as `costed.session_token` on every
 * server-side request, so the browser never talks to the API and page scripts never see the token.
 *
 * CSRF: two checks on every POST form. (1) Origin check: a POST that the browser says comes from another
 * site (`Sec-Fetch-Site`, else `Origin`, else `Referer`) is refused. (2) A synchronizer token bound to the session: each signed-in form carries
 * `csrf`, a hash of the session token that a third-party page cannot compute (the cookie is HttpOnly), and
 * it must match. The sign-in form has no session yet, so it relies on the origin check and SameSite.
 */

/** The site's cookie (not the API's name: the two live on different origins). */
export const SESSION_COOKIE = 'costed_session';
/** The API's cookie name, which the site forwards the token under. */
export const API_SESSION_COOKIE = 'costed.session_token';
/** The form field that carries the CSRF token. */
export const CSRF_FIELD = 'csrf';

export class SiteError extends Error {
  override readonly name = 'SiteError';
  readonly code: 'csrf-failed' | 'sign-in-no-cookie';
  constructor(code: SiteError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** Reads the API session token out of a response's `set-cookie` headers (undefined when there is none). */
export function readApiSessionToken(setCookies: readonly string[]): string | undefined {
  for (const header of setCookies) {
    const [pair] = header.split(';');
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    // better-auth prefixes the name with __Secure- when it runs over https.
    if (name === API_SESSION_COOKIE || name === `__Secure-${API_SESSION_COOKIE}`) {
      const value = pair.slice(eq + 1).trim();
      return value.length > 0 ? decodeURIComponent(value) : undefined;
    }
  }
  return undefined;
}

/** The `cookie` header that carries a session token to the API. */
export function apiCookieHeader(token: string): string {
  return `${API_SESSION_COOKIE}=${encodeURIComponent(token)}`;
}

/** The CSRF token for a session: a hash of its token, so it needs no storage and dies with the session. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`costed-site-csrf\0${sessionToken}`).digest('base64url');
}

/** True when `submitted` is the CSRF token of this session (compared in constant time). */
export function isValidCsrfToken(sessionToken: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Where a POST comes from, as far as the browser tells: this site, another site, or not said. */
export type PostOrigin = 'same' | 'cross' | 'unknown';

/**
 * Where a POST comes from. `Sec-Fetch-Site` first (browsers send it whatever the referrer policy; the site's
 * `Referrer-Policy: no-referrer` makes Chromium send `Origin: null` and no Referer on form posts), then a
 * non-null `Origin`, then `Referer`. A browser too old to send any of them gives `unknown`.
 */
export function classifyPostOrigin(request: Request, siteOrigins: readonly string[]): PostOrigin {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin' ? 'same' : 'cross';
  const origin = request.headers.get('origin');
  if (origin && origin !== 'null') return siteOrigins.includes(origin) ? 'same' : 'cross';
  const referer = request.headers.get('referer');
  if (!referer) return 'unknown';
  try {
    return siteOrigins.includes(new URL(referer).origin) ? 'same' : 'cross';
  } catch {
    return 'cross';
  }
}

/** True unless the browser says the POST came from another site. */
export function isSameOriginPost(request: Request, siteOrigin: string): boolean {
  return classifyPostOrigin(request, [siteOrigin]) !== 'cross';
}

/**
 * A return URL after sign-in: only a same-site relative path ("/submit?x=1") is accepted; anything else
 * ("//evil.example", "https://…", "/\\evil") falls back to `fallback`, so the sign-in page cannot be used
 * to send people to another site.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\') || /[\r\n\t]/.test(value)) return fallback;
  try {
    const base = 'http://site.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/** The sign-in page's URL that comes back to `path` afterwards. */
export function signInUrl(returnPath: string): string {
  return `/sign-in?returnTo=${encodeURIComponent(safeReturnPath(returnPath))}`;
}

export interface SessionCookieOptions {
  secure: boolean;
}

export function setSessionCookie(cookies: AstroCookies, token: string, options: SessionCookieOptions): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
  });
}

export function clearSessionCookie(cookies: AstroCookies, options: SessionCookieOptions): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure });
}

export function readSessionToken(cookies: AstroCookies): string | undefined {
  const value = cookies.get(SESSION_COOKIE)?.value;
  return value && value.length > 0 ? value : undefined;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface ApiCallOptions {
  baseUrl: string;
  token?: string | undefined;
  query?: Record<string, QueryValue>;
  /** Same as the site's API client: a time limit per request. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/**
 * One API request on behalf of the signed-in user (all methods, the session cookie forwarded). Errors are
 * the API client's own kinds (`ApiProblem`, `ApiUnreachable`), so pages handle them the same way.
 */
export async function callApi<T>(
  method: Method,
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  options: ApiCallOptions,
): Promise<T> {
  const url = buildApiUrl(options.baseUrl, path, options.query);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.cookie = apiCookieHeader(options.token);
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await (options.fetch ?? forwardingFetch)(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiUnreachable(timedOut ? 'api-timeout' : 'api-unreachable', url, error);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const parsed = ProblemDetails.safeParse(json);
    throw new ApiProblem(
      response.status,
      parsed.success ? parsed.data : undefined,
      `The API answered ${method} ${path} with HTTP ${response.status}.`,
    );
  }
  return schema.parse(json);
}

export interface SignInResult {
  token: string;
}

/** What to say when a credentials POST fails: the refusal's fallback detail and the missing-cookie message. */
export interface CredentialsPostMessages {
  refused: string;
  noCookie: string;
}

/**
 * POSTs credentials as JSON to a better-auth endpoint and returns the session token from its `set-cookie`.
 * better-auth refuses a POST without a trusted Origin, so the site names itself. A refusal throws the API's
 * problem; no session cookie on success throws `sign-in-no-cookie`.
 */
export async function postCredentialsToApi(
  baseUrl: string,
  siteOrigin: string,
  path: string,
  body: unknown,
  messages: CredentialsPostMessages,
  fetchImpl: typeof globalThis.fetch = forwardingFetch,
): Promise<SignInResult> {
  const url = buildApiUrl(baseUrl, path);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin: siteOrigin },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new ApiUnreachable('api-unreachable', url, error);
  }
  if (!response.ok) {
    let problem: ProblemDetails | undefined;
    try {
      const parsed = ProblemDetails.safeParse(await response.json());
      problem = parsed.success ? parsed.data : undefined;
    } catch {}
    throw new ApiProblem(response.status, problem, messages.refused);
  }
  const token = readApiSessionToken(response.headers.getSetCookie());
  if (!token) throw new SiteError('sign-in-no-cookie', messages.noCookie);
  return { token };
}

/**
 * Signs in through the API and returns the session token from its `set-cookie`. A refusal throws the
 * API's problem (401 for a wrong e-mail or password, 429 when rate-limited).
 */
export function signInWithApi(
  baseUrl: string,
  siteOrigin: string,
  credentials: { email: string; password: string },
  fetchImpl: typeof globalThis.fetch = forwardingFetch,
): Promise<SignInResult> {
  return postCredentialsToApi(
    baseUrl,
    siteOrigin,
    '/v1/auth/sign-in/email',
    credentials,
    {
      refused: 'The API refused the sign-in.',
      noCookie:
        'The API accepted the sign-in but sent no session cookie. Check that the site and API versions match.',
    },
    fetchImpl,
  );
}

/**
 * Revokes the session on the API (better-auth sign-out). better-auth refuses a cookie-carrying POST without
 * a trusted Origin, so the site names itself (PUBLIC_SITE_URL, which the API trusts as SITE_URL).
 * A session that is already gone is not an error.
 */
export async function signOutWithApi(
  baseUrl: string,
  siteOrigin: string,
  token: string,
  fetchImpl: typeof globalThis.fetch = forwardingFetch,
): Promise<void> {
  const url = buildApiUrl(baseUrl, '/v1/auth/sign-out');
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      origin: siteOrigin,
      cookie: apiCookieHeader(token),
    },
    body: '{}',
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok && response.status !== 401) {
    throw new ApiProblem(
      response.status,
      undefined,
      `The API could not sign the session out (HTTP ${response.status}).`,
    );
  }
}

/** Who is signed in, or undefined when the token is missing, expired or revoked. */
export async function readMe(baseUrl: string, token: string | undefined): Promise<Me | undefined> {
  if (!token) return undefined;
  const me = await callApi('GET', '/v1/me', undefined, Me, { baseUrl, token });
  return me.kind === 'user' ? me : undefined;
}

const meOfRequest = new WeakMap<Request, Map<string, Promise<Me | undefined>>>();

/**
 * `readMe`, once per request and token: a signed-in page and the layout's header both need it, and
 * without this every signed-in page asked the API twice.
 */
export function readMeForRequest(request: Request, baseUrl: string, token: string): Promise<Me | undefined> {
  let byToken = meOfRequest.get(request);
  if (!byToken) {
    byToken = new Map();
    meOfRequest.set(request, byToken);
  }
  let me = byToken.get(token);
  if (!me) {
    me = readMe(baseUrl, token);
    byToken.set(token, me);
  }
  return me;
}

/** What a signed-in page needs: the token for API calls, who the user is, and the form CSRF token. */
export interface PageSession {
  token: string;
  me: Me;
  csrf: string;
}

interface PageContext {
  cookies: AstroCookies;
  url: URL;
  request: Request;
}

/**
 * The session of the request, or undefined when nobody (or an expired or revoked session) is signed in. A
 * dead session's cookie is cleared so the next page does not ask the API again.
 */
export async function readPageSession(
  context: PageContext,
  apiUrl: string,
): Promise<PageSession | undefined> {
  const token = readSessionToken(context.cookies);
  if (!token) return undefined;
  let me: Me | undefined;
  try {
    me = await readMeForRequest(context.request, apiUrl, token);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) me = undefined;
    else throw error;
  }
  if (!me) {
    clearSessionCookie(context.cookies, { secure: context.url.protocol === 'https:' });
    return undefined;
  }
  return { token, me, csrf: csrfTokenFor(token) };
}

/**
 * Checks a POST from a signed-in page: same origin (Origin/Referer) and this session's CSRF token. Returns
 * the form, or throws SiteError `csrf-failed` (pages answer 403).
 */
export async function readCheckedForm(
  context: PageContext,
  session: PageSession,
  siteUrl: string,
): Promise<FormData> {
  const origin = classifyPostOrigin(context.request, [context.url.origin, new URL(siteUrl).origin]);
  const sameOrigin = origin !== 'cross';
  const form = await context.request.formData();
  if (!sameOrigin || !isValidCsrfToken(session.token, form.get(CSRF_FIELD))) {
    throw new SiteError(
      'csrf-failed',
      'This form was not sent from this site, or the page was open across a sign-out. Go back, reload the page and send it again.',
    );
  }
  return form;
}

/**
 * False when the browser says a POST came from another site (the sign-in form's check: it has no session,
 * so no token; SameSite=Lax keeps a forged sign-in from carrying anyone's cookie anyway).
 */
export function isSitePost(context: PageContext, siteUrl: string): boolean {
  return classifyPostOrigin(context.request, [context.url.origin, new URL(siteUrl).origin]) !== 'cross';
}

/** Council members (and curators and admins) may submit. */
export function canSubmit(me: Me): boolean {
  return me.role !== 'public';
}

export function isCuratorRole(me: Me): boolean {
  return me.role === 'curator' || me.role === 'admin';
}
