import { randomUUID } from 'node:crypto';
import {
  DecisionRecord,
  PortfolioService,
  type PortfolioServiceInput,
  ReviewThresholds,
  type ReviewThresholdsInput,
} from '@costed/decommissioning';
import { z } from 'zod';
import { createAuditRepository } from './audit-repository.ts';
import type { Executor, Row } from './database.ts';
import { inTransaction, toJson } from './executor.ts';
import { StoreError } from './store-error.ts';

/** A stored service: the decommissioning model's `PortfolioService`, always with its id. */
export type StoredPortfolioService = PortfolioService & { id: string };

export interface Portfolio {
  id: string;
  organisationId: string;
  name: string;
  /** What the council set; the review fills the documented defaults for the rest. */
  thresholds: ReviewThresholdsInput;
  services: StoredPortfolioService[];
  createdAt: string;
  updatedAt: string;
}

/** One recorded decision, as kept (append-only) and audited. */
export type PortfolioDecision = DecisionRecord & {
  id: number;
  portfolioId: string;
  organisationId: string;
  /** Who recorded it (the user id; `decidedBy` is the name shown). */
  actor: string;
  createdAt: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rows written before 0003 (or imported without a document) are read from their columns; values without years stay out. */
function fromColumns(row: Row<'portfolio_services'>): PortfolioService {
  return PortfolioService.parse({
    name: row.name,
    provider: row.provider,
    annualCost:
      row.annual_cost_pence === null || row.annual_cost_price_year === null
        ? null
        : { pence: row.annual_cost_pence, priceYear: row.annual_cost_price_year },
    contractEnd: row.contract_end,
    cohort: { description: row.cohort && row.cohort.trim().length >= 3 ? row.cohort.trim() : null },
    participantsPerYear: row.participants_per_year,
    indicators: ((row.indicators as { indicator: string }[] | null) ?? []).map((i) => ({
      indicator: i.indicator,
    })),
    evidenceLevel: row.evidence_level,
    caseStudySlugs: (row.case_study_slugs as string[] | null) ?? [],
  });
}

export function toPortfolioService(row: Row<'portfolio_services'>): StoredPortfolioService {
  const service = row.document === null ? fromColumns(row) : PortfolioService.parse(row.document);
  return { ...service, id: row.id };
}

function toDecision(row: Row<'portfolio_decisions'>): PortfolioDecision {
  return {
    id: row.id,
    portfolioId: row.portfolio_id,
    organisationId: row.organisation_id,
    serviceId: row.service_id,
    decision: row.decision as DecisionRecord['decision'],
    rationale: row.rationale,
    decidedBy: row.decided_by,
    decidedOn: row.decided_on,
    ...(row.recommendation
      ? { recommendation: row.recommendation as NonNullable<DecisionRecord['recommendation']> }
      : {}),
    ...(row.reviewed_on ? { reviewedOn: row.reviewed_on } : {}),
    actor: row.actor,
    createdAt: row.created_at,
  };
}

function invalid(what: string, error: z.ZodError, prefix: string): never {
  const details = error.issues.map(
    (i) => `${[prefix, ...i.path].filter((p) => p !== '').join('.')}: ${i.message}`,
  );
  throw new StoreError('INVALID_DOCUMENT', `The ${what} is not valid: ${details.join('; ')}.`, { details });
}

function parseServices(services: readonly PortfolioServiceInput[]): PortfolioService[] {
  const parsed = z.array(PortfolioService).safeParse(services);
  if (!parsed.success) invalid('portfolio', parsed.error, 'services');
  return parsed.data;
}

function parseThresholds(thresholds: ReviewThresholdsInput | undefined): ReviewThresholdsInput {
  if (thresholds === undefined) return {};
  const parsed = ReviewThresholds.safeParse(thresholds);
  if (!parsed.success) invalid('thresholds', parsed.error, 'thresholds');
  // Keep only what was set, so a later change of a default reaches portfolios that never chose a value.
  return { ...thresholds };
}

function notFound(id: string): StoreError {
  return new StoreError('NOT_FOUND', `No portfolio has the id ${id}. Check the id and try again.`);
}

/** A council's own services, kept for reviewing them against the evidence (decommissioning). */
export interface PortfolioRepository {
  create(
    input: {
      organisationId: string;
      name: string;
      thresholds?: ReviewThresholdsInput;
      services?: PortfolioServiceInput[];
    },
    actor: string,
  ): Promise<Portfolio>;
  get(id: string): Promise<Portfolio | undefined>;
  list(organisationId: string): Promise<Portfolio[]>;
  /**
   * Renames, sets thresholds and/or replaces the whole service list atomically. A service that carries the id
   * of one of this portfolio's services keeps it (so its decisions stay attached); any other gets a new id.
   */
  update(
    id: string,
    input: { name?: string; thresholds?: ReviewThresholdsInput; services?: PortfolioServiceInput[] },
    actor: string,
  ): Promise<Portfolio>;
  remove(id: string, actor: string): Promise<boolean>;
  /** Appends one service; returns it with its new id. */
  addService(
    portfolioId: string,
    service: PortfolioServiceInput,
    actor: string,
  ): Promise<StoredPortfolioService>;
  /** Replaces one service in place (same id, same position). */
  replaceService(
    portfolioId: string,
    serviceId: string,
    service: PortfolioServiceInput,
    actor: string,
  ): Promise<StoredPortfolioService>;
  removeService(portfolioId: string, serviceId: string, actor: string): Promise<boolean>;
  /** Appends a decision about one of the portfolio's services and its audit event, in one transaction. */
  recordDecision(portfolioId: string, record: DecisionRecord, actor: string): Promise<PortfolioDecision>;
  /** Decisions oldest first; for one service when `serviceId` is given. */
  decisions(portfolioId: string, serviceId?: string): Promise<PortfolioDecision[]>;
  /** The latest decision per service id. */
  latestDecisions(portfolioId: string): Promise<Map<string, PortfolioDecision>>;
}

export function createPortfolioRepository(db: Executor): PortfolioRepository {
  async function load(ex: Executor, id: string): Promise<Portfolio | undefined> {
    if (!UUID.test(id)) return undefined;
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
      thresholds: row.thresholds as ReviewThresholdsInput,
      services: services.map(toPortfolioService),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function toRow(portfolioId: string, id: string, position: number, s: PortfolioService) {
    return {
      id,
      portfolio_id: portfolioId,
      position,
      name: s.name,
      provider: s.provider,
      annual_cost_pence: s.annualCost?.pence ?? null,
      annual_cost_price_year: s.annualCost?.priceYear ?? null,
      contract_end: s.contractEnd,
      cohort: s.cohort.description,
      participants_per_year: s.participantsPerYear,
      indicators: toJson(s.indicators),
      evidence_level: s.evidenceLevel,
      case_study_slugs: toJson(s.caseStudySlugs),
      document: toJson({ ...s, id }),
    };
  }

  async function writeServices(
    tx: Executor,
    portfolioId: string,
    services: readonly PortfolioServiceInput[],
  ): Promise<void> {
    const parsed = parseServices(services);
    const existing = await tx
      .selectFrom('portfolio_services')
      .select('id')
      .where('portfolio_id', '=', portfolioId)
      .execute();
    const own = new Set(existing.map((r) => r.id));
    const used = new Set<string>();
    await tx.deleteFrom('portfolio_services').where('portfolio_id', '=', portfolioId).execute();
    if (parsed.length === 0) return;
    await tx
      .insertInto('portfolio_services')
      .values(
        parsed.map((s, position) => {
          const keep = s.id !== undefined && own.has(s.id) && !used.has(s.id);
          const id = keep && s.id ? s.id : randomUUID();
          used.add(id);
          return toRow(portfolioId, id, position, s);
        }),
      )
      .execute();
  }

  async function touch(tx: Executor, id: string): Promise<Row<'portfolios'>> {
    const row = await tx
      .selectFrom('portfolios')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound(id);
    await tx
      .updateTable('portfolios')
      .set({ updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    return row;
  }

  function serviceNotFound(portfolioId: string, serviceId: string): StoreError {
    return new StoreError(
      'NOT_FOUND',
      `Portfolio ${portfolioId} has no service with the id ${serviceId}. List the portfolio to see its services.`,
    );
  }

  return {
    async create(input, actor) {
      const thresholds = parseThresholds(input.thresholds);
      return inTransaction(db, async (tx) => {
        const id = randomUUID();
        const now = new Date().toISOString();
        await tx
          .insertInto('portfolios')
          .values({
            id,
            organisation_id: input.organisationId,
            name: input.name,
            thresholds: toJson(thresholds),
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
          after: { name: input.name, thresholds, services: input.services?.length ?? 0 },
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
      const thresholds = input.thresholds === undefined ? undefined : parseThresholds(input.thresholds);
      if (!UUID.test(id)) throw notFound(id);
      return inTransaction(db, async (tx) => {
        const before = await touch(tx, id);
        await tx
          .updateTable('portfolios')
          .set({
            name: input.name ?? before.name,
            ...(thresholds === undefined ? {} : { thresholds: toJson(thresholds) }),
          })
          .where('id', '=', id)
          .execute();
        if (input.services) await writeServices(tx, id, input.services);
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.update',
          entityType: 'portfolio',
          entityId: id,
          before: { name: before.name, thresholds: before.thresholds },
          after: {
            name: input.name ?? before.name,
            thresholds: thresholds ?? before.thresholds,
            services: input.services?.length,
          },
        });
        const updated = await load(tx, id);
        if (!updated) throw new Error(`portfolio ${id} vanished inside its own transaction`);
        return updated;
      });
    },
    async remove(id, actor) {
      if (!UUID.test(id)) return false;
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
    async addService(portfolioId, service, actor) {
      const [parsed] = parseServices([service]);
      if (!parsed) throw new Error('one service parsed into none');
      if (!UUID.test(portfolioId)) throw notFound(portfolioId);
      return inTransaction(db, async (tx) => {
        await touch(tx, portfolioId);
        const last = await tx
          .selectFrom('portfolio_services')
          .select((eb) => eb.fn.max('position').as('position'))
          .where('portfolio_id', '=', portfolioId)
          .executeTakeFirst();
        const position = last?.position === null || last?.position === undefined ? 0 : last.position + 1;
        const id = randomUUID();
        await tx
          .insertInto('portfolio_services')
          .values(toRow(portfolioId, id, position, parsed))
          .execute();
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.service.add',
          entityType: 'portfolio',
          entityId: portfolioId,
          after: { serviceId: id, name: parsed.name },
        });
        return { ...parsed, id };
      });
    },
    async replaceService(portfolioId, serviceId, service, actor) {
      const [parsed] = parseServices([service]);
      if (!parsed) throw new Error('one service parsed into none');
      if (!UUID.test(portfolioId)) throw notFound(portfolioId);
      if (!UUID.test(serviceId)) throw serviceNotFound(portfolioId, serviceId);
      return inTransaction(db, async (tx) => {
        await touch(tx, portfolioId);
        const before = await tx
          .selectFrom('portfolio_services')
          .selectAll()
          .where('portfolio_id', '=', portfolioId)
          .where('id', '=', serviceId)
          .executeTakeFirst();
        if (!before) throw serviceNotFound(portfolioId, serviceId);
        const {
          id: _id,
          portfolio_id: _p,
          position: _pos,
          ...values
        } = toRow(portfolioId, serviceId, before.position, parsed);
        await tx.updateTable('portfolio_services').set(values).where('id', '=', serviceId).execute();
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.service.replace',
          entityType: 'portfolio',
          entityId: portfolioId,
          before: toPortfolioService(before),
          after: { ...parsed, id: serviceId },
        });
        return { ...parsed, id: serviceId };
      });
    },
    async removeService(portfolioId, serviceId, actor) {
      if (!UUID.test(portfolioId) || !UUID.test(serviceId)) return false;
      return inTransaction(db, async (tx) => {
        const deleted = await tx
          .deleteFrom('portfolio_services')
          .where('portfolio_id', '=', portfolioId)
          .where('id', '=', serviceId)
          .returning('name')
          .executeTakeFirst();
        if (!deleted) return false;
        await touch(tx, portfolioId);
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.service.remove',
          entityType: 'portfolio',
          entityId: portfolioId,
          before: { serviceId, name: deleted.name },
        });
        return true;
      });
    },
    async recordDecision(portfolioId, record, actor) {
      const parsed = DecisionRecord.safeParse(record);
      if (!parsed.success) invalid('decision', parsed.error, '');
      const decision = parsed.data;
      if (!UUID.test(portfolioId)) throw notFound(portfolioId);
      if (!UUID.test(decision.serviceId)) throw serviceNotFound(portfolioId, decision.serviceId);
      return inTransaction(db, async (tx) => {
        const portfolio = await tx
          .selectFrom('portfolios')
          .select('organisation_id')
          .where('id', '=', portfolioId)
          .executeTakeFirst();
        if (!portfolio) throw notFound(portfolioId);
        const service = await tx
          .selectFrom('portfolio_services')
          .select('name')
          .where('portfolio_id', '=', portfolioId)
          .where('id', '=', decision.serviceId)
          .executeTakeFirst();
        if (!service) throw serviceNotFound(portfolioId, decision.serviceId);
        const row = await tx
          .insertInto('portfolio_decisions')
          .values({
            portfolio_id: portfolioId,
            organisation_id: portfolio.organisation_id,
            service_id: decision.serviceId,
            decision: decision.decision,
            rationale: decision.rationale,
            decided_by: decision.decidedBy,
            decided_on: decision.decidedOn,
            recommendation: decision.recommendation ?? null,
            reviewed_on: decision.reviewedOn ?? null,
            actor,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await createAuditRepository(tx).append({
          actor,
          action: 'portfolio.decision',
          entityType: 'portfolio',
          entityId: portfolioId,
          after: { decisionId: row.id, serviceName: service.name, ...decision },
        });
        return toDecision(row);
      });
    },
    async decisions(portfolioId, serviceId) {
      if (!UUID.test(portfolioId) || (serviceId !== undefined && !UUID.test(serviceId))) return [];
      let query = db
        .selectFrom('portfolio_decisions')
        .selectAll()
        .where('portfolio_id', '=', portfolioId)
        .orderBy('id');
      if (serviceId !== undefined) query = query.where('service_id', '=', serviceId);
      return (await query.execute()).map(toDecision);
    },
    async latestDecisions(portfolioId) {
      const latest = new Map<string, PortfolioDecision>();
      // Oldest first, so each later decision overwrites the one it supersedes.
      for (const d of await this.decisions(portfolioId)) latest.set(d.serviceId, d);
      return latest;
    },
  };
}
