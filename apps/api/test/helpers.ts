import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '@costed/schema';
import { createStore, type Store } from '@costed/store';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { Config, type ConfigInput } from '../src/env.ts';
import { type AppServices, createServices } from '../src/services/create-services.ts';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../data');

/** Organisations every test app has: two councils (to prove one cannot see the other's work) and a sector body. */
export const ORGS = {
  eastRiding: {
    id: 'east-riding',
    name: 'East Riding of Yorkshire Council',
    kind: 'council',
    gssCode: 'E06000011',
  },
  suffolk: { id: 'suffolk', name: 'Suffolk County Council', kind: 'council', gssCode: 'E10000029' },
  sector: { id: 'costed-curators', name: 'Costed curation panel', kind: 'sector-body', gssCode: null },
} as const;

export interface TestUser {
  email: string;
  cookie: string;
  userId: string;
}

export interface TestApp {
  app: FastifyInstance;
  services: AppServices;
  store: Store;
  /** A signed-in user with the role in the organisation (council members default to East Riding). */
  signIn(role: Exclude<Role, 'public'>, organisationId?: string): Promise<TestUser>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A real app over an in-memory PGlite store seeded from data/, with organisations and a way to make users of
 * each role. `engine: 'postgres'` uses the given URL instead (the throwaway cluster from @costed/store/testing).
 */
export async function createTestApp(
  options: { config?: ConfigInput; postgresUrl?: string; seed?: boolean } = {},
): Promise<TestApp> {
  const config = Config.parse({
    logLevel: 'silent',
    evidenceDir: options.seed === false ? undefined : DATA_DIR,
    authSecret: 'test-secret-that-is-long-enough-for-better-auth',
    rateLimitMax: 100_000,
    signInRateLimitMax: 1000,
    // Off in tests: opening PGlite (in-process WASM) blocks the event loop for seconds, and another app in the
    // same test process would then shed load with 503s. The load-shedding test turns it on explicitly.
    maxEventLoopDelayMs: 0,
    ...options.config,
  });
  const store = options.postgresUrl
    ? await createStore({ engine: 'postgres', url: options.postgresUrl })
    : await createStore({ engine: 'pglite' });
  const services = await createServices(config, { store, workerIntervalMs: 60_000 });
  for (const org of Object.values(ORGS)) {
    if (!(await store.organisations.get(org.id))) await store.organisations.create(org, 'system:test');
  }
  const app = await buildApp({ config, services, logger: false });
  await app.ready();

  return {
    app,
    services,
    store,
    async signIn(role, organisationId) {
      const org = organisationId ?? (role === 'council-member' ? ORGS.eastRiding.id : ORGS.sector.id);
      counter += 1;
      const email = `${role}-${org}-${counter}-${Date.now()}@example.org`;
      const res = await app.inject({
        method: 'POST',
        url: '/v1/auth/sign-up/email',
        headers: { 'content-type': 'application/json', origin: config.siteUrl },
        payload: { email, password: 'correct horse battery staple', name: `${role} ${counter}` },
      });
      if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
      const cookie = String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '';
      const userId = (res.json() as { user: { id: string } }).user.id;
      await store.organisations.setMember({ userId, organisationId: org, role }, 'system:test');
      return { email, cookie, userId };
    },
    async close() {
      await app.close();
    },
  };
}
