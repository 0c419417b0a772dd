import { z } from 'zod';

/** Terms a commissioner may type for the same thing; search treats them as one. */
export const SynonymGroup = z
  .object({
    terms: z
      .array(z.string().min(1))
      .min(2)
      .describe(
        'Equivalent terms; the first is the preferred name shown to users, e.g. ["looked-after children", "LAC", "CLA", "children in care"].',
      ),
    note: z.string().optional().describe('Why these are equivalent, or where the usage comes from.'),
  })
  .strict()
  .describe('A group of equivalent search terms.');
export type SynonymGroup = z.infer<typeof SynonymGroup>;
