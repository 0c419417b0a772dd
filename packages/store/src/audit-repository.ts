import type { Executor, Row } from './database.ts';
import { toJson } from './executor.ts';

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface NewAuditEvent {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export function toAuditEvent(row: Row<'audit_log'>): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
  };
}

/** Append-only log of who did what; the database rejects UPDATE and DELETE on it. */
export interface AuditRepository {
  append(event: NewAuditEvent): Promise<AuditEvent>;
  list(filter?: { entityType?: string; entityId?: string; limit?: number }): Promise<AuditEvent[]>;
}

export function createAuditRepository(db: Executor): AuditRepository {
  return {
    async append(event) {
      const row = await db
        .insertInto('audit_log')
        .values({
          actor: event.actor,
          action: event.action,
          entity_type: event.entityType,
          entity_id: event.entityId,
          before: event.before === undefined ? null : toJson(event.before),
          after: event.after === undefined ? null : toJson(event.after),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAuditEvent(row);
    },
    async list(filter = {}) {
      let query = db.selectFrom('audit_log').selectAll().orderBy('id');
      if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
      if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
      if (filter.limit) query = query.limit(filter.limit);
      return (await query.execute()).map(toAuditEvent);
    },
  };
}
