import type { APIRoute } from 'astro';
import { relayDownload } from '../../../components/portfolio-api.ts';
import { ApiProblem } from '../../../lib/api-client.ts';
import { readSessionToken, signInUrl } from '../../../lib/session.ts';

/** The review exports a commissioner downloads, relayed from the API with their session. */
const EXPORTS = new Set(['review.csv', 'review.xlsx', 'review.html']);

export const GET: APIRoute = async ({ params, url, cookies, redirect, rewrite }) => {
  const id = params.id ?? '';
  const file = params.file ?? '';
  if (!EXPORTS.has(file)) return rewrite('/404');
  const token = readSessionToken(cookies);
  if (!token) return redirect(signInUrl(url.pathname + url.search), 303);
  const priceYear = url.searchParams.get('priceYear');
  const query = priceYear ? `?priceYear=${encodeURIComponent(priceYear)}` : '';
  try {
    return await relayDownload(
      `/v1/portfolios/${encodeURIComponent(id)}/${file}${query}`,
      token,
      `portfolio-${file}`,
    );
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 403)) return rewrite('/404');
    if (error instanceof ApiProblem && error.status === 401) return redirect(signInUrl(url.pathname), 303);
    throw error;
  }
};
