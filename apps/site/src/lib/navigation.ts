/** A link in the service navigation. */
export interface NavigationItem {
  text: string;
  href: string;
}

/** The service navigation, in order. Pages come with the API; the links are the site's fixed frame. */
export const SERVICE_NAVIGATION: readonly NavigationItem[] = [
  { text: 'Search', href: '/search' },
  { text: 'Compare', href: '/compare' },
  { text: 'Appraise', href: '/appraise' },
  { text: 'Submit', href: '/submit' },
  { text: 'Review', href: '/review' },
  { text: 'Open data', href: '/open-data' },
  { text: 'Sign in', href: '/sign-in' },
];

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
