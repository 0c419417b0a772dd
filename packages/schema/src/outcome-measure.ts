import { z } from 'zod';
import { BetterDirection, IndicatorId, OutcomeUnit } from './outcome-indicator.ts';
import { Citation } from './source.ts';

export const Observation = z
  .object({
    value: z.number().finite().describe('The measured value, in the measure’s unit.'),
    year: z
      .string()
      .min(4)
      .describe('When it was measured: a year, financial year or date, e.g. "2012" or "2012-13".'),
  })
  .strict()
  .describe('One value of an indicator at one time.');
export type Observation = z.infer<typeof Observation>;

export const OutcomeMeasure = z
  .object({
    indicator: IndicatorId,
    unit: OutcomeUnit,
    betterDirection: BetterDirection,
    baseline: Observation.optional().describe('Value before the change.'),
    followUp: Observation.describe('Value after the change (or the only value reported).'),
    comparator: z
      .object({
        label: z.string().min(3).describe('What the comparison is, e.g. "national average".'),
        value: z.number().finite(),
        year: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('A comparison value, e.g. the national average in the same year.'),
    population: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('How many children or young people the values describe (small counts are flagged).'),
    note: z.string().optional().describe('Anything a reader must know to interpret the figure.'),
    citation: Citation,
  })
  .strict()
  .describe('What happened to one outcome: baseline and follow-up, with a source.');
export type OutcomeMeasure = z.infer<typeof OutcomeMeasure>;
