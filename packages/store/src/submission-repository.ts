import { randomUUID } from 'node:crypto';
import { CaseStudy, canTransition, STATUS_TRANSITIONS, type Status } from '@costed/schema';
import { createAuditRepository } from './audit-repository.ts';
import { writeCaseStudy } from './case-study-repository.ts';
import type { Executor, Row } from './database.ts';
import { inTransaction, toJson } from './executor.ts';
import { StoreError } from './store-error.ts';

export type ReviewAction = Row<'review_events'>['action'];

export interface Submission {
  id: string;
  organisationId: string;
  authorId: string;
  status: Status;
  /** The draft as the author left it: it need not be a valid case study until it is published. */
  document: Record<string, unknown>;
  targetSlug: string | null;
  /** Bumped on every change, for optimistic concurrency (`expectedVersion`). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewEvent {
  id: number;
  submissionId: string;
  actor: string;
  action: ReviewAction;
  comment: string | null;
  createdAt: string;
}

export function toSubmission(row: Row<'submissions'>): Submission {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    authorId: row.author_id,
    status: row.status,
    document: row.document as Record<string, unknown>,
    targetSlug: row.target_slug,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toReviewEvent(row: Row<'review_events'>): ReviewEvent {
  return {
    id: row.id,
    submissionId: row.submission_id,
    actor: row.actor,
    action: row.action,
    comment: row.comment,
    createdAt: row.created_at,
  };
}

const ACTION_FOR: Record<Status, ReviewAction> = {
  draft: 'return-to-draft',
  submitted: 'submit',
  'changes-requested': 'request-changes',
  published: 'publish',
  withdrawn: 'withdraw',
};

/** Drafts and their review: every transition writes a review event and an audit event in one transaction. */
export interface SubmissionRepository {
  create(input: {
    organisationId: string;
    authorId: string;
    document: Record<string, unknown>;
    targetSlug?: string | null;
  }): Promise<Submission>;
  get(id: string): Promise<Submission | undefined>;
  list(filter?: { organisationId?: string; status?: Status }): Promise<Submission[]>;
  /** Replaces the draft; fails with CONFLICT if someone changed it since `expectedVersion`. */
  updateDraft(
    id: string,
    document: Record<string, unknown>,
    expectedVersion: number,
    actor: string,
  ): Promise<Submission>;
  /**
   * Moves the submission along the workflow (see STATUS_TRANSITIONS). Publishing validates the draft as a
   * case study and stores it as a new case-study version in the same transaction.
   */
  transition(
    id: string,
    input: { to: Status; actor: string; comment?: string; expectedVersion?: number },
  ): Promise<Submission>;
  comment(id: string, actor: string, comment: string): Promise<ReviewEvent>;
  events(id: string): Promise<ReviewEvent[]>;
}

export function createSubmissionRepository(db: Executor): SubmissionRepository {
  async function lock(tx: Executor, id: string): Promise<Row<'submissions'>> {
    const row = await tx
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row)
      throw new StoreError('NOT_FOUND', `No submission has the id ${id}. Check the id and try again.`);
    return row;
  }
  function checkVersion(row: Row<'submissions'>, expected: number | undefined): void {
    if (expected !== undefined && row.version !== expected) {
      throw new StoreError(
        'CONFLICT',
        `Submission ${row.id} changed since you loaded it (now version ${row.version}, you had ${expected}). Reload it and apply your change again.`,
      );
    }
  }

  return {
    async create(input) {
      return inTransaction(db, async (tx) => {
        const now = new Date().toISOString();
        const row = await tx
          .insertInto('submissions')
          .values({
            id: randomUUID(),
            organisation_id: input.organisationId,
            author_id: input.authorId,
            status: 'draft',
            document: toJson(input.document),
            target_slug: input.targetSlug ?? null,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await createAuditRepository(tx).append({
          actor: input.authorId,
          action: 'submission.create',
          entityType: 'submission',
          entityId: row.id,
          after: { organisationId: row.organisation_id, targetSlug: row.target_slug },
        });
        return toSubmission(row);
      });
    },
    async get(id) {
      const row = await db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSubmission(row);
    },
    async list(filter = {}) {
      let query = db.selectFrom('submissions').selectAll().orderBy('created_at').orderBy('id');
      if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
      if (filter.status) query = query.where('status', '=', filter.status);
      return (await query.execute()).map(toSubmission);
    },
    async updateDraft(id, document, expectedVersion, actor) {
      return inTransaction(db, async (tx) => {
        const row = await lock(tx, id);
        checkVersion(row, expectedVersion);
        if (row.status !== 'draft' && row.status !== 'changes-requested') {
          throw new StoreError(
            'CONFLICT',
            `Submission ${id} is ${row.status}; only a draft or one with changes requested can be edited. Return it to draft first.`,
          );
        }
        const updated = await tx
          .updateTable('submissions')
          .set({ document: toJson(document), version: row.version + 1, updated_at: new Date().toISOString() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await createAuditRepository(tx).append({
          actor,
          action: 'submission.edit',
          entityType: 'submission',
          entityId: id,
          before: { version: row.version },
          after: { version: updated.version },
        });
        return toSubmission(updated);
      });
    },
    async transition(id, input) {
      return inTransaction(db, async (tx) => {
        const row = await lock(tx, id);
        checkVersion(row, input.expectedVersion);
        if (!canTransition(row.status, input.to)) {
          const allowed = STATUS_TRANSITIONS[row.status];
          throw new StoreError(
            'CONFLICT',
            `Submission ${id} is ${row.status} and cannot become ${input.to}; from ${row.status} it can become ${allowed.length ? allowed.join(', ') : 'nothing (final)'}.`,
          );
        }
        if (input.to === 'published') {
          const parsed = CaseStudy.safeParse({
            ...(row.document as Record<string, unknown>),
            status: 'published',
          });
          if (!parsed.success) {
            const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
            throw new StoreError(
              'INVALID_DOCUMENT',
              `Submission ${id} is not a valid case study, so it cannot be published: ${details.join('; ')}. Request changes instead.`,
              { details },
            );
          }
          if (row.target_slug && parsed.data.slug !== row.target_slug) {
            throw new StoreError(
              'CONFLICT',
              `Submission ${id} updates "${row.target_slug}" but its document has the slug "${parsed.data.slug}". Make them match.`,
            );
          }
          await writeCaseStudy(tx, parsed.data, {
            actor: input.actor,
            changeNote: input.comment ?? `Published from submission ${id}`,
            organisationId: row.organisation_id,
          });
        }
        const updated = await tx
          .updateTable('submissions')
          .set({ status: input.to, version: row.version + 1, updated_at: new Date().toISOString() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('review_events')
          .values({
            submission_id: id,
            actor: input.actor,
            action: ACTION_FOR[input.to],
            comment: input.comment ?? null,
          })
          .execute();
        await createAuditRepository(tx).append({
          actor: input.actor,
          action: `submission.${ACTION_FOR[input.to]}`,
          entityType: 'submission',
          entityId: id,
          before: { status: row.status },
          after: { status: input.to },
        });
        return toSubmission(updated);
      });
    },
    async comment(id, actor, comment) {
      return inTransaction(db, async (tx) => {
        await lock(tx, id);
        const row = await tx
          .insertInto('review_events')
          .values({ submission_id: id, actor, action: 'comment', comment })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toReviewEvent(row);
      });
    },
    async events(id) {
      const rows = await db
        .selectFrom('review_events')
        .selectAll()
        .where('submission_id', '=', id)
        .orderBy('id')
        .execute();
      return rows.map(toReviewEvent);
    },
  };
}
