import type { SubmissionSummary, Submission as SubmissionView, SubmissionWithScan } from '@costed/contract';
import { CaseStudy, EvidenceAssessment, STATUS_TRANSITIONS, type Status } from '@costed/schema';
import {
  type AuditEvent,
  isStoreError,
  type ReviewEvent,
  type Store,
  type Submission,
  type TransactionScope,
  toAuditEvent,
} from '@costed/store';
import type { OutboxWorker } from '@costed/sync';
import { z } from 'zod';
import { ApiError, type FieldError } from '../errors.ts';
import { isCurator, organisationsOf, type Principal } from '../lib/access.ts';
import { assertNoPersonalData, scanSubmission } from './personal-data.ts';

/**
 * The submission and curation workflow: draft → submitted → changes requested → published → withdrawn.
 * Routes call these functions; they check ownership, run the personal-data guard before anything is written,
 * turn store errors into API errors, and keep search in step after anything that changes what is published.
 */
export interface WorkflowDeps {
  store: Store;
  worker: Pick<OutboxWorker, 'drainNow'>;
}

// ---------------------------------------------------------------------------------------------------------
// Schemas (the contract the routes declare, and so what OpenAPI documents)

/** Fields the workflow owns: an author cannot set them in a draft. */
const WORKFLOW_FIELDS = new Set(['status', 'version']);

type AnySchema = z.ZodType & { def: { type: string; innerType?: AnySchema } };

/** The JSON type of a case-study field, without its rules: a draft may be half written. */
function looseField(schema: AnySchema): z.ZodType {
  let s = schema;
  while (
    (s.def.type === 'default' || s.def.type === 'optional' || s.def.type === 'nullable') &&
    s.def.innerType
  )
    s = s.def.innerType;
  switch (s.def.type) {
    case 'string':
    case 'enum':
      return z.string();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'array':
      return z.array(z.unknown());
    case 'object':
      return z.record(z.string(), z.unknown());
    default:
      return z.unknown();
  }
}

/**
 * A draft case study: any subset of the case study's fields, each of the right JSON type, and no unknown
 * field (a misspelt name is caught while drafting rather than at submission). Full validation runs on submit
 * and on publish. Derived from `CaseStudy` so the two never drift apart.
 */
export const DraftDocument = z
  .object(
    Object.fromEntries(
      Object.entries(CaseStudy.shape)
        .filter(([key]) => !WORKFLOW_FIELDS.has(key))
        .map(([key, schema]) => [
          key,
          looseField(schema as unknown as AnySchema)
            .optional()
            .describe((schema as z.ZodType).description ?? key),
        ]),
    ),
  )
  .strict()
  .describe(
    'A draft case study: any of the case-study fields (status and version are set by the workflow). Checked fully on submit.',
  );
export type DraftDocument = Record<string, unknown>;

export const ReviewComment = z
  .object({
    path: z
      .string()
      .max(300)
      .optional()
      .describe('The document field the comment is about, e.g. "costs.0.money.priceYear".'),
    message: z.string().trim().min(1).max(5000),
  })
  .strict();

export const ReviewAction = z
  .discriminatedUnion('action', [
    z
      .object({
        action: z.literal('request-changes'),
        comments: z.array(ReviewComment).min(1).max(200),
        expectedVersion: z.number().int().positive().optional(),
      })
      .strict()
      .describe('Send it back to the council with comments; it becomes changes-requested.'),
    z
      .object({
        action: z.literal('publish'),
        evidence: EvidenceAssessment,
        changeNote: z.string().trim().min(1).max(1000).optional(),
        expectedVersion: z.number().int().positive().optional(),
      })
      .strict()
      .describe(
        'Set the evidence assessment and publish as a case-study version (a new case study, or the next version of targetSlug).',
      ),
    z
      .object({
        action: z.literal('reject'),
        reason: z.string().trim().min(5).max(5000),
        expectedVersion: z.number().int().positive().optional(),
      })
      .strict()
      .describe(
        'Reject: the submission goes back to draft (it is not deleted) with the reason recorded as a review event.',
      ),
  ])
  .describe('What the curator decides.');
export type ReviewAction = z.infer<typeof ReviewAction>;

export const AuditQuery = z
  .object({
    entityType: z.string().min(1).max(100).optional().describe('e.g. submission, case-study, api-key.'),
    entityId: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    beforeId: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe('Only events older than this id (the previous page’s nextBeforeId).'),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** Who a principal is in review events and the audit log. */
export function actorOf(principal: Principal): string {
  if (principal.kind === 'user') return principal.userId;
  if (principal.kind === 'api-key') return `api-key:${principal.keyId}`;
  throw new ApiError('unauthenticated', 'Sign in, or send an organisation API key in the x-api-key header.');
}

function toView(s: Submission): SubmissionView {
  return { ...s, document: s.document };
}

function toSummary(s: Submission): SubmissionSummary {
  const { document, ...rest } = s;
  return {
    ...rest,
    title: typeof document.title === 'string' ? document.title : null,
    slug: typeof document.slug === 'string' ? document.slug : null,
  };
}

function notFound(id: string): ApiError {
  return new ApiError(
    'not-found',
    `No submission ${id} that you can see. Check the id, or list your submissions at /v1/submissions.`,
  );
}

function invalidTransition(what: string, status: Status, allowedFrom: readonly Status[]): ApiError {
  const next = STATUS_TRANSITIONS[status];
  return new ApiError(
    'invalid-transition',
    `Cannot ${what}: the submission is ${status}, and this is allowed only from ${allowedFrom.join(' or ')}. From ${status} it can become ${next.length > 0 ? next.join(', ') : 'nothing (final)'}.`,
    { extensions: { currentStatus: status, allowedFrom } },
  );
}

/** Store errors the client can cause become API errors; anything else is ours and stays a 500. */
function mapStoreError(error: unknown): never {
  if (isStoreError(error, 'NOT_FOUND')) throw new ApiError('not-found', error.message);
  if (isStoreError(error, 'CONFLICT')) throw new ApiError('conflict', error.message);
  if (isStoreError(error, 'INVALID_DOCUMENT')) {
    throw new ApiError('unprocessable', error.message, {
      errors: error.details.map((d) => {
        const at = d.indexOf(': ');
        return { path: `document.${d.slice(0, at)}`, message: d.slice(at + 2) };
      }),
    });
  }
  throw error;
}

async function storeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return mapStoreError(error);
  }
}

/** A submission the principal may see: their organisation's, or any for a curator. Others get 404, not 403. */
async function visibleSubmission(
  store: Pick<Store, 'submissions'>,
  principal: Principal,
  id: string,
): Promise<Submission> {
  const submission = await store.submissions.get(id);
  if (!submission) throw notFound(id);
  if (organisationsOf(principal).includes(submission.organisationId) || isCurator(principal))
    return submission;
  throw notFound(id);
}

/** A submission the principal may change: their own organisation's only (curators review, they do not edit). */
async function ownSubmission(
  store: Pick<Store, 'submissions'>,
  principal: Principal,
  id: string,
): Promise<Submission> {
  const submission = await visibleSubmission(store, principal, id);
  if (!organisationsOf(principal).includes(submission.organisationId)) {
    throw new ApiError(
      'forbidden',
      `Only members of ${submission.organisationId} can change this submission. Curators ask for changes with POST /v1/submissions/${id}/review.`,
    );
  }
  return submission;
}

/**
 * An evidence assessment that passes validation, used only while checking a submission that has none yet:
 * the curator sets the real one when publishing, so its absence must not fail the council's submission.
 */
const EVIDENCE_STAND_IN = {
  design: 'descriptive-case-study',
  evaluator: null,
  independence: 'unknown',
  level: 0,
  result: 'not-evaluated',
  rationale: 'Set by the curator on publication.',
  assessedBy: 'curator',
  assessedOn: '2000-01-01',
} as const;

/**
 * The full case-study check, with every failing field as a `document.…` path. Also checks the slug: an
 * update must keep its target's slug; a new case study must not take an existing one's.
 */
async function caseStudyErrors(
  scope: Pick<Store, 'caseStudies'>,
  submission: Pick<Submission, 'document' | 'targetSlug'>,
  options: { evidenceRequired: boolean },
): Promise<FieldError[]> {
  const document = submission.document;
  const candidate = {
    ...document,
    ...(document.evidence === undefined && !options.evidenceRequired ? { evidence: EVIDENCE_STAND_IN } : {}),
    status: 'published',
  };
  const parsed = CaseStudy.safeParse(candidate);
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: ['document', ...issue.path.map(String)].join('.'),
        message: issue.message,
        code: issue.code,
      }));
  const slug = typeof document.slug === 'string' ? document.slug : undefined;
  if (slug && !errors.some((e) => e.path === 'document.slug')) {
    if (submission.targetSlug) {
      if (slug !== submission.targetSlug)
        errors.push({
          path: 'document.slug',
          message: `This submission updates "${submission.targetSlug}", so its slug must stay "${submission.targetSlug}".`,
        });
    } else if (await scope.caseStudies.get(slug)) {
      errors.push({
        path: 'document.slug',
        message: `The slug "${slug}" is already a case study. Choose another slug, or create the submission with targetSlug "${slug}" to update it.`,
      });
    }
  }
  return errors;
}

function assertValid(errors: FieldError[], what: string): void {
  if (errors.length === 0) return;
  throw new ApiError(
    'unprocessable',
    `The case study is not complete enough to ${what}: ${errors.length} field(s) need attention (${errors
      .map((e) => e.path)
      .join(', ')}). Correct them with PATCH and try again.`,
    { errors },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Council members

export interface CreateSubmissionInput {
  organisationId?: string | undefined;
  document: DraftDocument;
  targetSlug?: string | undefined;
}

/** Creates a draft for one of the caller's organisations; nothing is written if it holds personal data. */
export async function createSubmission(
  deps: WorkflowDeps,
  principal: Principal,
  input: CreateSubmissionInput,
): Promise<SubmissionView> {
  const actor = actorOf(principal);
  const mine = organisationsOf(principal);
  let organisationId = input.organisationId;
  if (organisationId === undefined) {
    if (mine.length === 0)
      throw new ApiError(
        'forbidden',
        'You are not a member of any organisation, so there is nobody to submit for.',
      );
    if (mine.length > 1) {
      throw new ApiError(
        'validation-failed',
        'You belong to several organisations: say which one this is for.',
        {
          errors: [{ path: 'body.organisationId', message: `Name one of: ${mine.join(', ')}.` }],
        },
      );
    }
    organisationId = mine[0] as string;
  } else if (!mine.includes(organisationId)) {
    throw new ApiError(
      'forbidden',
      `You are not a member of organisation "${organisationId}"; you can submit for ${mine.join(', ') || 'no organisation'}.`,
    );
  }

  assertNoPersonalData(input.document, 'body.document');

  const document: DraftDocument = { ...input.document };
  if (input.targetSlug) {
    const target = await deps.store.caseStudies.get(input.targetSlug);
    if (!target) {
      throw new ApiError('validation-failed', `There is no case study "${input.targetSlug}" to update.`, {
        errors: [
          {
            path: 'body.targetSlug',
            message: 'No case study has this slug; leave targetSlug out to propose a new case study.',
          },
        ],
      });
    }
    if (target.organisationId && target.organisationId !== organisationId) {
      throw new ApiError(
        'forbidden',
        `"${input.targetSlug}" belongs to another organisation; only its own organisation can submit an update.`,
      );
    }
    if (document.slug === undefined) document.slug = input.targetSlug;
  }

  const created = await storeCall(() =>
    deps.store.submissions.create({
      organisationId: organisationId as string,
      authorId: actor,
      document,
      targetSlug: input.targetSlug ?? null,
    }),
  );
  return toView(created);
}

/** The caller's organisations' submissions; curators see every organisation's. Oldest first. */
export async function listSubmissions(
  deps: WorkflowDeps,
  principal: Principal,
  filter: { status?: Status | undefined; organisationId?: string | undefined },
): Promise<SubmissionSummary[]> {
  const status = filter.status ? { status: filter.status } : {};
  if (isCurator(principal)) {
    const rows = await deps.store.submissions.list({
      ...status,
      ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    });
    return rows.map(toSummary);
  }
  const mine = organisationsOf(principal);
  // Another organisation's filter shows nothing rather than an error, so it reveals nothing either.
  const wanted = filter.organisationId ? mine.filter((o) => o === filter.organisationId) : mine;
  const lists = await Promise.all(
    wanted.map((organisationId) => deps.store.submissions.list({ organisationId, ...status })),
  );
  return lists
    .flat()
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map(toSummary);
}

/** One submission with its current scan result; another organisation's is 404. */
export async function getSubmission(
  deps: WorkflowDeps,
  principal: Principal,
  id: string,
): Promise<SubmissionWithScan> {
  const submission = await visibleSubmission(deps.store, principal, id);
  return { ...toView(submission), scan: scanSubmission(submission.document) };
}

/** Replaces a draft (draft or changes-requested only); `expectedVersion` guards against lost updates. */
export async function updateSubmission(
  deps: WorkflowDeps,
  principal: Principal,
  id: string,
  input: { document: DraftDocument; expectedVersion: number },
): Promise<SubmissionView> {
  const actor = actorOf(principal);
  const submission = await ownSubmission(deps.store, principal, id);
  if (submission.status !== 'draft' && submission.status !== 'changes-requested') {
    throw invalidTransition('edit it', submission.status, ['draft', 'changes-requested']);
  }
  assertNoPersonalData(input.document, 'body.document');
  const document: DraftDocument = { ...input.document };
  if (submission.targetSlug && document.slug === undefined) document.slug = submission.targetSlug;
  const updated = await storeCall(() =>
    deps.store.submissions.updateDraft(id, document, input.expectedVersion, actor),
  );
  return toView(updated);
}

/** Sends a draft for review: the full case-study check and the personal-data scan must both pass. */
export async function submitSubmission(
  deps: WorkflowDeps,
  principal: Principal,
  id: string,
  input: { expectedVersion?: number | undefined },
): Promise<SubmissionView> {
  const actor = actorOf(principal);
  const submission = await ownSubmission(deps.store, principal, id);
  if (submission.status !== 'draft' && submission.status !== 'changes-requested') {
    throw invalidTransition('submit it', submission.status, ['draft', 'changes-requested']);
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== submission.version) {
    throw new ApiError(
      'conflict',
      `Submission ${id} changed since you loaded it (now version ${submission.version}, you had ${input.expectedVersion}). Reload it and check before submitting.`,
    );
  }
  assertNoPersonalData(submission.document, 'document');
  assertValid(await caseStudyErrors(deps.store, submission, { evidenceRequired: false }), 'submit');
  const updated = await storeCall(() =>
    deps.store.submissions.transition(id, {
      to: 'submitted',
      actor,
      expectedVersion: submission.version,
    }),
  );
  return toView(updated);
}

/** The review history of a submission the caller may see. */
export async function submissionEvents(
  deps: WorkflowDeps,
  principal: Principal,
  id: string,
): Promise<ReviewEvent[]> {
  await visibleSubmission(deps.store, principal, id);
  return deps.store.submissions.events(id);
}

// ---------------------------------------------------------------------------------------------------------
// Curators

/** Submitted work waiting for a curator, longest-waiting first, each with its scan result and small-count flags. */
export async function reviewQueue(deps: WorkflowDeps): Promise<SubmissionWithScan[]> {
  const submitted = await deps.store.submissions.list({ status: 'submitted' });
  // updatedAt is when it was submitted: a submitted draft cannot be edited until a curator sends it back.
  return submitted
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id))
    .map((s) => ({ ...toView(s), scan: scanSubmission(s.document) }));
}

export interface ReviewOutcome {
  submission: SubmissionView;
  caseStudy?: { slug: string; version: number };
}

function checkExpected(submission: Submission, expected: number | undefined): void {
  if (expected !== undefined && expected !== submission.version) {
    throw new ApiError(
      'conflict',
      `Submission ${submission.id} changed since you loaded it (now version ${submission.version}, you had ${expected}). Reload it and review again.`,
    );
  }
}

async function lockedSubmission(scope: TransactionScope, id: string): Promise<Submission> {
  // Row lock: two curators deciding at once are serialised, and the second sees the first's outcome.
  const row = await scope.db
    .selectFrom('submissions')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  const submission = row && (await scope.submissions.get(id));
  if (!submission) throw notFound(id);
  return submission;
}

/** Applies a curator's decision; every step writes review events and audit events in one transaction. */
export async function reviewSubmission(
  deps: WorkflowDeps,
  principal: Principal,
  id: string,
  action: ReviewAction,
): Promise<ReviewOutcome> {
  const actor = actorOf(principal);
  // Curators' own words are guarded too: a comment must not carry a child's details back into the record.
  if (action.action === 'request-changes') assertNoPersonalData(action.comments, 'body.comments');
  if (action.action === 'reject') assertNoPersonalData(action.reason, 'body.reason');
  if (action.action === 'publish') {
    assertNoPersonalData(action.evidence, 'body.evidence');
    if (action.changeNote) assertNoPersonalData(action.changeNote, 'body.changeNote');
  }

  const outcome = await storeCall(() =>
    deps.store.transaction(async (scope): Promise<ReviewOutcome> => {
      const submission = await lockedSubmission(scope, id);
      checkExpected(submission, action.expectedVersion);

      if (action.action === 'request-changes') {
        if (submission.status !== 'submitted')
          throw invalidTransition('request changes', submission.status, ['submitted']);
        const updated = await scope.submissions.transition(id, {
          to: 'changes-requested',
          actor,
          comment: `${action.comments.length} change(s) requested`,
        });
        for (const c of action.comments) {
          await scope.submissions.comment(id, actor, c.path ? `${c.path}: ${c.message}` : c.message);
        }
        await scope.audit.append({
          actor,
          action: 'submission.comment',
          entityType: 'submission',
          entityId: id,
          after: { comments: action.comments },
        });
        return { submission: toView(updated) };
      }

      if (action.action === 'reject') {
        if (submission.status !== 'submitted' && submission.status !== 'changes-requested')
          throw invalidTransition('reject it', submission.status, ['submitted', 'changes-requested']);
        const updated = await scope.submissions.transition(id, {
          to: 'draft',
          actor,
          comment: `Rejected: ${action.reason}`,
        });
        return { submission: toView(updated) };
      }

      if (submission.status !== 'submitted')
        throw invalidTransition('publish it', submission.status, ['submitted']);
      const document: DraftDocument = { ...submission.document, evidence: action.evidence };
      assertNoPersonalData(document, 'document');
      assertValid(
        await caseStudyErrors(
          scope,
          { document, targetSlug: submission.targetSlug },
          { evidenceRequired: true },
        ),
        'publish',
      );
      // The store publishes what the submission holds, so the assessment goes into it first (same transaction).
      await scope.db
        .updateTable('submissions')
        .set({ document: JSON.stringify(document) })
        .where('id', '=', id)
        .execute();
      await scope.audit.append({
        actor,
        action: 'submission.assess',
        entityType: 'submission',
        entityId: id,
        before: { evidence: submission.document.evidence ?? null },
        after: { evidence: action.evidence },
      });
      const updated = await scope.submissions.transition(id, {
        to: 'published',
        actor,
        ...(action.changeNote ? { comment: action.changeNote } : {}),
      });
      const slug = document.slug as string;
      const record = await scope.caseStudies.get(slug);
      return { submission: toView(updated), caseStudy: { slug, version: record?.currentVersion ?? 1 } };
    }),
  );
  // Publishing changes what search shows: drain now so a search straight after finds it.
  if (outcome.caseStudy) await deps.worker.drainNow();
  return outcome;
}

export interface WithdrawOutcome {
  slug: string;
  status: 'withdrawn';
  version: number;
  reason: string;
  withdrawnSubmissions: string[];
}

/**
 * Withdraws a published case study: a new version with status withdrawn (earlier versions stay), an audit
 * event with the reason, and the submissions that published it marked withdrawn; search drops it at once.
 */
export async function withdrawCaseStudy(
  deps: WorkflowDeps,
  principal: Principal,
  slug: string,
  reason: string,
): Promise<WithdrawOutcome> {
  const actor = actorOf(principal);
  assertNoPersonalData(reason, 'body.reason');
  const outcome = await storeCall(() =>
    deps.store.transaction(async (scope) => {
      const current = await scope.caseStudies.get(slug);
      if (!current) throw new ApiError('not-found', `No case study "${slug}". Check the slug.`);
      if (current.status !== 'published') {
        throw new ApiError(
          'invalid-transition',
          `Case study "${slug}" is ${current.status}; only a published case study can be withdrawn.`,
          { extensions: { currentStatus: current.status, allowedFrom: ['published'] } },
        );
      }
      const saved = await scope.caseStudies.setStatus(slug, 'withdrawn', actor, `Withdrawn: ${reason}`);
      await scope.audit.append({
        actor,
        action: 'case-study.withdraw',
        entityType: 'case-study',
        entityId: slug,
        before: { status: 'published', version: current.currentVersion },
        after: { status: 'withdrawn', version: saved.version, reason },
      });
      const published = await scope.submissions.list({ status: 'published' });
      const sources = published.filter((s) => (s.targetSlug ?? s.document.slug) === slug);
      for (const s of sources) {
        await scope.submissions.transition(s.id, { to: 'withdrawn', actor, comment: reason });
      }
      return {
        slug,
        status: 'withdrawn' as const,
        version: saved.version,
        reason,
        withdrawnSubmissions: sources.map((s) => s.id),
      };
    }),
  );
  await deps.worker.drainNow();
  return outcome;
}

// ---------------------------------------------------------------------------------------------------------
// Admins

/** The audit log, newest first, filtered; page with `beforeId` = the previous page's `nextBeforeId`. */
export async function listAudit(
  deps: Pick<WorkflowDeps, 'store'>,
  query: AuditQuery,
): Promise<{ events: AuditEvent[]; nextBeforeId: number | null }> {
  let q = deps.store.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
  const rows = (await q.execute()).map(toAuditEvent);
  const events = rows.slice(0, query.limit);
  const last = events[events.length - 1];
  return { events, nextBeforeId: rows.length > query.limit && last ? last.id : null };
}
