import type { Me } from '@costed/contract';
import type { AstroGlobal } from 'astro';
import { readSiteEnv } from '../env.ts';
import { ApiProblem } from '../lib/api-client.ts';
import { isSameOriginPost, isValidCsrfToken, readPageSession, signInUrl } from '../lib/session.ts';
import { getPortfolio } from './portfolio-api.ts';
import { type Portfolio, StoredService } from './portfolio-schemas.ts';

export interface PortfolioVisitor {
  token: string;
  me: Me;
  /** Organisations the visitor is a council member of (portfolios belong to these). */
  councils: string[];
  /** The CSRF token every POST form on these pages carries. */
  csrf: string;
}

/**
 * Who is looking at a portfolio page, or the redirect to sign in. Ownership itself is the API's to decide:
 * it answers 404 for another council's portfolio and the page shows the not-found page.
 */
export async function readPortfolioVisitor(
  astro: AstroGlobal,
): Promise<{ visitor: PortfolioVisitor } | { redirect: Response }> {
  // An expired or revoked session is cleared by readPageSession and treated as signed out.
  const session = await readPageSession(astro, readSiteEnv().API_URL);
  if (!session) return { redirect: astro.redirect(signInUrl(astro.url.pathname + astro.url.search), 303) };
  const councils = session.me.organisations
    .filter((o) => o.role === 'council-member')
    .map((o) => o.organisationId);
  return { visitor: { ...session, councils } };
}

/**
 * True when a POST may be acted on: it comes from the site (the public origin, or the origin it was served
 * on, which differ behind a proxy or in tests) and carries this session's CSRF token.
 */
export function isTrustedPost(astro: AstroGlobal, visitor: PortfolioVisitor, form: FormData): boolean {
  const origins = [new URL(readSiteEnv().PUBLIC_SITE_URL).origin, astro.url.origin];
  const sameOrigin = origins.some((origin) => isSameOriginPost(astro.request, origin));
  return sameOrigin && isValidCsrfToken(visitor.token, form.get('csrf'));
}

/** What every page under /portfolios/[id] starts from: who is looking, which portfolio, and its address. */
export interface PortfolioPage {
  visitor: PortfolioVisitor;
  /** The portfolio id from the address. */
  id: string;
  /** `/portfolios/<id>`, encoded, for links and redirects. */
  portfolioPath: string;
  portfolio: Portfolio;
}

/**
 * True when the API refused a portfolio call as missing or as another council's: both are shown as the
 * not-found page, so a visitor cannot tell another council's portfolio from one that does not exist.
 */
export function isPortfolioNotFound(error: unknown): boolean {
  return error instanceof ApiProblem && (error.status === 404 || error.status === 403);
}

/**
 * Reads the visitor and loads the portfolio named in the address, or gives the response the page must return
 * instead: the redirect to sign in, or the not-found page. Other API failures are thrown as they are.
 */
export async function loadPortfolioPage(
  astro: AstroGlobal,
): Promise<{ page: PortfolioPage } | { response: Response }> {
  const access = await readPortfolioVisitor(astro);
  if ('redirect' in access) return { response: access.redirect };
  const { visitor } = access;
  const id = astro.params.id ?? '';
  try {
    const portfolio = await getPortfolio(visitor.token, id);
    return { page: { visitor, id, portfolioPath: `/portfolios/${encodeURIComponent(id)}`, portfolio } };
  } catch (error) {
    if (isPortfolioNotFound(error)) return { response: await astro.rewrite('/404') };
    throw error;
  }
}

/** The stored service with this id in the portfolio, or undefined (the page then shows not-found). */
export function findStoredService(portfolio: Portfolio, serviceId: string): StoredService | undefined {
  return (portfolio.services ?? [])
    .map((s) => StoredService.safeParse(s))
    .flatMap((r) => (r.success ? [r.data] : []))
    .find((s) => s.id === serviceId);
}

/**
 * Marks the response 403 and gives the error-summary item for a POST that is not from this site or lacks the
 * session's CSRF token; `href` is the first field of the form, `what` names what was sent ("form", "upload").
 */
export function rejectUntrustedPost(
  astro: AstroGlobal,
  href: string,
  what = 'form',
): { text: string; href: string } {
  astro.response.status = 403;
  return { text: `The ${what} could not be accepted. Reload the page and try again.`, href };
}
