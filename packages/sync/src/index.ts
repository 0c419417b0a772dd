export { type DrainResult, drainOutbox } from './drain-outbox.ts';
export { type OutboxWorker, startOutboxWorker } from './outbox-worker.ts';
export { type ReconcileReport, rebuildIndex, reconcile } from './reconcile.ts';
export {
  costSummaryFor,
  loadSearchContext,
  SEARCH_PRICE_YEAR,
  type SearchContext,
  searchDocumentFor,
} from './search-context.ts';
