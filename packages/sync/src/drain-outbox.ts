import { CaseStudy } from '@costed/schema';
import type { SearchIndex } from '@costed/search';
import { CASE_STUDY_ENTITY, type OutboxMessage, type Store } from '@costed/store';
import { loadSearchContext, type SearchContext, searchDocumentFor } from './search-context.ts';

export interface DrainResult {
  upserted: number;
  removed: number;
  /** Messages older than what the index already holds (a retried or reordered message): applied as no-ops. */
  stale: number;
  failed: number;
}

/**
 * Applies pending outbox messages to the search index, oldest first, until none are left (or `maxBatches`).
 * Idempotent and versioned: a message is applied only if its version is at least the indexed one, so a retry or
 * a duplicate cannot move the index backwards. A message that fails is retried later with backoff by the store.
 */
export async function drainOutbox(
  store: Store,
  index: SearchIndex,
  options: { batchSize?: number; maxBatches?: number; context?: SearchContext; now?: () => Date } = {},
): Promise<DrainResult> {
  const result: DrainResult = { upserted: 0, removed: 0, stale: 0, failed: 0 };
  const batchSize = options.batchSize ?? 200;
  let context = options.context;
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    const timing = options.now ? { now: options.now() } : {};
    const messages = await store.outbox.claim(batchSize, timing);
    if (messages.length === 0) break;
    context ??= await loadSearchContext(store);
    const outcome = await applyBatch(messages, index, context);
    if (outcome.ok) {
      result.upserted += outcome.upserted;
      result.removed += outcome.removed;
      result.stale += outcome.stale;
      await store.outbox.complete(
        messages.map((m) => m.id),
        timing,
      );
    } else {
      // The index refused the batch as a whole: every message goes back for a retry with backoff.
      result.failed += messages.length;
      for (const message of messages) await store.outbox.fail(message.id, outcome.error, timing);
    }
    // Give requests a turn between batches: a large drain must not starve the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

type BatchOutcome =
  | { ok: true; upserted: number; removed: number; stale: number }
  | { ok: false; error: string };

/**
 * Applies one claimed batch with one `upsert` and one `remove` call: per-message index writes made a 10,000-message
 * drain take minutes and hold the event loop. Within a batch the newest message per case study wins; older ones, and
 * ones older than what the index holds, are stale no-ops.
 */
async function applyBatch(
  messages: OutboxMessage[],
  index: SearchIndex,
  context: SearchContext,
): Promise<BatchOutcome> {
  const newest = new Map<string, OutboxMessage>();
  let stale = 0;
  for (const message of messages.sort((a, b) => a.id - b.id)) {
    if (message.entity !== CASE_STUDY_ENTITY) {
      stale++;
      continue;
    }
    const previous = newest.get(message.entityId);
    if (previous && previous.version > message.version) {
      stale++;
      continue;
    }
    if (previous) stale++;
    newest.set(message.entityId, message);
  }
  try {
    const upserts = [];
    const removals: string[] = [];
    for (const message of newest.values()) {
      const indexed = await index.get(message.entityId);
      if (indexed && indexed.version > message.version) {
        stale++;
        continue;
      }
      if (message.op === 'delete') removals.push(message.entityId);
      else
        upserts.push(
          searchDocumentFor(CaseStudy.parse(message.payload), message.version, context, message.createdAt),
        );
    }
    if (upserts.length > 0) await index.upsert(upserts);
    if (removals.length > 0) await index.remove(removals);
    return { ok: true, upserted: upserts.length, removed: removals.length, stale };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
