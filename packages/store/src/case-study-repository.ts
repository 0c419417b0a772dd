import { CaseStudy, type CaseStudyInput, type Status } from '@costed/schema';
import { createAuditRepository } from './audit-repository.ts';
import { hashContent } from './content-hash.ts';
import type { Executor, Row } from './database.ts';
import { inTransaction, toJson } from './executor.ts';
import { createOutboxRepository } from './outbox-repository.ts';
import type { ReadCache } from './read-cache.ts';
import { StoreError } from './store-error.ts';

export const CASE_STUDY_ENTITY = 'case-study';

export interface CaseStudyRecord {
  slug: string;
  status: Status;
  currentVersion: number;
  organisationId: string | null;
  contentHash: string;
  document: CaseStudy;
  createdAt: string;
  updatedAt: string;
}

export interface CaseStudyVersion {
  slug: string;
  version: number;
  document: CaseStudy;
  contentHash: string;
  createdAt: string;
  createdBy: string;
  changeNote: string | null;
}

export interface SaveCaseStudyInput {
  document: CaseStudyInput | CaseStudy;
  actor: string;
  changeNote?: string;
  organisationId?: string | null;
}

export type SaveOutcome = 'created' | 'versioned' | 'unchanged';

export interface SaveCaseStudyResult {
  outcome: SaveOutcome;
  version: number;
  contentHash: string;
}

/**
 * The hash identifies content, not bookkeeping: `version` is assigned by the store, so it is left out.
 * The same text therefore always hashes the same, whichever version number it was stored under.
 */
export function caseStudyContentHash(document: CaseStudy): string {
  const { version: _version, ...content } = document;
  return hashContent(content);
}

export function toCaseStudyRecord(row: Row<'case_studies'>): CaseStudyRecord {
  return {
    slug: row.slug,
    status: row.status,
    currentVersion: row.current_version,
    organisationId: row.organisation_id,
    contentHash: row.content_hash,
    document: row.document as CaseStudy,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCaseStudyVersion(row: Row<'case_study_versions'>): CaseStudyVersion {
  return {
    slug: row.slug,
    version: row.version,
    document: row.document as CaseStudy,
    contentHash: row.content_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    changeNote: row.change_note,
  };
}

/** Case studies: a current row per slug plus immutable versions (the database forbids editing them). */
export interface CaseStudyRepository {
  get(slug: string): Promise<CaseStudyRecord | undefined>;
  list(filter?: { status?: Status; limit?: number; offset?: number }): Promise<CaseStudyRecord[]>;
  versions(slug: string): Promise<CaseStudyVersion[]>;
  getVersion(slug: string, version: number): Promise<CaseStudyVersion | undefined>;
  /**
   * Stores a document: a new slug becomes version 1; changed content becomes the next version (never an
   * overwrite); identical content changes nothing. Each new version writes an audit event and an outbox
   * message in the same transaction.
   */
  save(input: SaveCaseStudyInput): Promise<SaveCaseStudyResult>;
  /** Moves a case study to another status by storing a new version whose document carries it. */
  setStatus(slug: string, status: Status, actor: string, changeNote?: string): Promise<SaveCaseStudyResult>;
  count(): Promise<number>;
}

/** The tables whose writes invalidate the case-study read cache. */
export const CASE_STUDY_TABLES = ['case_studies', 'case_study_versions'] as const;

const uncached: ReadCache['read'] = (_key, load) => load();

/**
 * `cache` is given only for the pool of a store that owns its database alone (see read-cache.ts); a
 * repository bound to a transaction reads through, so it always sees its own writes.
 */
export function createCaseStudyRepository(db: Executor, cache?: ReadCache): CaseStudyRepository {
  const read: ReadCache['read'] = cache ? (key, load) => cache.read(key, load) : uncached;
  const repository: CaseStudyRepository = {
    get(slug) {
      return read(`get:${slug}`, async () => {
        const row = await db
          .selectFrom('case_studies')
          .selectAll()
          .where('slug', '=', slug)
          .executeTakeFirst();
        return row && toCaseStudyRecord(row);
      });
    },
    // Lists are not cached: they can hold every case study, and they serve batch work, not page views.
    async list(filter = {}) {
      let query = db.selectFrom('case_studies').selectAll().orderBy('slug');
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.limit !== undefined) query = query.limit(filter.limit);
      if (filter.offset !== undefined) query = query.offset(filter.offset);
      return (await query.execute()).map(toCaseStudyRecord);
    },
    versions(slug) {
      return read(`versions:${slug}`, async () => {
        const rows = await db
          .selectFrom('case_study_versions')
          .selectAll()
          .where('slug', '=', slug)
          .orderBy('version')
          .execute();
        return rows.map(toCaseStudyVersion);
      });
    },
    async getVersion(slug, version) {
      const row = await db
        .selectFrom('case_study_versions')
        .selectAll()
        .where('slug', '=', slug)
        .where('version', '=', version)
        .executeTakeFirst();
      return row && toCaseStudyVersion(row);
    },
    async save(input) {
      const parsed = CaseStudy.safeParse(input.document);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
        throw new StoreError(
          'INVALID_DOCUMENT',
          `The case study is not valid and was not saved: ${details.join('; ')}. Correct the document and save again.`,
          { details },
        );
      }
      return inTransaction(db, (tx) => writeCaseStudy(tx, parsed.data, input));
    },
    async setStatus(slug, status, actor, changeNote) {
      return inTransaction(db, async (tx) => {
        const current = await tx
          .selectFrom('case_studies')
          .selectAll()
          .where('slug', '=', slug)
          .forUpdate()
          .executeTakeFirst();
        if (!current) {
          throw new StoreError(
            'NOT_FOUND',
            `No case study has the slug "${slug}". Check the slug and try again.`,
          );
        }
        const document = { ...(current.document as CaseStudy), status };
        return writeCaseStudy(tx, document, {
          actor,
          changeNote: changeNote ?? `Status set to ${status}`,
          organisationId: current.organisation_id,
        });
      });
    },
    async count() {
      const row = await db
        .selectFrom('case_studies')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
  return repository;
}

/** Writes one case study inside an open transaction (see `save`). Exported for seeding. */
export async function writeCaseStudy(
  tx: Executor,
  parsed: CaseStudy,
  input: Omit<SaveCaseStudyInput, 'document'>,
): Promise<SaveCaseStudyResult> {
  const contentHash = caseStudyContentHash(parsed);
  const current = await tx
    .selectFrom('case_studies')
    .select(['current_version', 'content_hash', 'document', 'organisation_id'])
    .where('slug', '=', parsed.slug)
    .forUpdate()
    .executeTakeFirst();
  if (current?.content_hash === contentHash) {
    return { outcome: 'unchanged', version: current.current_version, contentHash };
  }
  const version = current ? current.current_version + 1 : 1;
  const document: CaseStudy = { ...parsed, version };
  const json = toJson(document);
  const now = new Date().toISOString();
  if (current) {
    await tx
      .updateTable('case_studies')
      .set({
        status: document.status,
        current_version: version,
        content_hash: contentHash,
        document: json,
        updated_at: now,
        ...(input.organisationId !== undefined ? { organisation_id: input.organisationId } : {}),
      })
      .where('slug', '=', parsed.slug)
      .execute();
  } else {
    await tx
      .insertInto('case_studies')
      .values({
        slug: parsed.slug,
        status: document.status,
        current_version: version,
        organisation_id: input.organisationId ?? null,
        content_hash: contentHash,
        document: json,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await tx
    .insertInto('case_study_versions')
    .values({
      slug: parsed.slug,
      version,
      document: json,
      content_hash: contentHash,
      created_at: now,
      created_by: input.actor,
      change_note: input.changeNote ?? null,
    })
    .execute();
  await createAuditRepository(tx).append({
    actor: input.actor,
    action: current ? 'case-study.version' : 'case-study.create',
    entityType: CASE_STUDY_ENTITY,
    entityId: parsed.slug,
    before: current ? { version: current.current_version, contentHash: current.content_hash } : undefined,
    after: { version, contentHash, status: document.status, changeNote: input.changeNote ?? null },
  });
  await createOutboxRepository(tx).enqueue({
    entity: CASE_STUDY_ENTITY,
    entityId: parsed.slug,
    version,
    // Only published case studies are searchable; any other status removes it from derived stores.
    op: document.status === 'published' ? 'upsert' : 'delete',
    payload: document.status === 'published' ? document : { slug: parsed.slug },
  });
  return { outcome: current ? 'versioned' : 'created', version, contentHash };
}
