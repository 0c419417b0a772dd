import { z } from 'zod';

export const StudyDesign = z
  .enum([
    'descriptive-case-study',
    'before-after',
    'comparison-group',
    'quasi-experimental',
    'randomised-trial',
    'systematic-review',
  ])
  .describe('How the effect was studied, weakest to strongest.');
export type StudyDesign = z.infer<typeof StudyDesign>;

export const Independence = z
  .enum(['independent', 'commissioned-independent', 'internal', 'unknown'])
  .describe(
    'Who evaluated: an independent body on its own account; an independent body commissioned by the council or provider; the council or provider itself; or not known.',
  );
export type Independence = z.infer<typeof Independence>;

/**
 * "Not evaluated" is a different fact from "evaluated – no effect": absence of evidence is never shown as
 * evidence of absence.
 */
export const EvidenceResult = z
  .enum([
    'not-evaluated',
    'evaluated-positive',
    'evaluated-mixed',
    'evaluated-no-effect',
    'evaluated-harmful',
  ])
  .describe(
    'What the evaluation found. `not-evaluated` (nobody has tested it) is distinct from `evaluated-no-effect` (tested, and no effect was found).',
  );
export type EvidenceResult = z.infer<typeof EvidenceResult>;

export const EvidenceLevel = z
  .number()
  .int()
  .min(0)
  .max(4)
  .describe(
    'Costed evidence level 0–4 (definitions in EVIDENCE_LEVELS; mapped to EIF levels and the Maryland scale).',
  );
export type EvidenceLevel = z.infer<typeof EvidenceLevel>;

export interface EvidenceLevelDefinition {
  level: EvidenceLevel;
  name: string;
  definition: string;
  /** The nearest EIF Guidebook evidence level. */
  eif: string;
  /** The nearest Maryland Scientific Methods Scale level. */
  maryland: string;
}

/** Written definitions of each level, shown wherever a level is shown. */
export const EVIDENCE_LEVELS: readonly EvidenceLevelDefinition[] = [
  {
    level: 0,
    name: 'Described',
    definition:
      'The change is described (what was done, what it cost or what happened) but nothing was measured against a baseline.',
    eif: 'NL2 or below (not yet level 2)',
    maryland: 'Below SMS 1',
  },
  {
    level: 1,
    name: 'Before and after',
    definition:
      'An outcome was measured before and after the change in the same area, with no comparison group: change may have other causes.',
    eif: 'Level 2 (preliminary evidence)',
    maryland: 'SMS 1–2',
  },
  {
    level: 2,
    name: 'Compared',
    definition:
      'Outcomes were compared with a comparison group or benchmark (e.g. national averages, similar councils) that was not matched statistically.',
    eif: 'Level 2+',
    maryland: 'SMS 3',
  },
  {
    level: 3,
    name: 'Robust comparison',
    definition:
      'A quasi-experimental design with a well-matched comparison group (e.g. propensity-score matching, difference-in-differences) found the effect.',
    eif: 'Level 3 (efficacy)',
    maryland: 'SMS 4',
  },
  {
    level: 4,
    name: 'Trial or review',
    definition:
      'At least one randomised trial, or a systematic review of robust studies, found the effect; ideally replicated in England.',
    eif: 'Level 4 (effectiveness)',
    maryland: 'SMS 5',
  },
];

export const EvidenceAssessment = z
  .object({
    design: StudyDesign,
    evaluator: z
      .string()
      .nullable()
      .describe('Who evaluated, e.g. "University Campus Suffolk"; null where nobody did.'),
    independence: Independence,
    level: EvidenceLevel,
    result: EvidenceResult,
    rationale: z.string().min(10).describe('Why this level and result, in plain words.'),
    assessedBy: z.string().min(1).describe('Who made this assessment (curator or organisation).'),
    assessedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD')
      .describe('When, YYYY-MM-DD.'),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.result === 'not-evaluated' && a.level > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: 'A case study that was not evaluated cannot have an evidence level above 1',
      });
    }
    if (
      a.result === 'not-evaluated' &&
      (a.design === 'randomised-trial' || a.design === 'systematic-review')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['result'],
        message: 'A randomised trial or systematic review is an evaluation: choose an evaluated result',
      });
    }
  })
  .describe('How strong the evidence is, and what it found.');
export type EvidenceAssessment = z.infer<typeof EvidenceAssessment>;

export const EVIDENCE_RESULT_LABELS: Record<EvidenceResult, string> = {
  'not-evaluated': 'Not evaluated',
  'evaluated-positive': 'Evaluated – positive',
  'evaluated-mixed': 'Evaluated – mixed',
  'evaluated-no-effect': 'Evaluated – no effect',
  'evaluated-harmful': 'Evaluated – harmful',
};
