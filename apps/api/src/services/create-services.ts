import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, loadEvidence } from '@costed/evidence';
import { createSearchIndex, type SearchIndex, setUpMeilisearch } from '@costed/search';
import { createStore, type Store, seedEvidence } from '@costed/store';
import { drainOutbox, type OutboxWorker, rebuildIndex, reconcile, startOutboxWorker } from '@costed/sync';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../env.ts';
import { type Auth, createAuth } from '../lib/auth.ts';
import type { IdentityDirectory } from '../plugins/auth.ts';
import type { ApiServices } from '../services.ts';
import { createReferenceCache, type ReferenceCache } from './reference-cache.ts';

export interface AppServices extends ApiServices {
  store: Store;
  search: SearchIndex;
  reference: ReferenceCache;
  auth: Auth;
  worker: OutboxWorker;
  config: Config;
}

type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

export interface CreateServicesOptions {
  /** An already-open store (tests); otherwise one is opened from the config. */
  store?: Store;
  log?: Log;
  /** How often the outbox worker drains on its own (it also drains after each write). */
  workerIntervalMs?: number;
}

/** Embedded deployments keep a generated secret in the data directory; PostgreSQL deployments must set one. */
function authSecretFor(config: Config, embedded: boolean): string {
  if (config.authSecret) return config.authSecret;
  if (!embedded) {
    throw new Error(
      'AUTH_SECRET is required with DATABASE_URL (at least 32 random characters, the same on every API instance).',
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'auth-secret');
  if (!existsSync(file))
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

/** The organisation that holds the platform's administrators. */
export const ADMIN_ORGANISATION = {
  id: 'costed-admins',
  name: 'Costed administrators',
  kind: 'sector-body',
} as const;

/**
 * Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when no admin exists, so a fresh deployment can be
 * administered; afterwards admins manage members through the API and the variables are ignored.
 */
async function bootstrapAdmin(config: Config, store: Store, auth: Auth, log: Log): Promise<void> {
  if (!config.adminEmail || !config.adminPassword || (await store.organisations.hasAdmin())) return;
  let user = await store.organisations.userByEmail(config.adminEmail);
  if (!user) {
    const created = await auth.api.signUpEmail({
      body: { email: config.adminEmail, password: config.adminPassword, name: 'Administrator' },
    });
    user = { id: created.user.id, email: created.user.email, name: created.user.name };
  }
  if (!(await store.organisations.get(ADMIN_ORGANISATION.id))) {
    await store.organisations.create(ADMIN_ORGANISATION, 'system:bootstrap');
  }
  await store.organisations.setMember(
    { userId: user.id, organisationId: ADMIN_ORGANISATION.id, role: 'admin' },
    'system:bootstrap',
  );
  log.info({ email: config.adminEmail }, 'first admin created');
}

/**
 * Builds everything the API needs, in dependency order: the store (migrated), the evidence base seeded from
 * data/ (idempotent: unchanged files write nothing), the search index (derived from the store), the outbox
 * worker that keeps it in step, and authentication over the store's database.
 */
export async function createServices(
  config: Config,
  options: CreateServicesOptions = {},
): Promise<AppServices> {
  const log: Log = options.log ?? { info: () => {}, warn: () => {}, error: () => {} };
  const embedded = !config.databaseUrl;
  const store =
    options.store ??
    (await createStore(
      config.databaseUrl
        ? { engine: 'postgres', url: config.databaseUrl }
        : { engine: 'pglite', dataDir: config.dataDir },
    ));
  try {
    const applied = await store.migrate();
    if (applied.length > 0) log.info({ applied }, 'store migrated');

    if (config.evidenceDir) {
      const { evidence, issues } = await loadEvidence(config.evidenceDir);
      if (issues.length > 0) {
        throw new Error(
          `The evidence base in ${config.evidenceDir} has ${issues.length} problem(s); nothing was seeded:\n${issues.map(formatIssue).join('\n')}`,
        );
      }
      const seeded = await seedEvidence(store, evidence, { actor: 'system:seed' });
      log.info(
        { created: seeded.created, versioned: seeded.versioned, unchanged: seeded.unchanged },
        'evidence seeded',
      );
    }

    const reference = createReferenceCache(store);
    const synonyms = await store.reference.synonyms();
    let search: SearchIndex;
    if (config.meiliUrl) {
      // The master key is used once, here, to apply settings and mint scoped keys; queries never carry it.
      const keys = config.meiliMasterKey
        ? await setUpMeilisearch({
            url: config.meiliUrl,
            masterKey: config.meiliMasterKey,
            indexName: 'case-studies',
            synonyms,
          })
        : null;
      const writeKey = keys?.writeKey ?? config.meiliApiKey;
      if (!writeKey)
        throw new Error(
          'MEILI_URL is set but neither MEILI_API_KEY nor MEILI_MASTER_KEY is: give a scoped key.',
        );
      search = createSearchIndex({
        kind: 'meilisearch',
        url: config.meiliUrl,
        apiKey: writeKey,
        ...(keys?.searchKey ? { searchApiKey: keys.searchKey } : {}),
        indexName: 'case-studies',
        synonyms,
      });
      const report = await reconcile(store, search);
      log.info(
        { added: report.added.length, updated: report.updated.length, removed: report.removed.length },
        'search reconciled',
      );
    } else {
      search = createSearchIndex({ kind: 'embedded', synonyms });
      const count = await rebuildIndex(store, search);
      log.info({ count }, 'search index built');
    }
    // What the rebuild already covers is applied again as a no-op; this empties the queue.
    await drainOutbox(store, search);

    const worker = startOutboxWorker(store, search, {
      intervalMs: options.workerIntervalMs ?? 1000,
      onError: (error) => log.error({ err: error }, 'outbox drain failed'),
    });

    const auth = createAuth({
      db: store.db,
      secret: authSecretFor(config, embedded),
      baseUrl: config.publicUrl,
      trustedOrigins: [config.siteUrl, ...config.corsOrigins],
      signInLimitPerMinute: config.signInRateLimitMax,
      secureCookies: config.publicUrl.startsWith('https://'),
    });

    await bootstrapAdmin(config, store, auth, log);

    // Every signed-in request resolves its session and memberships; on PGlite those queries queue behind
    // each other on one thread. The store drops these caches on any write to their tables (sign-out,
    // revocation, a membership change), so a revoked session is refused at once. A cached session is used
    // for at most a minute, so better-auth still sees activity and extends sessions as it should.
    const sessions = store.createReadCache(['auth_session', 'auth_user'], 10_000);
    const memberships = store.createReadCache(['members', 'organisations'], 10_000);
    const identity: IdentityDirectory = {
      async sessionUser(headers) {
        const cookie = headers.get('cookie') ?? '';
        const authorization = headers.get('authorization') ?? '';
        const load = async () => {
          const session = await auth.api.getSession({ headers });
          if (!session) return null;
          const usableUntil = Math.min(new Date(session.session.expiresAt).getTime(), Date.now() + 60_000);
          return {
            user: { id: session.user.id, email: session.user.email, name: session.user.name },
            usableUntil,
          };
        };
        const cached = await sessions.read(
          `${cookie}\n${authorization}`,
          load,
          (value) => value === null || Date.now() < value.usableUntil,
        );
        return cached?.user ?? null;
      },
      async membershipsOf(userId) {
        return memberships.read(`members:${userId}`, async () =>
          (await store.organisations.membershipsOf(userId)).map((m) => ({
            organisationId: m.organisationId,
            role: m.role,
          })),
        );
      },
      async findApiKeyByHash(hash) {
        const key = await store.apiKeys.findByHash(hash);
        return key
          ? {
              id: key.id,
              organisationId: key.organisationId,
              hash: key.hash,
              scopes: key.scopes as never,
              revokedAt: key.revokedAt,
            }
          : null;
      },
      touchApiKey: (id) => store.apiKeys.touch(id),
    };

    let closed = false;
    return {
      store,
      search,
      reference,
      auth,
      worker,
      config,
      identity,
      async readiness() {
        const [storeCheck, searchCheck] = await Promise.all([
          store.caseStudies
            .count()
            .then(() => ({ ok: true }))
            .catch((e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) })),
          search
            .count()
            .then(() => ({ ok: true }))
            .catch((e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) })),
        ]);
        return { store: storeCheck, search: searchCheck };
      },
      async close() {
        if (closed) return;
        closed = true;
        await worker.stop({ flush: true });
        await search.close();
        await store.close();
      },
    };
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
}
