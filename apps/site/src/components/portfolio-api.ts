import { z } from 'zod';
import { readSiteEnv } from '../env.ts';
import { ApiProblem, ApiUnreachable, buildApiUrl, ProblemDetails } from '../lib/api-client.ts';
import { forwardingFetch } from '../lib/client-address.ts';
import { apiCookieHeader, callApi } from '../lib/session.ts';
import {
  DecisionEntry,
  DecisionsResponse,
  type DecisionValue,
  IndicatorChoices,
  Portfolio,
  PortfolioReview,
  PortfoliosResponse,
  type RecommendationValue,
  StoredService,
} from './portfolio-schemas.ts';

/**
 * The portfolio routes of the API, called on behalf of the signed-in visitor (their session forwarded).
 * Errors are the API client's kinds (`ApiProblem`, `ApiUnreachable`), so pages handle them as elsewhere.
 */

const base = () => readSiteEnv().API_URL;
const path = (id: string) => `/v1/portfolios/${encodeURIComponent(id)}`;

export function listPortfolios(token: string): Promise<PortfoliosResponse> {
  return callApi('GET', '/v1/portfolios', undefined, PortfoliosResponse, { baseUrl: base(), token });
}

export function createPortfolio(
  token: string,
  body: { name: string; organisationId: string },
): Promise<Portfolio> {
  return callApi('POST', '/v1/portfolios', body, Portfolio, { baseUrl: base(), token });
}

export function getPortfolio(token: string, id: string): Promise<Portfolio> {
  return callApi('GET', path(id), undefined, Portfolio, { baseUrl: base(), token });
}

export function getReview(token: string, id: string, priceYear?: string): Promise<PortfolioReview> {
  return callApi('GET', `${path(id)}/review`, undefined, PortfolioReview, {
    baseUrl: base(),
    token,
    query: { priceYear },
  });
}

export function listDecisions(token: string, id: string, serviceId: string): Promise<DecisionsResponse> {
  return callApi(
    'GET',
    `${path(id)}/services/${encodeURIComponent(serviceId)}/decisions`,
    undefined,
    DecisionsResponse,
    { baseUrl: base(), token },
  );
}

export function recordDecision(
  token: string,
  id: string,
  serviceId: string,
  body: {
    decision: DecisionValue | undefined;
    rationale: string;
    recommendation?: RecommendationValue;
    reviewedOn?: string;
  },
): Promise<DecisionEntry> {
  return callApi(
    'POST',
    `${path(id)}/services/${encodeURIComponent(serviceId)}/decisions`,
    body,
    DecisionEntry,
    {
      baseUrl: base(),
      token,
    },
  );
}

/** Adds one service (POST /v1/portfolios/:id/services); a 422 names each field by its body path. */
export function addService(token: string, id: string, body: unknown): Promise<StoredService> {
  return callApi('POST', `${path(id)}/services`, body, StoredService, { baseUrl: base(), token });
}

/** Replaces one service, keeping its id and position (PUT /v1/portfolios/:id/services/:serviceId). */
export function replaceService(
  token: string,
  id: string,
  serviceId: string,
  body: unknown,
): Promise<StoredService> {
  return callApi('PUT', `${path(id)}/services/${encodeURIComponent(serviceId)}`, body, StoredService, {
    baseUrl: base(),
    token,
  });
}

/** Removes one service (DELETE /v1/portfolios/:id/services/:serviceId); its decisions stay in the record. */
export async function removeService(token: string, id: string, serviceId: string): Promise<void> {
  await callApi('DELETE', `${path(id)}/services/${encodeURIComponent(serviceId)}`, undefined, z.undefined(), {
    baseUrl: base(),
    token,
  });
}

/** Sets the portfolio's review thresholds (PATCH): they replace the ones set before; `{}` resets them all. */
export function setThresholds(
  token: string,
  id: string,
  thresholds: Record<string, number>,
): Promise<Portfolio> {
  return callApi('PATCH', path(id), { thresholds }, Portfolio, { baseUrl: base(), token });
}

/** The outcome-indicator taxonomy, for the service form's choices. */
export function listIndicators(): Promise<IndicatorChoices> {
  return callApi('GET', '/v1/reference/indicators', undefined, IndicatorChoices, { baseUrl: base() });
}

/** The slugs among `slugs` that are not Costed case studies (the API answers 404). */
export async function findUnknownCaseStudies(slugs: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const slug of slugs) {
    try {
      await callApi('GET', `/v1/case-studies/${encodeURIComponent(slug)}`, undefined, z.unknown(), {
        baseUrl: base(),
      });
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) missing.push(slug);
      else throw error;
    }
  }
  return missing;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await forwardingFetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiUnreachable(timedOut ? 'api-timeout' : 'api-unreachable', url, error);
  }
}

async function throwProblem(response: Response, what: string): Promise<never> {
  let problem: ProblemDetails | undefined;
  try {
    const parsed = ProblemDetails.safeParse(await response.json());
    problem = parsed.success ? parsed.data : undefined;
  } catch {
    problem = undefined;
  }
  throw new ApiProblem(response.status, problem, `The API answered ${what} with HTTP ${response.status}.`);
}

/**
 * Sends an uploaded CSV or XLSX file to the API's import route as the raw body. The API decides the type
 * from the bytes, never the name or the browser's content type, so the body goes as octet-stream; the
 * file name only appears in the API's messages. A 422 carries every row and column problem.
 */
export async function importPortfolioFile(token: string, id: string, file: File): Promise<void> {
  const url = buildApiUrl(base(), `${path(id)}/import`, { filename: file.name.slice(0, 200) || undefined });
  const response = await send(url, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
      cookie: apiCookieHeader(token),
    },
    body: new Uint8Array(await file.arrayBuffer()),
  });
  if (!response.ok) await throwProblem(response, `POST ${path(id)}/import`);
  await response.body?.cancel();
}

/** The file types the site passes through from the API, and nothing else. */
export const DOWNLOAD_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

/**
 * Fetches a file from the API (a template or a review export) and answers it from the site's origin, so the
 * browser never talks to the API and the session stays in the site's cookie.
 */
export async function relayDownload(
  apiPath: string,
  token: string | undefined,
  filename: string,
): Promise<Response> {
  const extension = filename.split('.').pop() ?? '';
  const type = DOWNLOAD_TYPES[extension];
  if (!type) return new Response('Not found', { status: 404 });
  const headers: Record<string, string> = {};
  if (token) headers.cookie = apiCookieHeader(token);
  const response = await send(buildApiUrl(base(), apiPath), { headers });
  if (!response.ok) await throwProblem(response, `GET ${apiPath}`);
  // Every file is an attachment, the printable report too: it carries its own inline print styles, which
  // the site's strict CSP would block if it were shown as a page of this origin.
  return new Response(response.body, {
    status: 200,
    headers: {
      'content-type': response.headers.get('content-type') ?? type,
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': token ? 'private, no-store' : 'public, max-age=3600',
    },
  });
}
