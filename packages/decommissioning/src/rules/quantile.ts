/**
 * The p-th percentile by linear interpolation between closest ranks (Hyndman & Fan type 7, the method of
 * Excel's PERCENTILE.INC and QUARTILE.INC), so commissioners can reproduce it in a spreadsheet.
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
