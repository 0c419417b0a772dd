import {
  CaseStudy,
  type CaseStudyInput,
  type Council,
  type DeflatorSeries,
  type DiscountSchedule,
  type OutcomeIndicator,
  type SynonymGroup,
  type UnitCost,
} from '@costed/schema';
import { CASE_STUDY_ENTITY, caseStudyContentHash } from './case-study-repository.ts';
import type { Executor, NewRow } from './database.ts';
import { inTransaction, toJson } from './executor.ts';
import {
  createReferenceRepository,
  type ReferenceData,
  type ReferenceSetName,
} from './reference-repository.ts';
import { StoreError } from './store-error.ts';

/**
 * The part of `@costed/evidence`'s `Evidence` that seeding reads, declared structurally so the store
 * does not depend on how evidence is loaded. Single series/schedules are accepted as well as lists.
 */
export interface SeedEvidence {
  caseStudies: readonly { value: CaseStudyInput | CaseStudy; file?: string; line?: number }[];
  councils?: readonly Council[];
  deflators?: DeflatorSeries | readonly DeflatorSeries[];
  discountSchedules?: DiscountSchedule | readonly DiscountSchedule[];
  unitCosts?: readonly UnitCost[];
  indicators?: readonly OutcomeIndicator[];
  synonyms?: readonly SynonymGroup[];
  optimismBias?: unknown;
}

export interface SeedResult {
  created: number;
  versioned: number;
  unchanged: number;
  referenceSetsReplaced: ReferenceSetName[];
  /** created + versioned + reference sets replaced: 0 means the store already held this evidence. */
  changes: number;
}

export interface SeedOptions {
  /** Who the audit log names for seeded changes. */
  actor?: string;
  changeNote?: string;
}

const CHUNK = 200;

function list<T>(value: T | readonly T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}

/**
 * Loads evidence into the store in one transaction, idempotently by content hash: content the store
 * already holds changes nothing; an edited case study becomes a new version (with an audit event and an
 * outbox message); a reference set is replaced when its hash differs.
 */
export async function seedEvidence(
  target: Executor | { db: Executor },
  evidence: SeedEvidence,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const executor = 'db' in target && !('selectFrom' in target) ? target.db : (target as Executor);
  const actor = options.actor ?? 'seed';
  const documents = parseCaseStudies(evidence.caseStudies);

  return inTransaction(executor, async (tx) => {
    const reference = createReferenceRepository(tx);
    const sets: [ReferenceSetName, unknown][] = [
      ['councils', evidence.councils && [...evidence.councils]],
      ['deflators', list(evidence.deflators)],
      ['discount-schedules', list(evidence.discountSchedules)],
      ['unit-costs', evidence.unitCosts && [...evidence.unitCosts]],
      ['indicators', evidence.indicators && [...evidence.indicators]],
      ['synonyms', evidence.synonyms && [...evidence.synonyms]],
      ['optimism-bias', evidence.optimismBias],
    ];
    const referenceSetsReplaced: ReferenceSetName[] = [];
    for (const [name, items] of sets) {
      if (items === undefined) continue;
      if (await reference.replace(name, items as ReferenceData[typeof name], actor))
        referenceSetsReplaced.push(name);
    }

    const current = new Map<string, { version: number; hash: string }>();
    const slugs = documents.map((d) => d.slug);
    for (let i = 0; i < slugs.length; i += CHUNK) {
      const rows = await tx
        .selectFrom('case_studies')
        .select(['slug', 'current_version', 'content_hash'])
        .where('slug', 'in', slugs.slice(i, i + CHUNK))
        .forUpdate()
        .execute();
      for (const r of rows) current.set(r.slug, { version: r.current_version, hash: r.content_hash });
    }

    const now = new Date().toISOString();
    const inserts: NewRow<'case_studies'>[] = [];
    const versions: NewRow<'case_study_versions'>[] = [];
    const audits: NewRow<'audit_log'>[] = [];
    const messages: NewRow<'outbox'>[] = [];
    let created = 0;
    let versioned = 0;
    let unchanged = 0;
    for (const parsed of documents) {
      const hash = caseStudyContentHash(parsed);
      const existing = current.get(parsed.slug);
      if (existing?.hash === hash) {
        unchanged++;
        continue;
      }
      const version = existing ? existing.version + 1 : 1;
      const document = { ...parsed, version };
      const json = toJson(document);
      if (existing) {
        versioned++;
        await tx
          .updateTable('case_studies')
          .set({
            status: document.status,
            current_version: version,
            content_hash: hash,
            document: json,
            updated_at: now,
          })
          .where('slug', '=', parsed.slug)
          .execute();
      } else {
        created++;
        inserts.push({
          slug: parsed.slug,
          status: document.status,
          current_version: version,
          organisation_id: null,
          content_hash: hash,
          document: json,
          created_at: now,
          updated_at: now,
        });
      }
      versions.push({
        slug: parsed.slug,
        version,
        document: json,
        content_hash: hash,
        created_at: now,
        created_by: actor,
        change_note:
          options.changeNote ??
          (existing ? 'Updated from the evidence files' : 'Loaded from the evidence files'),
      });
      audits.push({
        actor,
        action: existing ? 'case-study.version' : 'case-study.create',
        entity_type: CASE_STUDY_ENTITY,
        entity_id: parsed.slug,
        before: existing ? toJson({ version: existing.version, contentHash: existing.hash }) : null,
        after: toJson({ version, contentHash: hash, status: document.status }),
      });
      messages.push({
        entity: CASE_STUDY_ENTITY,
        entity_id: parsed.slug,
        version,
        op: document.status === 'published' ? 'upsert' : 'delete',
        payload: document.status === 'published' ? json : toJson({ slug: parsed.slug }),
      });
    }
    for (let i = 0; i < inserts.length; i += CHUNK) {
      await tx
        .insertInto('case_studies')
        .values(inserts.slice(i, i + CHUNK))
        .execute();
    }
    for (let i = 0; i < versions.length; i += CHUNK) {
      await tx
        .insertInto('case_study_versions')
        .values(versions.slice(i, i + CHUNK))
        .execute();
      await tx
        .insertInto('audit_log')
        .values(audits.slice(i, i + CHUNK))
        .execute();
      await tx
        .insertInto('outbox')
        .values(messages.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['entity', 'entity_id', 'version']).doNothing())
        .execute();
    }
    return {
      created,
      versioned,
      unchanged,
      referenceSetsReplaced,
      changes: created + versioned + referenceSetsReplaced.length,
    };
  });
}

function parseCaseStudies(entries: SeedEvidence['caseStudies']): CaseStudy[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const out: CaseStudy[] = [];
  entries.forEach((entry, index) => {
    const where = entry.file
      ? `${entry.file}${entry.line ? `:${entry.line}` : ''}`
      : `case study ${index + 1}`;
    const parsed = CaseStudy.safeParse(entry.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      return;
    }
    const first = seen.get(parsed.data.slug);
    if (first) problems.push(`${where}: slug: "${parsed.data.slug}" is also used by ${first}`);
    seen.set(parsed.data.slug, where);
    out.push(parsed.data);
  });
  if (problems.length > 0) {
    throw new StoreError(
      'INVALID_DOCUMENT',
      `The evidence was not loaded because ${problems.length} problem(s) were found, first: ${problems[0]}. Run \`costed validate\` and fix them.`,
      { details: problems },
    );
  }
  return out;
}
