import { Status } from '@costed/schema';
import { z } from 'zod';

/** Where a submission is in the workflow: draft → submitted → changes requested → published → withdrawn. */
export const SubmissionStatus = Status;
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/**
 * What the personal-data guard (@costed/privacy) found in a submission. Restated here rather than imported so
 * clients do not load the scanners; the API serialises its scan result through this schema, so the compiler
 * checks the two agree.
 */
export const PersonalDataFinding = z
  .object({
    kind: z
      .enum(['postcode', 'nhs-number', 'ni-number', 'phone', 'email', 'date-of-birth', 'named-child'])
      .describe('What kind of personal data was found.'),
    start: z.number().int().nonnegative().describe('Offset of the first character (UTF-16 code units).'),
    end: z.number().int().nonnegative().describe('Offset just past the last character.'),
    match: z.string().describe('The matched text, masked for display, e.g. "SW1A ***".'),
    reason: z.string().min(10).describe('Plain sentence: what was found and why it is refused.'),
    confidence: z.number().min(0).max(1).describe('How sure the scanner is that this is personal data.'),
    pointer: z.string().describe('JSON pointer (RFC 6901) to the field, e.g. "/outcomes/0/note".'),
    path: z.string().describe('Dotted path to the field, e.g. "outcomes.0.note".'),
  })
  .describe('A finding in one string field of a document.');
export type PersonalDataFinding = z.infer<typeof PersonalDataFinding>;

export const SmallCountFlag = z
  .object({
    pointer: z.string().describe('JSON pointer to the small count, e.g. "/outcomes/2/population".'),
    path: z.string().describe('Dotted path to the small count, e.g. "outcomes.2.population".'),
    value: z.number().describe('The count that is under the threshold.'),
    threshold: z.number().int().positive().describe('Counts under this are flagged.'),
    reason: z.string().min(10),
  })
  .describe('A warning for the curator: a count small enough to risk identifying children.');
export type SmallCountFlag = z.infer<typeof SmallCountFlag>;

export const ScanResult = z
  .object({
    ok: z.boolean().describe('True when no personal data was found (small counts do not make it false).'),
    findings: z.array(PersonalDataFinding),
    smallCounts: z.array(SmallCountFlag),
  })
  .describe('What the personal-data guard found in a submission.');
export type ScanResult = z.infer<typeof ScanResult>;

/** POST/PATCH /v1/submissions…: a submission with its draft document. */
export const Submission = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    authorId: z.string().describe('User id, or "api-key:<id>" for an organisation API key.'),
    status: SubmissionStatus,
    document: z.record(z.string(), z.unknown()).describe('The draft as its author left it.'),
    targetSlug: z.string().nullable().describe('The published case study this submission updates, if any.'),
    version: z.number().int().describe('Bumped on every change; send it back as expectedVersion.'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('A submission: a draft case study on its way through review.');
export type Submission = z.infer<typeof Submission>;

export const SubmissionSummary = Submission.omit({ document: true })
  .extend({
    title: z.string().nullable().describe('The draft title, when it has one.'),
    slug: z.string().nullable().describe('The draft slug, when it has one.'),
  })
  .describe('A submission without its document.');
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

/** GET /v1/submissions */
export const SubmissionsResponse = z.object({ submissions: z.array(SubmissionSummary) });
export type SubmissionsResponse = z.infer<typeof SubmissionsResponse>;

/** GET /v1/submissions/:id */
export const SubmissionWithScan = Submission.extend({ scan: ScanResult }).describe(
  'A submission with what the personal-data guard finds in it now (findings refuse, small counts warn).',
);
export type SubmissionWithScan = z.infer<typeof SubmissionWithScan>;

/** GET /v1/review-queue */
export const ReviewQueueResponse = z.object({ submissions: z.array(SubmissionWithScan) });
export type ReviewQueueResponse = z.infer<typeof ReviewQueueResponse>;

export const ReviewEvent = z
  .object({
    id: z.number().int(),
    action: z.enum(['submit', 'request-changes', 'return-to-draft', 'publish', 'withdraw', 'comment']),
    actor: z.string(),
    comment: z
      .string()
      .nullable()
      .describe('Comments on a field start with its path, e.g. "costs.0.money: give a price year".'),
    createdAt: z.string(),
  })
  .describe('One step in a submission’s review.');
export type ReviewEvent = z.infer<typeof ReviewEvent>;

/** GET /v1/submissions/:id/events */
export const ReviewEventsResponse = z.object({ events: z.array(ReviewEvent) });
export type ReviewEventsResponse = z.infer<typeof ReviewEventsResponse>;

/** POST /v1/submissions/:id/review */
export const ReviewResult = z.object({
  submission: Submission,
  caseStudy: z
    .object({ slug: z.string(), version: z.number().int() })
    .optional()
    .describe('The published case-study version (publish only).'),
});
export type ReviewResult = z.infer<typeof ReviewResult>;

/** POST /v1/case-studies/:slug/withdraw */
export const WithdrawResult = z.object({
  slug: z.string(),
  status: z.literal('withdrawn'),
  version: z.number().int().describe('The new (withdrawn) version.'),
  reason: z.string(),
  withdrawnSubmissions: z.array(z.string()).describe('Submissions that had published it.'),
});
export type WithdrawResult = z.infer<typeof WithdrawResult>;

/** One entry of the audit log (GET /v1/audit, admins only). */
export const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string().describe('e.g. submission.submit, submission.publish, case-study.withdraw.'),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** GET /v1/audit */
export const AuditResponse = z.object({
  events: z.array(AuditEvent),
  nextBeforeId: z
    .number()
    .int()
    .nullable()
    .describe('Pass as beforeId for the next (older) page; null on the last page.'),
});
export type AuditResponse = z.infer<typeof AuditResponse>;
