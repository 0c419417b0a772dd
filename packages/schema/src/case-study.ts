import { z } from 'zod';
import { Cohort } from './cohort.ts';
import { CostLine } from './cost-line.ts';
import { GssCode } from './council.ts';
import { DeliveryModel } from './delivery-model.ts';
import { EvidenceAssessment } from './evidence-assessment.ts';
import { OutcomeMeasure } from './outcome-measure.ts';
import { PolicyStrand } from './policy-strand.ts';
import { SavingClaim } from './saving-claim.ts';
import { ServiceArea } from './service-area.ts';
import { Citation, Source } from './source.ts';
import { Status } from './status.ts';

export const Slug = z
  .string()
  .min(3)
  .max(120)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'A slug is lower-case words joined by single hyphens, e.g. "east-riding-early-help"',
  )
  .describe('URL identifier of the case study (lower-case, hyphenated, unique).');
export type Slug = z.infer<typeof Slug>;

export const Period = z
  .object({
    start: z
      .string()
      .regex(/^\d{4}(-\d{2})?$/, 'Write the start as YYYY or YYYY-MM')
      .describe('When the change began.'),
    end: z
      .string()
      .regex(/^\d{4}(-\d{2})?$/, 'Write the end as YYYY or YYYY-MM')
      .optional()
      .describe('When it ended or was last reported; absent while it continues.'),
  })
  .strict()
  .refine((p) => !p.end || p.end >= p.start, {
    message: 'The end must not be before the start',
    path: ['end'],
  })
  .describe('When the change happened.');
export type Period = z.infer<typeof Period>;

export const Intervention = z
  .object({
    name: z.string().min(2).describe('The model or programme, e.g. "Signs of Safety", "No Wrong Door".'),
    description: z.string().min(10).describe('What was done, in plain words.'),
    branded: z.boolean().default(false).describe('True for a named, licensed or replicable programme.'),
  })
  .strict()
  .describe('What the council changed.');
export type Intervention = z.infer<typeof Intervention>;

export const Licence = z
  .enum(['CC-BY-4.0', 'OGL-UK-3.0', 'CC0-1.0'])
  .describe('Licence of the case-study text and figures as published by Costed.');
export type Licence = z.infer<typeof Licence>;

/** A statement of fact that is not money or an outcome (a date, a count of hubs, a contract length). */
export const KeyFact = z
  .object({
    statement: z.string().min(5).describe('The fact, in plain words.'),
    citation: Citation,
  })
  .strict()
  .describe('A cited fact that is neither a cost nor an outcome.');
export type KeyFact = z.infer<typeof KeyFact>;

const CaseStudyShape = z
  .object({
    slug: Slug,
    title: z.string().min(5).max(200).describe('Headline: council and what changed.'),
    summary: z.string().min(20).max(1200).describe('Two to four sentences in the curator’s own words.'),
    body: z.string().min(20).describe('The full account, in Markdown.'),
    councils: z.array(GssCode).min(1).describe('Councils that made the change, by ONS GSS code.'),
    intervention: Intervention,
    policyStrand: PolicyStrand,
    serviceAreas: z
      .array(ServiceArea)
      .min(1)
      .describe('Children’s-services areas the change touches (at least one).'),
    deliveryModel: DeliveryModel,
    cohort: Cohort,
    period: Period,
    costs: z.array(CostLine).describe('What it cost. Record "not reported" rather than leaving costs out.'),
    savings: z.array(SavingClaim).default([]).describe('Savings claimed.'),
    outcomes: z.array(OutcomeMeasure).default([]).describe('Outcome measures, before and after.'),
    keyFacts: z.array(KeyFact).default([]).describe('Other cited facts.'),
    evidence: EvidenceAssessment,
    sources: z.array(Source).min(1).describe('Every document a figure comes from.'),
    licence: Licence.default('CC-BY-4.0'),
    status: Status.default('published'),
    version: z.number().int().positive().default(1).describe('Version number; each update adds one.'),
    tags: z.array(z.string()).default([]).describe('Free keywords that help search.'),
  })
  .strict();

/** A costed case study of a children’s-services redesign. */
export const CaseStudy = CaseStudyShape.superRefine((cs, ctx) => {
  const ids = new Set<string>();
  cs.sources.forEach((s, i) => {
    if (ids.has(s.id))
      ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `Duplicate source id "${s.id}"` });
    ids.add(s.id);
  });
  const check = (citation: { source: string } | undefined, path: (string | number)[]) => {
    if (citation && !ids.has(citation.source)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'source'],
        message: `Source "${citation.source}" is not listed in sources (known: ${[...ids].join(', ') || 'none'})`,
      });
    }
  };
  for (const [i, c] of cs.costs.entries()) check(c.citation, ['costs', i, 'citation']);
  for (const [i, s] of cs.savings.entries()) check(s.citation, ['savings', i, 'citation']);
  for (const [i, o] of cs.outcomes.entries()) check(o.citation, ['outcomes', i, 'citation']);
  for (const [i, f] of cs.keyFacts.entries()) check(f.citation, ['keyFacts', i, 'citation']);
  if (cs.cohort.size) check(cs.cohort.size.citation, ['cohort', 'size', 'citation']);
}).describe('A costed case study of a children’s-services redesign in England.');
export type CaseStudy = z.infer<typeof CaseStudy>;
/** What an author writes (defaults not yet applied). */
export type CaseStudyInput = z.input<typeof CaseStudy>;
