import { z } from 'zod';
import { Agency } from './agency.ts';
import { Money } from './money.ts';

export const UnitCost = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('Identifier, e.g. "lac-average-fiscal-per-year".'),
    item: z.string().min(3).describe('What one unit is, in the source’s words.'),
    category: z.string().min(1),
    money: Money.describe('Value of one unit in its original price year.'),
    unit: z.string().min(1).describe('Per what: per year, per week, per case, per hour …'),
    geography: z.string().min(1),
    costType: z
      .enum(['fiscal', 'economic', 'social'])
      .describe('Fiscal (public budgets), economic or social value.'),
    agency: Agency.describe('Whose budget bears the cost (who gains if it is avoided).'),
    cashable: z.boolean().describe('Whether avoiding it releases cash (true) or capacity (false).'),
    sourceName: z.string().min(1),
    sourceReference: z.string().min(1),
    underlyingSource: z.string().optional(),
    confidenceGrade: z
      .string()
      .min(1)
      .describe('Source’s own confidence (e.g. UCD RAG grade) or "secondary quotation".'),
    sourceUrl: z.url(),
    notes: z.string().optional(),
  })
  .strict()
  .describe('The sourced cost of one unit of an outcome or service.');
export type UnitCost = z.infer<typeof UnitCost>;
