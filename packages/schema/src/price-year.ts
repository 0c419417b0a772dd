import { z } from 'zod';

/**
 * A price year: a UK financial year (`2012-13`, April to March) or a calendar year (`2012`).
 * The second half of a financial year must be the year after the first: `2012-14` is an error, and so is
 * `1999-01`-style wrap mistakes other than the real `1999-00`.
 */
export const FINANCIAL_YEAR_PATTERN = /^(\d{4})-(\d{2})$/;
export const CALENDAR_YEAR_PATTERN = /^(\d{4})$/;

export const PriceYear = z
  .string()
  .describe(
    'Price year of a money figure: a UK financial year written `YYYY-YY` (e.g. `2012-13`) or a calendar year `YYYY` (e.g. `2012`).',
  )
  .superRefine((value, ctx) => {
    const fy = FINANCIAL_YEAR_PATTERN.exec(value);
    if (fy) {
      const start = Number(fy[1]);
      const end = Number(fy[2]);
      if ((start + 1) % 100 !== end) {
        const expected = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a financial year: the second part must be the year after the first (did you mean "${expected}"?)`,
        });
      }
      return;
    }
    if (CALENDAR_YEAR_PATTERN.test(value)) return;
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a price year: write a financial year as "2012-13" or a calendar year as "2012"`,
    });
  });
export type PriceYear = z.infer<typeof PriceYear>;

export type PriceYearKind = 'financial' | 'calendar';

/** Which series a price year belongs to (financial-year or calendar-year deflators). */
export function priceYearKind(year: PriceYear): PriceYearKind {
  return FINANCIAL_YEAR_PATTERN.test(year) ? 'financial' : 'calendar';
}

/** The first calendar year of a price year: `2012-13` → 2012, `2012` → 2012. */
export function priceYearStart(year: PriceYear): number {
  return Number(year.slice(0, 4));
}

/** The financial year that starts in the given calendar year: 2012 → `2012-13`. */
export function financialYearStartingIn(startYear: number): PriceYear {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}
