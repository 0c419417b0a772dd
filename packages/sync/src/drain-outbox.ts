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
    const done: number[] = [];
    for (const message of messages.sort((a, b) => a.id - b.id)) {
      try {
        const outcome = await applyMessage(message, index, context);
        result[outcome]++;
        done.push(message.id);
      } catch (error) {
        result.failed++;
        await store.outbox.fail(message.id, error instanceof Error ? error.message : String(error), timing);
      }
    }
    if (done.length > 0) await store.outbox.complete(done, timing);
  }
  return result;
}

async function applyMessage(
  message: OutboxMessage,
  index: SearchIndex,
  context: SearchContext,
): Promise<'upserted' | 'removed' | 'stale'> {
  if (message.entity !== CASE_STUDY_ENTITY) return 'stale';
  const indexed = await index.get(message.entityId);
  if (indexed && indexed.version > message.version) return 'stale';
  if (message.op === 'delete') {
    await index.remove([message.entityId]);
    return 'removed';
  }
  const caseStudy = CaseStudy.parse(message.payload);
  await index.upsert([searchDocumentFor(caseStudy, message.version, context, message.createdAt)]);
  return 'upserted';
}
