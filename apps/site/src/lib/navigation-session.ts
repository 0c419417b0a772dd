import type { AstroCookies } from 'astro';
import type { NavigationUser } from './navigation.ts';
import { csrfTokenFor, readMe, readSessionToken } from './session.ts';

/** Who the header shows as signed in, and the CSRF token its sign-out form carries. */
export interface NavigationSession {
  user: NavigationUser;
  csrf: string;
}

type ReadMe = (apiUrl: string, token: string) => Promise<NavigationUser | undefined>;

/**
 * The signed-in user for the layout's header, or undefined. It never throws and never changes cookies:
 * the header must not break a page (the API may be down, or the session revoked, and the page itself
 * decides what to do about that) and it renders after the response has started, when cookies are fixed.
 */
export async function readNavigationSession(
  cookies: AstroCookies,
  apiUrl: string,
  read: ReadMe = readMe,
): Promise<NavigationSession | undefined> {
  const token = readSessionToken(cookies);
  if (!token) return undefined;
  try {
    const user = await read(apiUrl, token);
    return user ? { user, csrf: csrfTokenFor(token) } : undefined;
  } catch {
    return undefined;
  }
}
