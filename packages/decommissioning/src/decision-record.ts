import { z } from 'zod';
import { IsoDate } from './iso-date.ts';
import { Recommendation } from './recommendation.ts';

export const Decision = z
  .enum(['keep', 'change', 'decommission', 'evaluate'])
  .describe(
    'What the commissioner decided: keep, change (redesign or re-specify), decommission, or evaluate first.',
  );
export type Decision = z.infer<typeof Decision>;

/** Long enough that a rationale has to say why, short of an essay. */
export const MIN_RATIONALE_LENGTH = 40;

/**
 * A commissioner's decision about one service. The review only recommends; this is the decision, made and
 * signed by a person, which the API audits. Recording the recommendation beside it shows where people
 * departed from the rules, which is expected and is why the rationale is required.
 */
export const DecisionRecord = z
  .object({
    serviceId: z.string().min(1).describe('The service decided about.'),
    decision: Decision,
    rationale: z
      .string()
      .trim()
      .min(
        MIN_RATIONALE_LENGTH,
        `Explain the decision in at least ${MIN_RATIONALE_LENGTH} characters: what evidence it rests on and why`,
      )
      .max(10_000),
    decidedBy: z.string().trim().min(1).describe('Who decided (name and role, or user id).'),
    decidedOn: IsoDate.describe('When, YYYY-MM-DD.'),
    recommendation: Recommendation.optional().describe('What the review recommended, if one was run.'),
    reviewedOn: IsoDate.optional().describe('The date of the review the decision considered.'),
  })
  .strict()
  .describe('A decision about one service, with its rationale.');
export type DecisionRecord = z.output<typeof DecisionRecord>;
export type DecisionRecordInput = z.input<typeof DecisionRecord>;
