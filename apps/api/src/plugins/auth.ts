import type { Role } from '@costed/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.ts';
import { type AccessRule, type ApiKeyScope, allows, highestRole, type Principal } from '../lib/access.ts';
import { hashApiKey, looksLikeApiKey, sameHash } from '../lib/api-keys.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** What the auth plugin needs to know about identities; the store implements it. */
export interface IdentityDirectory {
  /** The user behind a session cookie (better-auth in production), or null. */
  sessionUser(headers: Headers): Promise<SessionUser | null>;
  membershipsOf(userId: string): Promise<{ organisationId: string; role: Role }[]>;
  findApiKeyByHash(hash: string): Promise<{
    id: string;
    organisationId: string;
    hash: string;
    scopes: ApiKeyScope[];
    revokedAt: string | null;
  } | null>;
  touchApiKey(id: string): Promise<void>;
}

/** One row of the app's route table: what the authorisation matrix test checks. */
export interface RouteRule {
  method: string;
  url: string;
  access: AccessRule;
  scope?: ApiKeyScope;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access rule (documentation routes excluded). */
    routeRules: RouteRule[];
  }
}

/** Marks refusals made by a route's access rule (not by a service's own-organisation check). */
const DENIED = { extensions: { deniedBy: 'access-rule' } };

const ANONYMOUS: Principal = { kind: 'anonymous', role: 'public' };

/** Routes registered by documentation plugins are public by construction. */
const PUBLIC_PREFIXES = ['/docs', '/openapi.json'];

function toHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(request.headers)) {
    if (v === undefined) continue;
    headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
  }
  return headers;
}

async function resolvePrincipal(request: FastifyRequest, directory: IdentityDirectory): Promise<Principal> {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) {
    if (!looksLikeApiKey(apiKey))
      throw new ApiError('unauthenticated', 'The API key is not in the expected format.');
    const hash = hashApiKey(apiKey);
    const found = await directory.findApiKeyByHash(hash);
    if (!found || !sameHash(found.hash, hash))
      throw new ApiError('unauthenticated', 'The API key is not recognised.');
    if (found.revokedAt)
      throw new ApiError('unauthenticated', 'The API key has been revoked. Create a new key.');
    await directory.touchApiKey(found.id);
    return {
      kind: 'api-key',
      role: 'council-member',
      keyId: found.id,
      organisationId: found.organisationId,
      scopes: found.scopes,
    };
  }
  if (!request.headers.cookie && !request.headers.authorization) return ANONYMOUS;
  const user = await directory.sessionUser(toHeaders(request));
  if (!user) return ANONYMOUS;
  const memberships = await directory.membershipsOf(user.id);
  return {
    kind: 'user',
    role: highestRole(memberships),
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships,
  };
}

/**
 * Resolves `request.principal` and enforces each route's declared access rule. Every route must declare one:
 * building the app fails otherwise, so the route × role matrix test always covers every route.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { directory: IdentityDirectory }) => {
    // Reference-type decorations must start null; every request gets its own principal in onRequest.
    app.decorateRequest('principal', null as never);

    const table: RouteRule[] = [];
    app.decorate('routeRules', table);
    app.addHook('onRoute', (route) => {
      const url = route.url;
      if (url === '*' || url === '/*') return;
      if (PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) {
        route.config = { ...(route.config ?? {}), access: 'public' };
        return;
      }
      const access = route.config?.access;
      if (!access) {
        throw new Error(
          `Route ${String(route.method)} ${url} declares no access rule (config.access). Every route must.`,
        );
      }
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
        if (method === 'HEAD') continue;
        table.push({ method, url, access, ...(route.config?.scope ? { scope: route.config.scope } : {}) });
      }
    });

    // onRequest, before the body is parsed: an unauthenticated caller learns nothing about validation.
    app.addHook('onRequest', async (request) => {
      request.principal = ANONYMOUS;
      const rule = (request.routeOptions.config as { access?: AccessRule } | undefined)?.access;
      if (!rule) return; // 404/405 handlers
      request.principal = await resolvePrincipal(request, opts.directory);
      const principal = request.principal;
      if (!allows(rule, principal)) {
        if (principal.kind === 'anonymous')
          throw new ApiError(
            'unauthenticated',
            'Sign in, or send an organisation API key in the x-api-key header.',
            DENIED,
          );
        throw new ApiError(
          'forbidden',
          `This needs the ${rule} role; you are signed in as ${principal.role}.`,
          DENIED,
        );
      }
      const scope = (request.routeOptions.config as { scope?: ApiKeyScope } | undefined)?.scope;
      if (principal.kind === 'api-key' && scope && !principal.scopes.includes(scope)) {
        throw new ApiError('forbidden', `This API key lacks the "${scope}" scope.`, DENIED);
      }
    });
  },
  { name: 'costed-auth' },
);
