/**
 * What the routes need from the world. server.ts builds the real services (store, search); tests pass their own.
 * Plugins decorate the app with these; routes only call them.
 */
export interface ReadinessCheck {
  ok: boolean;
  detail?: string;
}

import type { IdentityDirectory } from './plugins/auth.ts';

export interface ApiServices {
  identity: IdentityDirectory;
  readiness(): Promise<Record<string, ReadinessCheck>>;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: import('./services/create-services.ts').AppServices;
  }
}
