import type { Transaction } from 'kysely';
import type { Database, Executor } from './database.ts';

/**
 * Runs `fn` in a transaction: the caller's, if it passed one, or a new one. Multi-row writes go through
 * here so they are all-or-nothing, and so a caller already inside a transaction never reaches for the
 * pool (on PGlite the pool's only connection is held by that transaction: the call would wait forever).
 */
export async function inTransaction<T>(
  executor: Executor,
  fn: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (executor.isTransaction) return fn(executor as Transaction<Database>);
  return executor.transaction().execute(fn);
}

/** JSON text for a JSONB parameter (explicit, because pg would turn a JS array into a SQL array). */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
