import { z } from 'zod';

export const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'A source id is lower-case letters, digits and hyphens, e.g. "nlgn-2015"')
  .describe('Identifier of a source within its case study (lower-case, hyphenated).');
export type SourceId = z.infer<typeof SourceId>;

/** A document a figure comes from. */
export const Source = z
  .object({
    id: SourceId,
    title: z.string().min(1).describe('Title of the article, report or dataset.'),
    publisher: z.string().min(1).describe('Who published it (organisation or publication).'),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Write a date as YYYY, YYYY-MM or YYYY-MM-DD')
      .optional()
      .describe('Publication date as YYYY, YYYY-MM or YYYY-MM-DD, as precisely as known.'),
    dateIsApproximate: z
      .boolean()
      .optional()
      .describe('True where the date is inferred (e.g. "c. 2011") rather than printed on the source.'),
    url: z.url().optional().describe('Where the source can be read, if it is online.'),
    file: z
      .string()
      .optional()
      .describe(
        'File name of a stored copy (for the seed set, the seed article file, e.g. `003_f3d28fbed78ee01d.txt`).',
      ),
    kind: z
      .enum(['article', 'report', 'evaluation', 'dataset', 'statistics', 'submission', 'other'])
      .default('article')
      .describe('What sort of document it is.'),
  })
  .strict()
  .describe('A document that figures in a case study come from.');
export type Source = z.infer<typeof Source>;

/** Every figure points at a source and quotes the sentence it was read from. */
export const Citation = z
  .object({
    source: SourceId.describe('The `id` of a source listed in the case study.'),
    quote: z
      .string()
      .min(10, 'Quote the sentence the figure was read from (at least 10 characters)')
      .describe('The sentence from the source that states the figure, quoted exactly.'),
    locator: z.string().optional().describe('Where in the source, e.g. a page, section or paragraph.'),
  })
  .strict()
  .describe('Where a figure comes from: a source id and the quoted sentence.');
export type Citation = z.infer<typeof Citation>;
