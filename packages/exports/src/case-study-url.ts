/** The public page of a case study on the site: `<siteUrl>/case-studies/<slug>`. */
export function caseStudyUrl(siteUrl: string, slug: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/case-studies/${encodeURIComponent(slug)}`;
}
