import { z } from 'zod';
import { MoneyOrNotReported } from './money.ts';
import { Citation } from './source.ts';

export const CostKind = z
  .enum(['set-up', 'recurring', 'one-off'])
  .describe('set-up (investment before or at launch), recurring (running cost), one-off (a single payment).');
export type CostKind = z.infer<typeof CostKind>;

export const CostBasis = z
  .enum(['total', 'per-year', 'per-participant', 'per-hour'])
  .describe(
    'What the amount covers: the total over the period, one year, one participant, or one hour of service.',
  );
export type CostBasis = z.infer<typeof CostBasis>;

export const CostLine = z
  .object({
    label: z.string().min(3).describe('What the cost is for.'),
    money: MoneyOrNotReported,
    kind: CostKind,
    basis: CostBasis,
    years: z
      .number()
      .positive()
      .optional()
      .describe('Over how many years a `total` runs (e.g. a ten-year contract = 10).'),
    funder: z.string().optional().describe('Who paid, e.g. "DfE Innovation Fund".'),
    isReduction: z
      .boolean()
      .optional()
      .describe('True where the figure is money taken out of a budget (a cut), not money spent.'),
    citation: Citation.optional().describe('Required for a reported amount; optional for "not reported".'),
  })
  .strict()
  .superRefine((line, ctx) => {
    if (!('notReported' in line.money) && !line.citation) {
      ctx.addIssue({ code: 'custom', message: 'A reported cost must cite its source', path: ['citation'] });
    }
  })
  .describe('One line of what an intervention cost.');
export type CostLine = z.infer<typeof CostLine>;
