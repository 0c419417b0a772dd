import { z } from 'zod';

export const DiscountBand = z
  .object({
    fromYear: z.number().int().min(0).describe('First year of the band (year 0 = now).'),
    toYear: z
      .number()
      .int()
      .min(0)
      .nullable()
      .describe('Last year of the band, inclusive; null for "and after".'),
    ratePercent: z.number().min(0).max(100).describe('Annual real discount rate in this band, in percent.'),
  })
  .strict();
export type DiscountBand = z.infer<typeof DiscountBand>;

export const DiscountSchedule = z
  .object({
    id: z
      .enum(['standard', 'health', 'reduced'])
      .describe('Green Book STPR schedule: standard, health, or reduced.'),
    name: z.string().min(1),
    edition: z.string().min(1).describe('Which Green Book edition and source the rates come from.'),
    sourceUrl: z.url(),
    bands: z.array(DiscountBand).min(1),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.bands.forEach((b, i) => {
      const prev = s.bands[i - 1];
      const expectedFrom = prev ? (prev.toYear ?? Number.NaN) + 1 : 0;
      if (b.fromYear !== expectedFrom) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'fromYear'],
          message: `Band must start at year ${expectedFrom}`,
        });
      }
      if (b.toYear === null && i !== s.bands.length - 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'toYear'],
          message: 'Only the last band may be open-ended',
        });
      }
    });
    if (s.bands.at(-1)?.toYear !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands'],
        message: 'The last band must be open-ended (toYear: null)',
      });
    }
  })
  .describe('A Green Book discount schedule: rates by band of years.');
export type DiscountSchedule = z.infer<typeof DiscountSchedule>;
