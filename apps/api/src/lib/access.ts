import type { Role } from '@costed/schema';

/**
 * Who is calling. Resolved once per request by the auth plugin from a session cookie or an organisation API key;
 * routes and services decide with it, never with raw headers.
 */
export type Principal =
  | { kind: 'anonymous'; role: 'public' }
  | {
      kind: 'user';
      role: Role;
      userId: string;
      email: string;
      name: string;
      /** Organisations the user belongs to, with their role in each. */
      memberships: { organisationId: string; role: Role }[];
    }
  | {
      kind: 'api-key';
      role: 'council-member';
      keyId: string;
      organisationId: string;
      scopes: ApiKeyScope[];
    };

// The scopes are part of the API contract (clients show and choose them), so they are defined there.
import { API_KEY_SCOPES, type ApiKeyScope } from '@costed/contract';

export { API_KEY_SCOPES, type ApiKeyScope };

/**
 * The access rule every route must declare (`config: { access: ... }`). An app refuses to start with a route
 * that has none, so a new route cannot be added without deciding who may call it.
 * - `public`: anyone, including anonymous callers (published data only).
 * - `signed-in`: any signed-in user.
 * - `council-member`: a member of an organisation (session) or an organisation API key; ownership of the
 *   particular record is then checked by the service (own organisation only).
 * - `curator`: curators and admins.
 * - `admin`: admins only.
 */
export type AccessRule = 'public' | 'signed-in' | 'council-member' | 'curator' | 'admin';

const RANK: Record<Role, number> = { public: 0, 'council-member': 1, curator: 2, admin: 3 };

export function allows(rule: AccessRule, principal: Principal): boolean {
  switch (rule) {
    case 'public':
      return true;
    case 'signed-in':
      return principal.kind !== 'anonymous';
    case 'council-member':
      return (
        principal.kind === 'api-key' ||
        (principal.kind === 'user' && RANK[principal.role] >= RANK['council-member'])
      );
    case 'curator':
      return principal.kind === 'user' && RANK[principal.role] >= RANK.curator;
    case 'admin':
      return principal.kind === 'user' && principal.role === 'admin';
  }
}

/** The organisations whose private records the principal may see and change. */
export function organisationsOf(principal: Principal): string[] {
  if (principal.kind === 'api-key') return [principal.organisationId];
  if (principal.kind === 'user') return principal.memberships.map((m) => m.organisationId);
  return [];
}

export function isCurator(principal: Principal): boolean {
  return allows('curator', principal);
}

/** The highest role among a user's memberships (a user with no membership is `public`). */
export function highestRole(memberships: { role: Role }[], fallback: Role = 'public'): Role {
  return memberships.reduce<Role>((best, m) => (RANK[m.role] > RANK[best] ? m.role : best), fallback);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** API-key scope needed when the caller authenticates with a key. */
    scope?: ApiKeyScope;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}
