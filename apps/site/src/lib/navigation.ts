/** A link in the service navigation. */
export interface NavigationItem {
  text: string;
  href: string;
}

/**
 * What the navigation needs to know about who is signed in: the fields of the API's `/v1/me` that decide
 * which links a role can use. Kept structural so the navigation does not depend on where the response
 * schema lives.
 */
export interface NavigationUser {
  role: 'public' | 'council-member' | 'curator' | 'admin';
  email?: string | undefined;
  name?: string | undefined;
  organisations: readonly { organisationId: string; role: string }[];
}

/** The header's account area: who is signed in, and the CSRF token its sign-out form posts. */
export interface NavigationAccount {
  /** The name to show ("Signed in as …"): the person's name, else their e-mail address. */
  displayName: string;
  csrf: string;
}

export interface ServiceNavigation {
  items: NavigationItem[];
  /** Present only when someone is signed in. */
  account?: NavigationAccount;
}

const SEARCH: NavigationItem = { text: 'Search', href: '/search' };
const COMPARE: NavigationItem = { text: 'Compare', href: '/compare' };
const APPRAISE: NavigationItem = { text: 'Appraise', href: '/appraise' };
const SUBMIT: NavigationItem = { text: 'Submit', href: '/submit' };
const REVIEW: NavigationItem = { text: 'Review queue', href: '/review' };
const PORTFOLIOS: NavigationItem = { text: 'Portfolios', href: '/portfolios' };
const API_KEYS: NavigationItem = { text: 'API keys', href: '/account/api-keys' };
const ORGANISATIONS: NavigationItem = { text: 'Organisations', href: '/admin/organisations' };
const OPEN_DATA: NavigationItem = { text: 'Open data', href: '/open-data' };
const SIGN_IN: NavigationItem = { text: 'Sign in', href: '/sign-in' };

/**
 * The service navigation of a signed-out visitor, in order. Submit stays because it is how a council
 * officer starts (it leads to sign-in); the review queue, portfolios and API keys appear after sign-in.
 */
export const SERVICE_NAVIGATION: readonly NavigationItem[] = [
  SEARCH,
  COMPARE,
  APPRAISE,
  SUBMIT,
  OPEN_DATA,
  SIGN_IN,
];

/**
 * The navigation for this visitor: everyone gets the public pages; a signed-in user gets the pages their
 * role can use (the API still decides access; a link it would refuse is not shown) and, instead of
 * "Sign in", an account area naming them with a sign-out form.
 */
export function buildServiceNavigation(user: NavigationUser | undefined, csrf?: string): ServiceNavigation {
  if (!user || csrf === undefined) return { items: [...SERVICE_NAVIGATION] };
  const items = [SEARCH, COMPARE, APPRAISE];
  // Council members, curators and admins may submit (the submit page's own rule).
  if (user.role !== 'public') items.push(SUBMIT);
  if (user.role === 'curator' || user.role === 'admin') items.push(REVIEW);
  // Portfolios belong to councils: only a council member has one to open.
  if (user.organisations.some((o) => o.role === 'council-member')) items.push(PORTFOLIOS);
  // API keys belong to an organisation.
  if (user.organisations.length > 0) items.push(API_KEYS);
  // Administrators create organisations and say who belongs to them.
  if (user.role === 'admin') items.push(ORGANISATIONS);
  items.push(OPEN_DATA);
  const displayName = user.name?.trim() || user.email?.trim() || 'your account';
  return { items, account: { displayName, csrf } };
}

/** The navigation item a path belongs to (`/search?q=x` and `/search/saved` both belong to Search). */
export function findActiveItem(
  pathname: string,
  items: readonly NavigationItem[] = SERVICE_NAVIGATION,
): NavigationItem | undefined {
  return items.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
}

/** The document title: "Page – Costed", or "Costed" alone for the home page. */
export function formatPageTitle(title: string | undefined): string {
  const trimmed = title?.trim();
  return trimmed ? `${trimmed} – Costed` : 'Costed';
}
