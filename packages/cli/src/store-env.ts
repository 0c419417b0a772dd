import path from 'node:path';
import { createSearchIndex, type SearchIndex, setUpMeilisearch } from '@costed/search';
import { createStore, type Store } from '@costed/store';
import { resolveRepoPath } from './find-repo-root.ts';

/**
 * The one place the CLI reads the environment: the same variables as the API, so `costed` works on the store the
 * product uses (PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set).
 */
export interface StoreEnv {
  dataDir: string;
  databaseUrl: string | undefined;
  meiliUrl: string | undefined;
  meiliApiKey: string | undefined;
  meiliMasterKey: string | undefined;
}

export function readStoreEnv(cwd: string, env: NodeJS.ProcessEnv = process.env): StoreEnv {
  return {
    dataDir: resolveRepoPath(cwd, env.DATA_DIR || undefined, '.data'),
    databaseUrl: env.DATABASE_URL || undefined,
    meiliUrl: env.MEILI_URL || undefined,
    meiliApiKey: env.MEILI_API_KEY || undefined,
    meiliMasterKey: env.MEILI_MASTER_KEY || undefined,
  };
}

export function describeStore(env: StoreEnv, cwd: string): string {
  return env.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `PGlite in ${path.relative(cwd, env.dataDir) || '.'}`;
}

/** Opens and migrates the store; the caller closes it. A running API holds the PGlite lock: the error says so. */
export async function openStore(env: StoreEnv): Promise<Store> {
  const store = await createStore(
    env.databaseUrl
      ? { engine: 'postgres', url: env.databaseUrl }
      : { engine: 'pglite', dataDir: env.dataDir },
  );
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The Meilisearch index, when configured; the in-process index lives inside the API process instead. */
export async function openMeilisearch(env: StoreEnv, store: Store): Promise<SearchIndex | null> {
  if (!env.meiliUrl) return null;
  const synonyms = await store.reference.synonyms();
  const keys = env.meiliMasterKey
    ? await setUpMeilisearch({
        url: env.meiliUrl,
        masterKey: env.meiliMasterKey,
        indexName: 'case-studies',
        synonyms,
      })
    : null;
  const apiKey = keys?.writeKey ?? env.meiliApiKey;
  if (!apiKey) throw new Error('MEILI_URL is set but neither MEILI_API_KEY nor MEILI_MASTER_KEY is.');
  return createSearchIndex({
    kind: 'meilisearch',
    url: env.meiliUrl,
    apiKey,
    indexName: 'case-studies',
    synonyms,
  });
}
