import type {
  Council,
  DeflatorSeries,
  DiscountSchedule,
  OutcomeIndicator,
  SynonymGroup,
  UnitCost,
} from '@costed/schema';
import { createAuditRepository } from './audit-repository.ts';
import { hashContent } from './content-hash.ts';
import type { Executor } from './database.ts';
import { inTransaction, toJson } from './executor.ts';

/** The reference data the store keeps, by set; each set is replaced as a whole. */
export interface ReferenceData {
  deflators: DeflatorSeries[];
  'discount-schedules': DiscountSchedule[];
  'unit-costs': UnitCost[];
  councils: Council[];
  indicators: OutcomeIndicator[];
  synonyms: SynonymGroup[];
  /** Kept as one document: its shape belongs to the costing package. */
  'optimism-bias': unknown;
}
export type ReferenceSetName = keyof ReferenceData;
export const REFERENCE_SET_NAMES = [
  'deflators',
  'discount-schedules',
  'unit-costs',
  'councils',
  'indicators',
  'synonyms',
  'optimism-bias',
] as const satisfies readonly ReferenceSetName[];

const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Reference tables (deflators, discount schedules, unit costs, councils, indicators, synonyms). */
export interface ReferenceRepository {
  /**
   * Replaces one set atomically when its content hash differs from the stored one; returns whether it
   * changed anything.
   */
  replace<N extends ReferenceSetName>(name: N, items: ReferenceData[N], actor: string): Promise<boolean>;
  hashes(): Promise<Partial<Record<ReferenceSetName, string>>>;
  deflatorSeries(): Promise<DeflatorSeries[]>;
  discountSchedules(): Promise<DiscountSchedule[]>;
  unitCosts(): Promise<UnitCost[]>;
  councils(): Promise<Council[]>;
  indicators(): Promise<OutcomeIndicator[]>;
  synonyms(): Promise<SynonymGroup[]>;
  optimismBias(): Promise<unknown>;
}

/** Deletes a set's rows and writes the new ones (inside the caller's transaction). */
export async function writeReferenceRows<N extends ReferenceSetName>(
  tx: Executor,
  name: N,
  items: ReferenceData[N],
): Promise<void> {
  switch (name) {
    case 'deflators': {
      const series = items as DeflatorSeries[];
      await tx.deleteFrom('deflator_series').execute();
      for (const part of chunks(series)) {
        await tx
          .insertInto('deflator_series')
          .values(
            part.map((s) => ({
              id: s.id,
              kind: s.kind,
              release: s.release,
              base: s.base,
              source_url: s.sourceUrl,
            })),
          )
          .execute();
      }
      const points = series.flatMap((s) =>
        s.points.map((p, position) => ({
          series_id: s.id,
          position,
          year: p.year,
          index: p.index,
          status: p.status,
        })),
      );
      for (const part of chunks(points)) await tx.insertInto('deflator_points').values(part).execute();
      return;
    }
    case 'discount-schedules': {
      const schedules = items as DiscountSchedule[];
      await tx.deleteFrom('discount_schedules').execute();
      for (const part of chunks(schedules)) {
        await tx
          .insertInto('discount_schedules')
          .values(part.map((s) => ({ id: s.id, name: s.name, edition: s.edition, source_url: s.sourceUrl })))
          .execute();
      }
      const bands = schedules.flatMap((s) =>
        s.bands.map((b) => ({
          schedule_id: s.id,
          from_year: b.fromYear,
          to_year: b.toYear,
          rate_percent: b.ratePercent,
        })),
      );
      for (const part of chunks(bands)) await tx.insertInto('discount_bands').values(part).execute();
      return;
    }
    case 'unit-costs': {
      await tx.deleteFrom('unit_costs').execute();
      for (const part of chunks(items as UnitCost[])) {
        await tx
          .insertInto('unit_costs')
          .values(
            part.map((u) => ({
              id: u.id,
              pence: u.money.pence,
              price_year: u.money.priceYear,
              cost_type: u.costType,
              agency: u.agency,
              document: toJson(u),
            })),
          )
          .execute();
      }
      return;
    }
    case 'councils': {
      await tx.deleteFrom('councils').execute();
      for (const part of chunks(items as Council[])) {
        await tx
          .insertInto('councils')
          .values(
            part.map((c) => ({
              gss_code: c.gssCode,
              name: c.name,
              type: c.type,
              region: c.region,
              document: toJson(c),
            })),
          )
          .execute();
      }
      return;
    }
    case 'indicators': {
      await tx.deleteFrom('indicators').execute();
      for (const part of chunks(items as OutcomeIndicator[])) {
        await tx
          .insertInto('indicators')
          .values(
            part.map((i) => ({
              id: i.id,
              name: i.name,
              unit: i.unit,
              better_direction: i.betterDirection,
              document: toJson(i),
            })),
          )
          .execute();
      }
      return;
    }
    case 'synonyms': {
      await tx.deleteFrom('synonyms').execute();
      const groups = (items as SynonymGroup[]).map((g, position) => ({ position, document: toJson(g) }));
      for (const part of chunks(groups)) await tx.insertInto('synonyms').values(part).execute();
      return;
    }
    case 'optimism-bias':
      // Stored on the reference_sets row itself (see replace).
      return;
  }
}

export function createReferenceRepository(db: Executor): ReferenceRepository {
  return {
    async replace(name, items, actor) {
      const contentHash = hashContent(items ?? null);
      return inTransaction(db, async (tx) => {
        const current = await tx
          .selectFrom('reference_sets')
          .select('content_hash')
          .where('name', '=', name)
          .forUpdate()
          .executeTakeFirst();
        if (current?.content_hash === contentHash) return false;
        await writeReferenceRows(tx, name, items);
        const document = name === 'optimism-bias' ? toJson(items ?? null) : null;
        await tx
          .insertInto('reference_sets')
          .values({ name, content_hash: contentHash, loaded_at: new Date().toISOString(), document })
          .onConflict((oc) =>
            oc
              .column('name')
              .doUpdateSet({ content_hash: contentHash, loaded_at: new Date().toISOString(), document }),
          )
          .execute();
        await createAuditRepository(tx).append({
          actor,
          action: 'reference.replace',
          entityType: 'reference-set',
          entityId: name,
          before: current ? { contentHash: current.content_hash } : undefined,
          after: { contentHash, rows: Array.isArray(items) ? items.length : 1 },
        });
        return true;
      });
    },
    async hashes() {
      const rows = await db.selectFrom('reference_sets').select(['name', 'content_hash']).execute();
      return Object.fromEntries(rows.map((r) => [r.name, r.content_hash]));
    },
    async deflatorSeries() {
      const series = await db.selectFrom('deflator_series').selectAll().orderBy('id').execute();
      const points = await db
        .selectFrom('deflator_points')
        .selectAll()
        .orderBy('series_id')
        .orderBy('position')
        .execute();
      return series.map((s) => ({
        id: s.id,
        kind: s.kind,
        release: s.release,
        base: s.base,
        sourceUrl: s.source_url,
        points: points
          .filter((p) => p.series_id === s.id)
          .map((p) => ({ year: p.year, index: p.index, status: p.status })),
      }));
    },
    async discountSchedules() {
      const schedules = await db.selectFrom('discount_schedules').selectAll().orderBy('id').execute();
      const bands = await db
        .selectFrom('discount_bands')
        .selectAll()
        .orderBy('schedule_id')
        .orderBy('from_year')
        .execute();
      return schedules.map((s) => ({
        id: s.id,
        name: s.name,
        edition: s.edition,
        sourceUrl: s.source_url,
        bands: bands
          .filter((b) => b.schedule_id === s.id)
          .map((b) => ({ fromYear: b.from_year, toYear: b.to_year, ratePercent: b.rate_percent })),
      }));
    },
    async unitCosts() {
      const rows = await db.selectFrom('unit_costs').select('document').orderBy('id').execute();
      return rows.map((r) => r.document as UnitCost);
    },
    async councils() {
      const rows = await db.selectFrom('councils').select('document').orderBy('gss_code').execute();
      return rows.map((r) => r.document as Council);
    },
    async indicators() {
      const rows = await db.selectFrom('indicators').select('document').orderBy('id').execute();
      return rows.map((r) => r.document as OutcomeIndicator);
    },
    async synonyms() {
      const rows = await db.selectFrom('synonyms').select('document').orderBy('position').execute();
      return rows.map((r) => r.document as SynonymGroup);
    },
    async optimismBias() {
      const row = await db
        .selectFrom('reference_sets')
        .select('document')
        .where('name', '=', 'optimism-bias')
        .executeTakeFirst();
      return row?.document ?? null;
    },
  };
}
