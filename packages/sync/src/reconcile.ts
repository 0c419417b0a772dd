import type { SearchIndex } from '@costed/search';
import type { CaseStudyRecord, Store } from '@costed/store';
import { loadSearchContext, type SearchContext, searchDocumentFor } from './search-context.ts';

export interface ReconcileReport {
  /** Published in the store but missing from the index. */
  added: string[];
  /** In the index at another version than the store's current one. */
  updated: string[];
  /** In the index but not published in the store (withdrawn, or never existed). */
  removed: string[];
  unchanged: number;
}

const PAGE = 500;

async function* publishedRecords(store: Store): AsyncGenerator<CaseStudyRecord> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.caseStudies.list({ status: 'published', limit: PAGE, offset });
    yield* page;
    if (page.length < PAGE) return;
  }
}

/**
 * Compares the store (the source of truth) with the index and repairs the index: adds what is missing, replaces
 * what is stale, removes what should not be there. `dryRun` reports without changing anything.
 */
export async function reconcile(
  store: Store,
  index: SearchIndex,
  options: { dryRun?: boolean; context?: SearchContext } = {},
): Promise<ReconcileReport> {
  const context = options.context ?? (await loadSearchContext(store));
  const indexed = new Map((await index.listVersions()).map((v) => [v.slug, v.version]));
  const report: ReconcileReport = { added: [], updated: [], removed: [], unchanged: 0 };
  const pending = [];
  const seen = new Set<string>();
  for await (const record of publishedRecords(store)) {
    seen.add(record.slug);
    const version = indexed.get(record.slug);
    if (version === record.currentVersion) {
      report.unchanged++;
      continue;
    }
    (version === undefined ? report.added : report.updated).push(record.slug);
    pending.push(searchDocumentFor(record.document, record.currentVersion, context, record.updatedAt));
  }
  for (const slug of indexed.keys()) if (!seen.has(slug)) report.removed.push(slug);
  if (!options.dryRun) {
    for (let i = 0; i < pending.length; i += PAGE) await index.upsert(pending.slice(i, i + PAGE));
    if (report.removed.length > 0) await index.remove(report.removed);
  }
  return report;
}

/** Rebuilds the whole index from the store in one swap (queries keep answering from the old index meanwhile). */
export async function rebuildIndex(
  store: Store,
  index: SearchIndex,
  options: { context?: SearchContext } = {},
): Promise<number> {
  const context = options.context ?? (await loadSearchContext(store));
  const docs = [];
  for await (const record of publishedRecords(store)) {
    docs.push(searchDocumentFor(record.document, record.currentVersion, context, record.updatedAt));
  }
  await index.reindex(docs);
  return docs.length;
}
