import type { Me } from '@costed/contract';
import type { AstroGlobal } from 'astro';
import { readSiteEnv } from '../env.ts';
import { isSameOriginPost, isValidCsrfToken, readPageSession, signInUrl } from '../lib/session.ts';

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
