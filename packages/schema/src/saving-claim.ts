import { z } from 'zod';
import { Money } from './money.ts';
import { Citation } from './source.ts';

export const SavingClaim = z
  .object({
    label: z.string().min(3).describe('What was saved.'),
    money: Money,
    period: z
      .object({
        from: z.string().describe('Start of the period, e.g. "2010-11".'),
        to: z.string().describe('End of the period, e.g. "2011-12".'),
      })
      .strict()
      .optional()
      .describe('Over what period the saving was made.'),
    cashable: z
      .enum(['cashable', 'non-cashable', 'unknown'])
      .describe(
        'Cashable (money released from a budget), non-cashable (capacity or avoided cost), or unknown.',
      ),
    claimedBy: z.string().min(1).describe('Who claims the saving, e.g. the council or a provider.'),
    verifiedBy: z
      .string()
      .nullable()
      .describe(
        'Who independently verified the claim; null where nobody has (say so rather than leave it blank).',
      ),
    citation: Citation,
  })
  .strict()
  .describe('A claimed saving, with who claims it and who verified it.');
export type SavingClaim = z.infer<typeof SavingClaim>;
