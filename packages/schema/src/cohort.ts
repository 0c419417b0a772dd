import { z } from 'zod';
import { Citation } from './source.ts';

export const NeedLevel = z
  .enum(['universal', 'targeted', 'specialist', 'statutory'])
  .describe(
    'Level of need served: universal (all children), targeted (emerging needs), specialist (complex needs), statutory (child protection, care, youth justice orders).',
  );
export type NeedLevel = z.infer<typeof NeedLevel>;

export const AgeRange = z
  .object({
    min: z
      .number()
      .int()
      .min(0)
      .max(25)
      .describe('Youngest age served, in years (0 = from birth; pre-birth work is 0).'),
    max: z
      .number()
      .int()
      .min(0)
      .max(25)
      .describe('Oldest age served, in years (care leavers can be up to 25).'),
  })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'The youngest age must not be above the oldest', path: ['min'] })
  .describe('Ages served, in whole years, inclusive.');
export type AgeRange = z.infer<typeof AgeRange>;

export const CohortSize = z
  .object({
    count: z.number().int().positive().describe('How many were served.'),
    unit: z.enum(['children', 'young-people', 'families', 'places', 'schools']).describe('What is counted.'),
    year: z.string().optional().describe('When, as a year or period, e.g. "2014" or "2010-11".'),
    citation: Citation,
  })
  .strict()
  .describe('How many were served, with its source.');
export type CohortSize = z.infer<typeof CohortSize>;

export const Cohort = z
  .object({
    description: z.string().min(3).describe('Who the service is for, in plain words.'),
    ageRange: AgeRange.optional(),
    needLevels: z.array(NeedLevel).min(1).describe('Levels of need served.'),
    size: CohortSize.optional(),
  })
  .strict()
  .describe('Who the intervention serves.');
export type Cohort = z.infer<typeof Cohort>;
