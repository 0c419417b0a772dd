import { sql } from 'kysely';
import type { Executor, Row } from './database.ts';
import { toJson } from './executor.ts';

export type OutboxOp = 'upsert' | 'delete';

export interface OutboxMessage {
  id: number;
  entity: string;
  entityId: string;
  version: number;
  op: OutboxOp;
  payload: unknown;
  createdAt: string;
  attempts: number;
  availableAt: string;
  processedAt: string | null;
  lastError: string | null;
}

export interface NewOutboxMessage {
  entity: string;
  entityId: string;
  version: number;
  op: OutboxOp;
  payload: unknown;
}

export interface OutboxTiming {
  /** The clock to use (tests pass one; defaults to now). */
  now?: Date;
}

/** How long a claimed message stays invisible to other workers before it may be claimed again. */
export const OUTBOX_LEASE_MS = 60_000;
/** Retry delay after the n-th failed attempt: 1 s, 2 s, 4 s … capped at one hour. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function toOutboxMessage(row: Row<'outbox'>): OutboxMessage {
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    version: row.version,
    op: row.op,
    payload: row.payload,
    createdAt: row.created_at,
    attempts: row.attempts,
    availableAt: row.available_at,
    processedAt: row.processed_at,
    lastError: row.last_error,
  };
}

/**
 * Changes waiting to reach derived stores (the search index). Messages are written in the same
 * transaction as the change they describe, so none is lost and none describes a change that rolled back.
 * Delivery is at least once: a consumer must treat (entity, entityId, version) as idempotent.
 */
export interface OutboxRepository {
  /** Adds a message; a second one for the same (entity, entityId, version) is ignored. Returns whether it was new. */
  enqueue(message: NewOutboxMessage): Promise<boolean>;
  /** Takes up to `limit` due messages, oldest first, and hides them from other claimers for a lease. */
  claim(limit: number, timing?: OutboxTiming & { leaseMs?: number }): Promise<OutboxMessage[]>;
  /** Marks messages processed; they are never claimed again. */
  complete(ids: readonly number[], timing?: OutboxTiming): Promise<void>;
  /** Records a failed attempt and makes the message due again after a backoff that doubles each time. */
  fail(id: number, error: string, timing?: OutboxTiming): Promise<void>;
  /** Messages not yet processed, oldest first. */
  pending(limit?: number): Promise<OutboxMessage[]>;
}

export function createOutboxRepository(db: Executor): OutboxRepository {
  return {
    async enqueue(message) {
      const rows = await db
        .insertInto('outbox')
        .values({
          entity: message.entity,
          entity_id: message.entityId,
          version: message.version,
          op: message.op,
          payload: toJson(message.payload),
        })
        .onConflict((oc) => oc.columns(['entity', 'entity_id', 'version']).doNothing())
        .returning('id')
        .execute();
      return rows.length > 0;
    },
    async claim(limit, timing = {}) {
      const now = timing.now ?? new Date();
      const leaseUntil = new Date(now.getTime() + (timing.leaseMs ?? OUTBOX_LEASE_MS)).toISOString();
      const due = db
        .selectFrom('outbox')
        .select('id')
        .where('processed_at', 'is', null)
        .where('available_at', '<=', now.toISOString())
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      const rows = await db
        .updateTable('outbox')
        .set({ attempts: sql<number>`attempts + 1`, available_at: leaseUntil })
        .where('id', 'in', due)
        .returningAll()
        .execute();
      return rows.map(toOutboxMessage).sort((a, b) => a.id - b.id);
    },
    async complete(ids, timing = {}) {
      if (ids.length === 0) return;
      await db
        .updateTable('outbox')
        .set({ processed_at: (timing.now ?? new Date()).toISOString(), last_error: null })
        .where('id', 'in', [...ids])
        .where('processed_at', 'is', null)
        .execute();
    },
    async fail(id, error, timing = {}) {
      const now = timing.now ?? new Date();
      const row = await db.selectFrom('outbox').select('attempts').where('id', '=', id).executeTakeFirst();
      if (!row) return;
      await db
        .updateTable('outbox')
        .set({
          last_error: error,
          available_at: new Date(now.getTime() + outboxBackoffMs(row.attempts)).toISOString(),
        })
        .where('id', '=', id)
        .where('processed_at', 'is', null)
        .execute();
    },
    async pending(limit = 1000) {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('processed_at', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toOutboxMessage);
    },
  };
}
