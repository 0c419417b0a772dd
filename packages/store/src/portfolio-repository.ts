import { randomUUID } from 'node:crypto';
import { EvidenceLevel, IndicatorId, Money, Slug } from '@costed/schema';
import { z } from 'zod';
import { createAuditRepository } from './audit-repository.ts';
import type { Executor, Row } from './database.ts';
import { inTransaction, toJson } from './executor.ts';
import { StoreError } from './store-error.ts';

export const PortfolioServiceInput = z
  .object({
    name: z.string().min(1),
    provider: z.string().min(1).nullable().default(null),
    annualCost: Money.nullable().default(null).describe('Annual cost with its price year; null if unknown.'),
    contractEnd: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the contract end as YYYY-MM-DD')
      .nullable()
      .default(null),
    cohort: z.string().min(1).nullable().default(null),
    participantsPerYear: z.number().int().nonnegative().nullable().default(null),
    indicators: z
      .array(
        z
          .object({
            indicator: IndicatorId,
            baseline: z.number().finite().nullable(),
            latest: z.number().finite().nullable(),
          })
          .strict(),
      )
      .default([]),
    evidenceLevel: EvidenceLevel.nullable().default(null),
    caseStudySlugs: z.array(Slug).default([]),
  })
  .strict();
export type PortfolioServiceInput = z.input<typeof PortfolioServiceInput>;
export type PortfolioService = z.output<typeof PortfolioServiceInput> & { id: string };

export interface Portfolio {
  id: string;
  organisationId: string;
  name: string;
  services: PortfolioService[];
  createdAt: string;
  updatedAt: string;
}

export function toPortfolioService(row: Row<'portfolio_services'>): PortfolioService {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    annualCost:
      row.annual_cost_pence === null || row.annual_cost_price_year === null
        ? null
        : { pence: row.annual_cost_pence, priceYear: row.annual_cost_price_year },
    contractEnd: row.contract_end,
    cohort: row.cohort,
    participantsPerYear: row.participants_per_year,
    indicators: row.indicators as PortfolioService['indicators'],
    evidenceLevel: row.evidence_level,
    caseStudySlugs: row.case_study_slugs as string[],
  };
}

function parseServices(services: readonly PortfolioServiceInput[]) {
  const parsed = z.array(PortfolioServiceInput).safeParse(services);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `services.${i.path.join('.')}: ${i.message}`);
    throw new StoreError('INVALID_DOCUMENT', `The portfolio is not valid: ${details.join('; ')}.`, {
      details,
    });
  }
  return parsed.data;
}

/** A council's own services, kept for reviewing them against the evidence (decommissioning). */
export interface PortfolioRepository {
  create(
    input: { organisationId: string; name: string; services?: PortfolioServiceInput[] },
    actor: string,
  ): Promise<Portfolio>;
  get(id: string): Promise<Portfolio | undefined>;
  list(organisationId: string): Promise<Portfolio[]>;
  /** Renames and/or replaces the whole service list atomically. */
  update(
    id: string,
    input: { name?: string; services?: PortfolioServiceInput[] },
    actor: string,
  ): Promise<Portfolio>;
  remove(id: string, actor: string): Promise<boolean>;
}

export function createPortfolioRepository(db: Executor): PortfolioRepository {
  async function load(ex: Executor, id: string): Promise<Portfolio | undefined> {
    const row = await ex.selectFrom('portfolios').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const services = await ex
      .selectFrom('portfolio_services')
      .selectAll()
      .where('portfolio_id', '=', id)
      .orderBy('position')
      .execute();
    return {
      id: row.id,
      organisationId: row.organisation_id,
      name: row.name,
      services: services.map(toPortfolioService),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
  async function writeServices(
    tx: Executor,
    portfolioId: string,
    services: readonly PortfolioServiceInput[],
  ) {
    const parsed = parseServices(services);
    await tx.deleteFrom('portfolio_services').where('portfolio_id', '=', portfolioId).execute();
    if (parsed.length === 0) return;
    await tx
      .insertInto('portfolio_services')
      .values(
        parsed.map((s, position) => ({
          id: randomUUID(),
          portfolio_id: portfolioId,
          position,
          name: s.name,
          provider: s.provider,
          annual_cost_pence: s.annualCost?.pence ?? null,
          annual_cost_price_year: s.annualCost?.priceYear ?? null,
          contract_end: s.contractEnd,
          cohort: s.cohort,
          participants_per_year: s.participantsPerYear,
          indicators: toJson(s.indicators),
          evidence_level: s.evidenceLevel,
          case_study_slugs: toJson(s.caseStudySlugs),
        })),
      )
      .execute();
  }

  return {
    async create(input, actor) {
      return inTransaction(db, async (tx) => {
        const id = randomUUID();
        const now = new Date().toISOString();
        await tx
          .insertInto('portfolios')
          .values({
            id,
            organisation_id: input.organisationId,
            name: input.name,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await writeServices(tx, id, input.services ?? []);
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.create',
          entityType: 'portfolio',
          entityId: id,
          after: { name: input.name, services: input.services?.length ?? 0 },
        });
        const created = await load(tx, id);
        if (!created) throw new Error(`portfolio ${id} vanished inside its own transaction`);
        return created;
      });
    },
    get: (id) => load(db, id),
    async list(organisationId) {
      const rows = await db
        .selectFrom('portfolios')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      const out: Portfolio[] = [];
      for (const row of rows) {
        const portfolio = await load(db, row.id);
        if (portfolio) out.push(portfolio);
      }
      return out;
    },
    async update(id, input, actor) {
      return inTransaction(db, async (tx) => {
        const before = await tx
          .selectFrom('portfolios')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!before)
          throw new StoreError('NOT_FOUND', `No portfolio has the id ${id}. Check the id and try again.`);
        await tx
          .updateTable('portfolios')
          .set({ name: input.name ?? before.name, updated_at: new Date().toISOString() })
          .where('id', '=', id)
          .execute();
        if (input.services) await writeServices(tx, id, input.services);
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.update',
          entityType: 'portfolio',
          entityId: id,
          before: { name: before.name },
          after: { name: input.name ?? before.name, services: input.services?.length },
        });
        const updated = await load(tx, id);
        if (!updated) throw new Error(`portfolio ${id} vanished inside its own transaction`);
        return updated;
      });
    },
    async remove(id, actor) {
      return inTransaction(db, async (tx) => {
        const deleted = await tx
          .deleteFrom('portfolios')
          .where('id', '=', id)
          .returning('name')
          .executeTakeFirst();
        if (!deleted) return false;
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.delete',
          entityType: 'portfolio',
          entityId: id,
          before: { name: deleted.name },
        });
        return true;
      });
    },
  };
}
