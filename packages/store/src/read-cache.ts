import type { KyselyPlugin, OperationNode, QueryId, RootOperationNode, UnknownRow } from 'kysely';

/**
 * A read cache for case studies, for a store that owns its database alone. PGlite runs inside this process
 * and holds the data-directory lock, so every write goes through this store's Kysely instance, where the
 * plugin below sees it: the cache can be exact, with no time-to-live. (PostgreSQL may have other writers —
 * other API instances, the CLI — so it gets no cache.)
 *
 * Why: under load most requests read the same few published case studies, and each PGlite query runs
 * synchronously on the event loop, so reads queued behind one another delayed everything else.
 *
 * Correctness rests on the generation: any write to a watched table bumps it before the query runs and again
 * after it returns, and a load only fills the cache if the generation is the one it started under. A read
 * that raced a write therefore never caches what it saw. Readers get their own copy (`structuredClone`),
 * so a caller that changes a result cannot change what the next caller reads.
 */
export interface ReadCache {
  /**
   * The cached value for `key`, or `load()`'s (cached if no write intervened). `fresh` can refuse a cached
   * value that has aged out (a session past its expiry), which is then loaded again.
   */
  read<T>(key: string, load: () => Promise<T>, fresh?: (value: T) => boolean): Promise<T>;
  /** Drops everything (a write happened, or may have). */
  invalidate(): void;
  readonly stats: { hits: number; misses: number; invalidations: number };
}

export function createReadCache(maxEntries = 5_000): ReadCache {
  let generation = 0;
  const entries = new Map<string, unknown>();
  const stats = { hits: 0, misses: 0, invalidations: 0 };
  return {
    stats,
    async read<T>(key: string, load: () => Promise<T>, fresh?: (value: T) => boolean): Promise<T> {
      if (entries.has(key) && (!fresh || fresh(entries.get(key) as T))) {
        stats.hits += 1;
        return structuredClone(entries.get(key)) as T;
      }
      stats.misses += 1;
      const startedAt = generation;
      const value = await load();
      if (startedAt === generation) {
        // Oldest first out: a Map iterates in insertion order.
        entries.delete(key);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(key, structuredClone(value));
      }
      return value;
    },
    invalidate() {
      generation += 1;
      stats.invalidations += 1;
      entries.clear();
    },
  };
}

const WRITE_KINDS = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const RAW_WRITE = /\b(insert|update|delete|truncate|merge|copy|alter|drop)\b/i;

/** Table names a node mentions, by a shallow walk of its tree (table nodes are never deep in a write). */
function mentionsTable(node: unknown, tables: ReadonlySet<string>, depth = 0): boolean {
  if (depth > 6 || node === null || typeof node !== 'object') return false;
  const candidate = node as { kind?: unknown; table?: { identifier?: { name?: unknown } } };
  if (candidate.kind === 'TableNode') {
    const name = candidate.table?.identifier?.name;
    return typeof name === 'string' && tables.has(name);
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      if (value.some((item) => mentionsTable(item, tables, depth + 1))) return true;
    } else if (mentionsTable(value, tables, depth + 1)) return true;
  }
  return false;
}

/** Does this query (possibly) write one of `tables`? Raw SQL that might write counts, whatever it names. */
export function writesTo(node: RootOperationNode | OperationNode, tables: ReadonlySet<string>): boolean {
  if (node.kind === 'RawNode') {
    const fragments = (node as { sqlFragments?: readonly string[] }).sqlFragments ?? [];
    return RAW_WRITE.test(fragments.join(' '));
  }
  if (!WRITE_KINDS.has(node.kind)) return false;
  // A write through a CTE or a subquery names its table somewhere below; when unsure, say yes.
  return mentionsTable(node, tables);
}

/** The caches of one store, each dropped by writes to its tables. */
export interface ReadCaches {
  add(tables: readonly string[], cache: ReadCache): ReadCache;
  /** Drops every cache (after migrations, which may rewrite anything). */
  invalidateAll(): void;
  /** The Kysely plugin that sees every write through the store's Kysely instance. */
  readonly plugin: KyselyPlugin;
}

export function createReadCaches(): ReadCaches {
  const watchers: { tables: ReadonlySet<string>; cache: ReadCache }[] = [];
  // Weak: a write that throws never reaches transformResult, and its id must not be kept.
  const writes = new WeakMap<QueryId, ReadCache[]>();
  return {
    add(tables, cache) {
      watchers.push({ tables: new Set(tables), cache });
      return cache;
    },
    invalidateAll() {
      for (const w of watchers) w.cache.invalidate();
    },
    plugin: {
      transformQuery({ node, queryId }) {
        const hit = watchers.filter((w) => writesTo(node, w.tables)).map((w) => w.cache);
        if (hit.length > 0) {
          writes.set(queryId, hit);
          for (const cache of hit) cache.invalidate();
        }
        return node;
      },
      async transformResult({ result, queryId }) {
        const hit = writes.get(queryId);
        if (hit) {
          writes.delete(queryId);
          for (const cache of hit) cache.invalidate();
        }
        return result as { rows: UnknownRow[] } as typeof result;
      },
    },
  };
}
