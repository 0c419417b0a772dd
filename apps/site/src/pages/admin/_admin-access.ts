import type { AstroGlobal } from 'astro';
import { readSiteEnv } from '../../env.ts';
import {
  type PageSession,
  readCheckedForm,
  readPageSession,
  SiteError,
  signInUrl,
} from '../../lib/session.ts';

/** How an administration page calls the API: as the signed-in administrator. */
export interface AdminApi {
  baseUrl: string;
  token: string;
}

/**
 * Who may see an administration page, and the options to call the API as them. Signed out: the sign-in page, coming back here afterwards (as every
 * protected page does). Signed in but not an administrator: the site's not-found page, so the pages do not
 * announce that they exist.
 */
export async function readAdminSession(
  astro: AstroGlobal,
): Promise<{ session: PageSession; api: AdminApi } | { response: Response }> {
  const baseUrl = readSiteEnv().API_URL;
  const session = await readPageSession(astro, baseUrl);
  if (!session) return { response: astro.redirect(signInUrl(astro.url.pathname + astro.url.search), 303) };
  if (session.me.role !== 'admin') return { response: await astro.rewrite('/404') };
  return { session, api: { baseUrl, token: session.token } };
}

/** The posted form of an administration page, or the 403 answer when it fails the origin or CSRF check. */
export async function readAdminForm(
  astro: AstroGlobal,
  session: PageSession,
): Promise<{ form: FormData } | { response: Response }> {
  try {
    return { form: await readCheckedForm(astro, session, readSiteEnv().PUBLIC_SITE_URL) };
  } catch (error) {
    if (error instanceof SiteError) return { response: new Response(error.message, { status: 403 }) };
    throw error;
  }
}
