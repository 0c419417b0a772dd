import {
  CaseStudy,
  Council,
  DeflatorSeries,
  DiscountSchedule,
  OutcomeIndicator,
  Role,
  Status,
  SynonymGroup,
  UnitCost,
} from '@costed/schema';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from './database.ts';
import { toJson } from './executor.ts';
import {
  createReferenceRepository,
  REFERENCE_SET_NAMES,
  writeReferenceRows,
} from './reference-repository.ts';
import { StoreError } from './store-error.ts';

/*
 * The whole store as JSON Lines: one record per line, each with a `type`. Records come in an order that
 * satisfies foreign keys, each table sorted by its key, and every value is read back from the database,
 * so export → import into an empty store → export gives byte-identical output.
 */

export const JSONL_FORMAT = 'costed-store';
export const JSONL_FORMAT_VERSION = 1;

export interface TransferProgress {
  phase: 'export' | 'read' | 'write';
  /** Records handled so far in this phase. */
  records: number;
  /** Records in the phase, where known. */
  total?: number;
}
export type OnTransferProgress = (progress: TransferProgress) => void;

const Timestamp = z.iso.datetime();
const Json = z.custom<unknown>((v) => v !== undefined, 'Required');
const JsonObject = z.record(z.string(), z.unknown());
const Text = z.string().min(1);

const Header = z
  .object({
    type: z.literal('header'),
    format: z.literal(JSONL_FORMAT),
    formatVersion: z.literal(JSONL_FORMAT_VERSION),
  })
  .strict();
const OrganisationRecord = z
  .object({
    type: z.literal('organisation'),
    id: Text,
    name: Text,
    kind: z.enum(['council', 'sector-body', 'other']),
    gssCode: z.string().nullable(),
    createdAt: Timestamp,
  })
  .strict();
const MemberRecord = z
  .object({ type: z.literal('member'), userId: Text, organisationId: Text, role: Role, createdAt: Timestamp })
  .strict();
const ReferenceSetRecord = z
  .object({
    type: z.literal('reference-set'),
    name: z.enum(REFERENCE_SET_NAMES),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    loadedAt: Timestamp,
    document: Json.nullable(),
  })
  .strict();
const valueRecord = <T extends string, S extends z.ZodType>(type: T, schema: S) =>
  z.object({ type: z.literal(type), value: schema }).strict();
const DeflatorSeriesRecord = valueRecord('deflator-series', DeflatorSeries);
const DiscountScheduleRecord = valueRecord('discount-schedule', DiscountSchedule);
const UnitCostRecord = valueRecord('unit-cost', UnitCost);
const CouncilRecord = valueRecord('council', Council);
const IndicatorRecord = valueRecord('indicator', OutcomeIndicator);
const SynonymGroupRecord = valueRecord('synonym-group', SynonymGroup);
const CaseStudyRecordLine = z
  .object({
    type: z.literal('case-study'),
    slug: Text,
    status: Status,
    currentVersion: z.number().int().positive(),
    organisationId: z.string().nullable(),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    document: CaseStudy,
  })
  .strict();
const CaseStudyVersionLine = z
  .object({
    type: z.literal('case-study-version'),
    slug: Text,
    version: z.number().int().positive(),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: Timestamp,
    createdBy: Text,
    changeNote: z.string().nullable(),
    document: CaseStudy,
  })
  .strict();
const SubmissionLine = z
  .object({
    type: z.literal('submission'),
    id: z.uuid(),
    organisationId: Text,
    authorId: Text,
    status: Status,
    targetSlug: z.string().nullable(),
    version: z.number().int().positive(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    document: JsonObject,
  })
  .strict();
const ReviewEventLine = z
  .object({
    type: z.literal('review-event'),
    id: z.number().int().positive(),
    submissionId: z.uuid(),
    actor: Text,
    action: z.enum(['submit', 'request-changes', 'return-to-draft', 'publish', 'withdraw', 'comment']),
    comment: z.string().nullable(),
    createdAt: Timestamp,
  })
  .strict();
const PortfolioLine = z
  .object({
    type: z.literal('portfolio'),
    id: z.uuid(),
    organisationId: Text,
    name: Text,
    thresholds: Json,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
const PortfolioServiceLine = z
  .object({
    type: z.literal('portfolio-service'),
    id: z.uuid(),
    portfolioId: z.uuid(),
    position: z.number().int().nonnegative(),
    name: Text,
    provider: z.string().nullable(),
    annualCostPence: z.number().int().nullable(),
    annualCostPriceYear: z.string().nullable(),
    contractEnd: z.iso.date().nullable(),
    cohort: z.string().nullable(),
    participantsPerYear: z.number().int().nullable(),
    indicators: z.array(z.unknown()),
    evidenceLevel: z.number().int().min(0).max(4).nullable(),
    caseStudySlugs: z.array(z.string()),
    /** The whole service as the council described it (a PortfolioService); null for rows older than 0003. */
    document: Json.nullable(),
  })
  .strict();
const PortfolioDecisionLine = z
  .object({
    type: z.literal('portfolio-decision'),
    id: z.number().int().positive(),
    portfolioId: z.uuid(),
    organisationId: Text,
    serviceId: Text,
    decision: Text,
    rationale: Text,
    decidedBy: Text,
    decidedOn: z.string(),
    recommendation: z.string().nullable(),
    reviewedOn: z.string().nullable(),
    actor: Text,
    createdAt: Timestamp,
  })
  .strict();
const AuditLine = z
  .object({
    type: z.literal('audit'),
    id: z.number().int().positive(),
    at: Timestamp,
    actor: Text,
    action: Text,
    entityType: Text,
    entityId: Text,
    before: Json.nullable(),
    after: Json.nullable(),
  })
  .strict();
const OutboxLine = z
  .object({
    type: z.literal('outbox'),
    id: z.number().int().positive(),
    entity: Text,
    entityId: Text,
    version: z.number().int().positive(),
    op: z.enum(['upsert', 'delete']),
    payload: Json,
    createdAt: Timestamp,
    attempts: z.number().int().nonnegative(),
    availableAt: Timestamp,
    processedAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
  })
  .strict();

/** Every record a line may hold. */
export const JsonlRecord = z.discriminatedUnion('type', [
  Header,
  OrganisationRecord,
  MemberRecord,
  ReferenceSetRecord,
  DeflatorSeriesRecord,
  DiscountScheduleRecord,
  UnitCostRecord,
  CouncilRecord,
  IndicatorRecord,
  SynonymGroupRecord,
  CaseStudyRecordLine,
  CaseStudyVersionLine,
  SubmissionLine,
  ReviewEventLine,
  PortfolioLine,
  PortfolioServiceLine,
  PortfolioDecisionLine,
  AuditLine,
  OutboxLine,
]);
export type JsonlRecord = z.infer<typeof JsonlRecord>;
type RecordOf<T extends JsonlRecord['type']> = Extract<JsonlRecord, { type: T }>;

/** Writes the whole store as JSON Lines; `write` gets one record per call, without a trailing newline. */
export async function exportAll(
  store: { db: Executor },
  write: (line: string) => void,
  onProgress?: OnTransferProgress,
): Promise<{ records: number }> {
  // One snapshot, so the file is consistent even while the API keeps writing.
  const run = async (db: Executor) => {
    let records = 0;
    const emit = (record: JsonlRecord) => {
      write(JSON.stringify(record));
      records++;
      if (onProgress && records % 500 === 0) onProgress({ phase: 'export', records });
    };
    emit({ type: 'header', format: JSONL_FORMAT, formatVersion: JSONL_FORMAT_VERSION });
    for (const r of await db.selectFrom('organisations').selectAll().orderBy('id').execute()) {
      emit({
        type: 'organisation',
        id: r.id,
        name: r.name,
        kind: r.kind,
        gssCode: r.gss_code,
        createdAt: r.created_at,
      });
    }
    for (const r of await db
      .selectFrom('members')
      .selectAll()
      .orderBy('organisation_id')
      .orderBy('user_id')
      .execute()) {
      emit({
        type: 'member',
        userId: r.user_id,
        organisationId: r.organisation_id,
        role: r.role,
        createdAt: r.created_at,
      });
    }
    for (const r of await db.selectFrom('reference_sets').selectAll().orderBy('name').execute()) {
      emit({
        type: 'reference-set',
        name: r.name as RecordOf<'reference-set'>['name'],
        contentHash: r.content_hash,
        loadedAt: r.loaded_at,
        document: r.document,
      });
    }
    const reference = createReferenceRepository(db);
    for (const value of await reference.deflatorSeries()) emit({ type: 'deflator-series', value });
    for (const value of await reference.discountSchedules()) emit({ type: 'discount-schedule', value });
    for (const value of await reference.unitCosts()) emit({ type: 'unit-cost', value });
    for (const value of await reference.councils()) emit({ type: 'council', value });
    for (const value of await reference.indicators()) emit({ type: 'indicator', value });
    for (const value of await reference.synonyms()) emit({ type: 'synonym-group', value });
    for (const r of await db.selectFrom('case_studies').selectAll().orderBy('slug').execute()) {
      emit({
        type: 'case-study',
        slug: r.slug,
        status: r.status,
        currentVersion: r.current_version,
        organisationId: r.organisation_id,
        contentHash: r.content_hash,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        document: r.document as CaseStudy,
      });
    }
    for (const r of await db
      .selectFrom('case_study_versions')
      .selectAll()
      .orderBy('slug')
      .orderBy('version')
      .execute()) {
      emit({
        type: 'case-study-version',
        slug: r.slug,
        version: r.version,
        contentHash: r.content_hash,
        createdAt: r.created_at,
        createdBy: r.created_by,
        changeNote: r.change_note,
        document: r.document as CaseStudy,
      });
    }
    for (const r of await db.selectFrom('submissions').selectAll().orderBy('id').execute()) {
      emit({
        type: 'submission',
        id: r.id,
        organisationId: r.organisation_id,
        authorId: r.author_id,
        status: r.status,
        targetSlug: r.target_slug,
        version: r.version,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        document: r.document as Record<string, unknown>,
      });
    }
    for (const r of await db.selectFrom('review_events').selectAll().orderBy('id').execute()) {
      emit({
        type: 'review-event',
        id: r.id,
        submissionId: r.submission_id,
        actor: r.actor,
        action: r.action,
        comment: r.comment,
        createdAt: r.created_at,
      });
    }
    for (const r of await db.selectFrom('portfolios').selectAll().orderBy('id').execute()) {
      emit({
        type: 'portfolio',
        id: r.id,
        organisationId: r.organisation_id,
        name: r.name,
        thresholds: r.thresholds,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      });
    }
    for (const r of await db
      .selectFrom('portfolio_services')
      .selectAll()
      .orderBy('portfolio_id')
      .orderBy('position')
      .execute()) {
      emit({
        type: 'portfolio-service',
        id: r.id,
        portfolioId: r.portfolio_id,
        position: r.position,
        name: r.name,
        provider: r.provider,
        annualCostPence: r.annual_cost_pence,
        annualCostPriceYear: r.annual_cost_price_year,
        contractEnd: r.contract_end,
        cohort: r.cohort,
        participantsPerYear: r.participants_per_year,
        indicators: r.indicators as unknown[],
        evidenceLevel: r.evidence_level,
        caseStudySlugs: r.case_study_slugs as string[],
        document: r.document ?? null,
      });
    }
    for (const r of await db.selectFrom('portfolio_decisions').selectAll().orderBy('id').execute()) {
      emit({
        type: 'portfolio-decision',
        id: r.id,
        portfolioId: r.portfolio_id,
        organisationId: r.organisation_id,
        serviceId: r.service_id,
        decision: r.decision,
        rationale: r.rationale,
        decidedBy: r.decided_by,
        decidedOn: r.decided_on,
        recommendation: r.recommendation,
        reviewedOn: r.reviewed_on,
        actor: r.actor,
        createdAt: r.created_at,
      });
    }
    for (const r of await db.selectFrom('audit_log').selectAll().orderBy('id').execute()) {
      emit({
        type: 'audit',
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
      });
    }
    for (const r of await db.selectFrom('outbox').selectAll().orderBy('id').execute()) {
      emit({
        type: 'outbox',
        id: r.id,
        entity: r.entity,
        entityId: r.entity_id,
        version: r.version,
        op: r.op,
        payload: r.payload,
        createdAt: r.created_at,
        attempts: r.attempts,
        availableAt: r.available_at,
        processedAt: r.processed_at,
        lastError: r.last_error,
      });
    }
    onProgress?.({ phase: 'export', records, total: records });
    return { records };
  };
  if (store.db.isTransaction) return run(store.db);
  return store.db.transaction().setIsolationLevel('repeatable read').execute(run);
}

function issueLine(line: number, path: readonly PropertyKey[], message: string): string {
  return `line ${line}: ${path.map(String).join('.') || '(record)'}: ${message}`;
}

/**
 * Reads a JSON Lines export into an empty store. Every line is validated before anything is written
 * (problems are reported as `line N: path: message`); then all records are written in one transaction.
 */
export async function importAll(
  store: { db: Executor },
  lines: AsyncIterable<string> | Iterable<string>,
  onProgress?: OnTransferProgress,
): Promise<{ records: number }> {
  const problems: string[] = [];
  const records: { line: number; record: JsonlRecord; raw: Record<string, unknown> }[] = [];
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      problems.push(
        issueLine(lineNumber, [], `not JSON (${error instanceof Error ? error.message : String(error)})`),
      );
      continue;
    }
    const parsed = JsonlRecord.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(issueLine(lineNumber, issue.path, issue.message));
      continue;
    }
    if (records.length === 0 && parsed.data.type !== 'header') {
      problems.push(
        issueLine(lineNumber, ['type'], `the first record must be the header, found "${parsed.data.type}"`),
      );
    }
    // Write what was read, not zod's output: defaults added on parse would change the data.
    records.push({ line: lineNumber, record: parsed.data, raw: raw as Record<string, unknown> });
    if (onProgress && records.length % 500 === 0) onProgress({ phase: 'read', records: records.length });
  }
  if (lineNumber === 0) problems.push('line 1: (record): the file is empty; expected a header record');
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    throw new StoreError(
      'IMPORT_INVALID',
      `Nothing was imported: ${problems.length} problem(s) found (${shown}${problems.length > 5 ? '; …' : ''}). Fix the file and import again.`,
      { details: problems },
    );
  }
  onProgress?.({ phase: 'read', records: records.length, total: records.length });

  const run = async (tx: Executor) => {
    await assertEmpty(tx);
    const byType = new Map<string, Record<string, unknown>[]>();
    for (const { raw } of records) {
      const type = raw.type as string;
      const list = byType.get(type) ?? [];
      list.push(raw);
      byType.set(type, list);
    }
    let written = 0;
    const total = records.length;
    const insert = async <T extends keyof Database>(table: T, rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i += 200) {
        await tx
          .insertInto(table)
          .values(rows.slice(i, i + 200) as never) // rows are built from validated records, table by table
          .execute();
        written += Math.min(200, rows.length - i);
        onProgress?.({ phase: 'write', records: written, total });
      }
    };
    const of = (type: string) => byType.get(type) ?? [];
    written++; // the header
    await insert(
      'organisations',
      of('organisation').map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        gss_code: r.gssCode,
        created_at: r.createdAt,
      })),
    );
    await insert(
      'members',
      of('member').map((r) => ({
        user_id: r.userId,
        organisation_id: r.organisationId,
        role: r.role,
        created_at: r.createdAt,
      })),
    );
    await insert(
      'reference_sets',
      of('reference-set').map((r) => ({
        name: r.name,
        content_hash: r.contentHash,
        loaded_at: r.loadedAt,
        document: r.document === null ? null : toJson(r.document),
      })),
    );
    const values = (type: string) => of(type).map((r) => r.value);
    await writeReferenceRows(tx, 'deflators', values('deflator-series') as DeflatorSeries[]);
    await writeReferenceRows(tx, 'discount-schedules', values('discount-schedule') as DiscountSchedule[]);
    await writeReferenceRows(tx, 'unit-costs', values('unit-cost') as UnitCost[]);
    await writeReferenceRows(tx, 'councils', values('council') as Council[]);
    await writeReferenceRows(tx, 'indicators', values('indicator') as OutcomeIndicator[]);
    await writeReferenceRows(tx, 'synonyms', values('synonym-group') as SynonymGroup[]);
    written += [
      'deflator-series',
      'discount-schedule',
      'unit-cost',
      'council',
      'indicator',
      'synonym-group',
    ].reduce((n, t) => n + of(t).length, 0);
    await insert(
      'case_studies',
      of('case-study').map((r) => ({
        slug: r.slug,
        status: r.status,
        current_version: r.currentVersion,
        organisation_id: r.organisationId,
        content_hash: r.contentHash,
        document: toJson(r.document),
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })),
    );
    await insert(
      'case_study_versions',
      of('case-study-version').map((r) => ({
        slug: r.slug,
        version: r.version,
        document: toJson(r.document),
        content_hash: r.contentHash,
        created_at: r.createdAt,
        created_by: r.createdBy,
        change_note: r.changeNote,
      })),
    );
    await insert(
      'submissions',
      of('submission').map((r) => ({
        id: r.id,
        organisation_id: r.organisationId,
        author_id: r.authorId,
        status: r.status,
        document: toJson(r.document),
        target_slug: r.targetSlug,
        version: r.version,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })),
    );
    await insert(
      'review_events',
      of('review-event').map((r) => ({
        id: r.id,
        submission_id: r.submissionId,
        actor: r.actor,
        action: r.action,
        comment: r.comment,
        created_at: r.createdAt,
      })),
    );
    await insert(
      'portfolios',
      of('portfolio').map((r) => ({
        id: r.id,
        organisation_id: r.organisationId,
        name: r.name,
        thresholds: toJson(r.thresholds),
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })),
    );
    await insert(
      'portfolio_services',
      of('portfolio-service').map((r) => ({
        id: r.id,
        portfolio_id: r.portfolioId,
        position: r.position,
        name: r.name,
        provider: r.provider,
        annual_cost_pence: r.annualCostPence,
        annual_cost_price_year: r.annualCostPriceYear,
        contract_end: r.contractEnd,
        cohort: r.cohort,
        participants_per_year: r.participantsPerYear,
        indicators: toJson(r.indicators),
        evidence_level: r.evidenceLevel,
        case_study_slugs: toJson(r.caseStudySlugs),
        document: r.document === null ? null : toJson(r.document),
      })),
    );
    await insert(
      'portfolio_decisions',
      of('portfolio-decision').map((r) => ({
        id: r.id,
        portfolio_id: r.portfolioId,
        organisation_id: r.organisationId,
        service_id: r.serviceId,
        decision: r.decision,
        rationale: r.rationale,
        decided_by: r.decidedBy,
        decided_on: r.decidedOn,
        recommendation: r.recommendation,
        reviewed_on: r.reviewedOn,
        actor: r.actor,
        created_at: r.createdAt,
      })),
    );
    await insert(
      'audit_log',
      of('audit').map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity_type: r.entityType,
        entity_id: r.entityId,
        before: r.before === null ? null : toJson(r.before),
        after: r.after === null ? null : toJson(r.after),
      })),
    );
    await insert(
      'outbox',
      of('outbox').map((r) => ({
        id: r.id,
        entity: r.entity,
        entity_id: r.entityId,
        version: r.version,
        op: r.op,
        payload: toJson(r.payload),
        created_at: r.createdAt,
        attempts: r.attempts,
        available_at: r.availableAt,
        processed_at: r.processedAt,
        last_error: r.lastError,
      })),
    );
    // Explicit ids were written: move the sequences past them so new rows do not collide.
    for (const table of ['audit_log', 'outbox', 'review_events', 'portfolio_decisions'] as const) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
        tx,
      );
    }
    onProgress?.({ phase: 'write', records: total, total });
    return { records: total };
  };
  try {
    return store.db.isTransaction ? await run(store.db) : await store.db.transaction().execute(run);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      'IMPORT_INVALID',
      `Nothing was imported: the database refused the records (${message}). The file is valid line by line but inconsistent (e.g. a version without its case study); export it again from the source store.`,
      { cause: error, details: [message] },
    );
  }
}

async function assertEmpty(tx: Executor): Promise<void> {
  const checks = [
    'organisations',
    'reference_sets',
    'case_studies',
    'submissions',
    'portfolios',
    'audit_log',
    'outbox',
  ] as const;
  for (const table of checks) {
    const row = await tx.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
    if (row) {
      throw new StoreError(
        'IMPORT_TARGET_NOT_EMPTY',
        `Nothing was imported: the target store already has data (table ${table} is not empty). Import into a new, empty store (a fresh data directory or database).`,
      );
    }
  }
}
