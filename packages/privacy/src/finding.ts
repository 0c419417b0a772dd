import { z } from 'zod';

export const FindingKind = z
  .enum(['postcode', 'nhs-number', 'ni-number', 'phone', 'email', 'date-of-birth', 'named-child'])
  .describe('What kind of personal data was found.');
export type FindingKind = z.infer<typeof FindingKind>;

export const Finding = z
  .object({
    kind: FindingKind,
    start: z.number().int().nonnegative().describe('Offset of the first character (UTF-16 code units).'),
    end: z.number().int().nonnegative().describe('Offset just past the last character.'),
    match: z.string().describe('The matched text, masked for display, e.g. "SW1A ***".'),
    reason: z.string().min(10).describe('Plain sentence: what was found and why it is refused.'),
    confidence: z.number().min(0).max(1).describe('How sure the scanner is that this is personal data.'),
  })
  .strict()
  .describe('One piece of personal data found in a text.');
export type Finding = z.infer<typeof Finding>;

export const FieldFinding = Finding.extend({
  pointer: z.string().describe('JSON pointer (RFC 6901) to the field, e.g. "/outcomes/0/note".'),
  path: z.string().describe('Dotted path to the field, e.g. "outcomes.0.note".'),
})
  .strict()
  .describe('A finding in one string field of a document.');
export type FieldFinding = z.infer<typeof FieldFinding>;

export const SmallCountFlag = z
  .object({
    pointer: z.string().describe('JSON pointer to the small count, e.g. "/outcomes/2/population".'),
    path: z.string().describe('Dotted path to the small count, e.g. "outcomes.2.population".'),
    value: z.number().describe('The count that is under the threshold.'),
    threshold: z.number().int().positive().describe('Counts under this are flagged.'),
    reason: z.string().min(10),
  })
  .strict()
  .describe('A warning for the curator: a count small enough to risk identifying children.');
export type SmallCountFlag = z.infer<typeof SmallCountFlag>;

export const ScanResult = z
  .object({
    ok: z.boolean().describe('True when no personal data was found (small counts do not make it false).'),
    findings: z.array(FieldFinding),
    smallCounts: z.array(SmallCountFlag),
  })
  .strict()
  .describe('What the personal-data guard found in a submission.');
export type ScanResult = z.infer<typeof ScanResult>;
