import { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { type ApiKeyRepository, createApiKeyRepository } from './api-key-repository.ts';
import { type AuditRepository, createAuditRepository } from './audit-repository.ts';
import {
  CASE_STUDY_TABLES,
  type CaseStudyRepository,
  createCaseStudyRepository,
} from './case-study-repository.ts';
import type { Database, Executor } from './database.ts';
import { acquireLockFile, type LockFile } from './lock-file.ts';
import { migrateToLatest } from './migrations.ts';
import { createOrganisationRepository, type OrganisationRepository } from './organisation-repository.ts';
import { createOutboxRepository, type OutboxRepository } from './outbox-repository.ts';
import { createPortfolioRepository, type PortfolioRepository } from './portfolio-repository.ts';
import { createReadCache, createReadCaches, type ReadCache, type ReadCaches } from './read-cache.ts';
import { createReferenceRepository, type ReferenceRepository } from './reference-repository.ts';
import { StoreError } from './store-error.ts';
import { type ParsedStoreOptions, StoreOptions } from './store-options.ts';
import { createSubmissionRepository, type SubmissionRepository } from './submission-repository.ts';
import { TEXT_PARSERS } from './type-parsers.ts';

export interface Repositories {
  apiKeys: ApiKeyRepository;
  caseStudies: CaseStudyRepository;
  organisations: OrganisationRepository;
  submissions: SubmissionRepository;
  audit: AuditRepository;
  outbox: OutboxRepository;
  portfolios: PortfolioRepository;
  reference: ReferenceRepository;
}

/** What a transaction callback gets: the same repositories, bound to the transaction. */
export interface TransactionScope extends Repositories {
  db: Transaction<Database>;
}

export type StoreKind = 'pglite' | 'postgres';

/** The store of record; the same interface on both engines. */
export interface Store extends Repositories {
  readonly kind: StoreKind;
  /** The pool. Inside `transaction(fn)` use the scope's `db`, never this (on PGlite it would wait forever). */
  readonly db: Kysely<Database>;
  /** Brings the schema up to date; returns the migrations it applied (none when already current). */
  migrate(): Promise<string[]>;
  /** Runs `fn` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(fn: (scope: TransactionScope) => Promise<T>): Promise<T>;
  /** Checkpoints (PGlite), closes connections and releases the data-directory lock. Safe to call twice. */
  close(): Promise<void>;
  /**
   * A read cache dropped by every write to `tables` through this store. Exact on PGlite, which holds its
   * database alone; on PostgreSQL (other processes may write) it caches nothing.
   */
  createReadCache(tables: readonly string[], maxEntries?: number): ReadCache;
}

const passThrough: ReadCache = {
  read: (_key, load) => load(),
  invalidate: () => {},
  stats: { hits: 0, misses: 0, invalidations: 0 },
};

/** Repositories bound to one executor (the pool or a transaction). */
export function createRepositories(db: Executor, caseStudyCache?: ReadCache): Repositories {
  return {
    apiKeys: createApiKeyRepository(db),
    caseStudies: createCaseStudyRepository(db, caseStudyCache),
    organisations: createOrganisationRepository(db),
    submissions: createSubmissionRepository(db),
    audit: createAuditRepository(db),
    outbox: createOutboxRepository(db),
    portfolios: createPortfolioRepository(db),
    reference: createReferenceRepository(db),
  };
}

function parseOptions(options: StoreOptions): ParsedStoreOptions {
  const parsed = StoreOptions.safeParse(options);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new StoreError(
    'STORE_OPTIONS_INVALID',
    `Store options are not valid: ${details.join('; ')}. Pass { engine: 'pglite', dataDir? } or { engine: 'postgres', url }.`,
    { details },
  );
}

/** Opens a store. Call `migrate()` before first use, and `close()` when done. */
export async function createStore(options: StoreOptions): Promise<Store> {
  const parsed = parseOptions(options);
  return parsed.engine === 'pglite'
    ? openPglite(parsed.dataDir)
    : openPostgres(parsed.url, parsed.maxConnections);
}

function assemble(
  kind: StoreKind,
  db: Kysely<Database>,
  shutdown: () => Promise<void>,
  caches?: ReadCaches,
): Store {
  let closing: Promise<void> | undefined;
  const caseStudyCache = caches?.add(CASE_STUDY_TABLES, createReadCache());
  return {
    kind,
    db,
    ...createRepositories(db, caseStudyCache),
    migrate: async () => {
      const applied = await migrateToLatest(db);
      caches?.invalidateAll();
      return applied;
    },
    createReadCache: (tables, maxEntries) =>
      caches ? caches.add(tables, createReadCache(maxEntries)) : passThrough,
    transaction: (fn) => db.transaction().execute((tx) => fn({ db: tx, ...createRepositories(tx) })),
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Store> {
  const lock: LockFile | undefined = dataDir ? acquireLockFile(dataDir) : undefined;
  // If the process exits without close(), at least do not leave a lock behind for a live pid to be reused.
  const releaseOnExit = () => lock?.release();
  if (lock) process.once('exit', releaseOnExit);
  let pglite: PGlite;
  try {
    pglite = dataDir ? new PGlite(dataDir, { parsers: TEXT_PARSERS }) : new PGlite({ parsers: TEXT_PARSERS });
    await pglite.waitReady;
    await pglite.query(`set time zone 'UTC'`);
  } catch (error) {
    lock?.release();
    process.off('exit', releaseOnExit);
    throw error;
  }
  // This process holds the data directory alone, so reads can be cached exactly (read-cache.ts).
  const caches = createReadCaches();
  const db = new Kysely<Database>({
    plugins: [caches.plugin],
    dialect: yieldingDialect(
      new PGliteDialect({
        pglite,
        onCreateConnection: async (connection) => {
          await connection.executeQuery(CompiledQuery.raw(`set time zone 'UTC'`));
        },
      }),
    ),
  });
  return assemble(
    'pglite',
    db,
    async () => {
      try {
        if (!pglite.closed) {
          // Flush everything to the data files so the next open does no recovery.
          if (dataDir) await db.executeQuery(CompiledQuery.raw('checkpoint'));
          await db.destroy();
        }
      } finally {
        lock?.release();
        process.off('exit', releaseOnExit);
      }
    },
    caches,
  );
}

async function openPostgres(url: string, max: number): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // UTC sessions make timestamptz text identical on both engines (see type-parsers.ts).
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        TEXT_PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreError(
      'POSTGRES_UNAVAILABLE',
      `Could not connect to PostgreSQL at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}. Check that the server is running and the URL (DATABASE_URL) is right.`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return assemble('postgres', db, () => db.destroy());
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs each query synchronously on this thread, and queued queries start one another through promise
 * callbacks, so a queue of them ran back to back in one turn of the event loop: under load, HTTP I/O and
 * timers waited for the whole queue (the event-loop delay went past a second and the API shed load). A turn
 * of the loop before each query, and before each transaction, lets everything else in between.
 * Not inside a transaction: it holds PGlite's only connection, so every turn it waited would be a turn that
 * every other query waited too.
 */
function yieldingDialect(base: Dialect): Dialect {
  return {
    createAdapter: () => base.createAdapter(),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
    createDriver: () => {
      const driver = base.createDriver();
      let inTransaction = false;
      const patched = new WeakSet<DatabaseConnection>();
      const acquire = driver.acquireConnection.bind(driver);
      const begin = driver.beginTransaction.bind(driver);
      const commit = driver.commitTransaction.bind(driver);
      const rollback = driver.rollbackTransaction.bind(driver);
      driver.acquireConnection = async () => {
        const connection = await acquire();
        if (!patched.has(connection)) {
          patched.add(connection);
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = async (query) => {
            if (!inTransaction) await nextTurn();
            return execute(query);
          };
        }
        return connection;
      };
      driver.beginTransaction = async (connection, settings) => {
        await nextTurn();
        await begin(connection, settings);
        inTransaction = true;
      };
      driver.commitTransaction = async (connection) => {
        try {
          await commit(connection);
        } finally {
          inTransaction = false;
        }
      };
      driver.rollbackTransaction = async (connection) => {
        try {
          await rollback(connection);
        } finally {
          inTransaction = false;
        }
      };
      return driver;
    },
  };
}

/** A URL with its password hidden, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
