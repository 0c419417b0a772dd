import { CaseStudy } from '@costed/schema';
import { z } from 'zod';
import { MethodStamp, MoneyOut } from './method-stamp.ts';

export const ConvertedFigure = z.object({
  label: z.string(),
  original: MoneyOut.nullable(),
  converted: MoneyOut.nullable(),
  /** Why there is no converted figure ("Not reported: …", or a deflator-series mismatch). */
  note: z.string().nullable(),
});
export type ConvertedFigure = z.infer<typeof ConvertedFigure>;

/** The common evidence level 0–4 with its written definition and the scales it maps to. */
export const EvidenceLevelInfo = z.object({
  level: z.number(),
  name: z.string(),
  definition: z.string(),
  eif: z.string(),
  maryland: z.string(),
});
export type EvidenceLevelInfo = z.infer<typeof EvidenceLevelInfo>;

export const ConvertedCaseStudy = z.object({
  priceYear: z.string(),
  costs: z.array(ConvertedFigure),
  savings: z.array(ConvertedFigure),
  summary: z.object({
    priceYear: z.string(),
    totalPence: z.number().int().nullable(),
    perParticipantPence: z.number().int().nullable(),
    perParticipantBasis: z.string().nullable(),
    notReportedLines: z.number().int(),
    deflatorRelease: z.string().nullable(),
  }),
  stamp: MethodStamp,
});
export type ConvertedCaseStudy = z.infer<typeof ConvertedCaseStudy>;

/** GET /v1/case-studies/:slug */
export const CaseStudyResponse = z.object({
  caseStudy: CaseStudy,
  version: z.number().int(),
  status: z.string(),
  publishedAt: z.string().describe('When this version was published (ISO timestamp).'),
  evidenceLevel: EvidenceLevelInfo.nullable(),
  converted: ConvertedCaseStudy.optional().describe(
    'Present when ?priceYear= is given: every money figure converted, with the method stamp.',
  ),
});
export type CaseStudyResponse = z.infer<typeof CaseStudyResponse>;

export const VersionChange = z.object({
  path: z.string(),
  type: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type VersionChange = z.infer<typeof VersionChange>;

export const VersionEntry = z.object({
  version: z.number().int(),
  status: z.string(),
  createdAt: z.string(),
  changeNote: z.string().nullable(),
  contentHash: z.string(),
  changes: z.array(VersionChange),
});
export type VersionEntry = z.infer<typeof VersionEntry>;

/** GET /v1/case-studies/:slug/versions */
export const VersionsResponse = z.object({ slug: z.string(), versions: z.array(VersionEntry) });
export type VersionsResponse = z.infer<typeof VersionsResponse>;

/** The extensions of the API's 410 problem for a withdrawn case study. */
export const WithdrawnProblem = z.looseObject({
  slug: z.string(),
  withdrawnAt: z.string(),
  reason: z.string(),
  versions: z.string(),
});
export type WithdrawnProblem = z.infer<typeof WithdrawnProblem>;
