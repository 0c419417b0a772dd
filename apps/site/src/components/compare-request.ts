/** The most case studies the compare page sets side by side. */
export const MAX_COMPARED = 4;

/** What a request to /compare asks for, read from its query string. */
export interface CompareRequest {
  /** The chosen case studies, in order, as given (blank entries dropped). */
  slugs: string[];
  /**
   * A link with exactly one case study (a case study's "Compare with other case studies"): the page starts
   * a comparison with it selected, without an error.
   */
  starting: boolean;
  /** The user asked for a comparison (a form was sent, or a link named another number of case studies). */
  submitted: boolean;
  /** Why the selection cannot be compared, in the words the error summary shows; undefined when it can. */
  selectionError: string | undefined;
}

/**
 * Reads the compare page's query: `slugs=a,b` (a link), `slugs` repeated (the search page's "Compare
 * selected" form, which also sends `from=search`) and `slug` once per picker (the page's own form), in
 * any mix. Only a plain link with one case study starts a comparison; every form submission is checked,
 * so ticking one result (or none) on the search page is explained, not silently accepted.
 */
export function readCompareRequest(params: URLSearchParams): CompareRequest {
  const slugs = [...params.getAll('slugs').flatMap((value) => value.split(',')), ...params.getAll('slug')]
    .map((s) => s.trim())
    .filter(Boolean);
  const fromSearch = params.get('from') === 'search';
  const starting = !fromSearch && !params.has('slug') && slugs.length === 1;
  const submitted = !starting && (params.has('slugs') || params.has('slug') || fromSearch);
  return { slugs, starting, submitted, selectionError: submitted ? checkSelection(slugs) : undefined };
}

function checkSelection(slugs: readonly string[]): string | undefined {
  if (slugs.length === 0) return 'Select at least 2 case studies to compare';
  if (slugs.length === 1) return 'Select at least 2 case studies to compare: you selected 1';
  if (slugs.length > MAX_COMPARED) {
    return `Select at most ${MAX_COMPARED} case studies to compare: you selected ${slugs.length}`;
  }
  if (new Set(slugs).size !== slugs.length) return 'Select each case study only once';
  return undefined;
}
