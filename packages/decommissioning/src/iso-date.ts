import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 2025-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

export const IsoDate = z
  .string()
  .refine(isIsoDate, 'Write the date as YYYY-MM-DD, e.g. 2026-03-31')
  .describe('A calendar date, YYYY-MM-DD.');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * The date `months` calendar months after `date`, clamped to the month's last day (2025-01-31 + 1 month is
 * 2025-02-28), so a window never silently spills into the month after.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
