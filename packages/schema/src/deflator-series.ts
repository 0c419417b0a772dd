import { z } from 'zod';
import { PriceYear } from './price-year.ts';

export const DeflatorPoint = z
  .object({
    year: PriceYear,
    index: z.number().positive().describe('GDP deflator index in this year (base year = 100).'),
    status: z.enum(['outturn', 'forecast']).describe('Outturn (measured) or forecast (OBR, chained by HMT).'),
  })
  .strict();
export type DeflatorPoint = z.infer<typeof DeflatorPoint>;

export const DeflatorSeries = z
  .object({
    id: z.string().min(1).describe('Identifier, e.g. "hmt-gdp-deflator-fy-2026-03".'),
    kind: z.enum(['financial', 'calendar']).describe('Financial years (2012-13) or calendar years (2012).'),
    release: z
      .string()
      .min(1)
      .describe('The HMT release the figures come from, recorded on every converted figure.'),
    base: PriceYear.describe('The year whose index is 100.'),
    sourceUrl: z.url(),
    points: z.array(DeflatorPoint).min(2),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.points.forEach((p, i) => {
      if (seen.has(p.year))
        ctx.addIssue({ code: 'custom', path: ['points', i, 'year'], message: `Duplicate year ${p.year}` });
      seen.add(p.year);
      const financial = /-/.test(p.year);
      if (financial !== (s.kind === 'financial')) {
        ctx.addIssue({
          code: 'custom',
          path: ['points', i, 'year'],
          message: `${p.year} is not a ${s.kind} year`,
        });
      }
    });
  })
  .describe('An HM Treasury GDP deflator series from one release.');
export type DeflatorSeries = z.infer<typeof DeflatorSeries>;
