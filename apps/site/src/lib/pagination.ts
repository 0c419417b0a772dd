/** A page number, or a gap between page numbers. */
export type PageItem = number | 'ellipsis';

/**
 * The page numbers to show, following the GOV.UK pagination pattern: always the first and last page, the
 * current page and its neighbours, and an ellipsis for each gap of two or more pages (a gap of one shows the page).
 */
export function buildPageItems(page: number, pageCount: number): PageItem[] {
  if (pageCount < 1) return [];
  const current = Math.min(Math.max(1, Math.trunc(page)), pageCount);
  const wanted = new Set(
    [1, current - 1, current, current + 1, pageCount].filter((n) => n >= 1 && n <= pageCount),
  );
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: PageItem[] = [];
  let previous = 0;
  for (const n of sorted) {
    if (n - previous === 2) items.push(n - 1);
    else if (n - previous > 2) items.push('ellipsis');
    items.push(n);
    previous = n;
  }
  return items;
}
