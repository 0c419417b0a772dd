import { randomUUID } from 'node:crypto';
import { ApiKey, ApiKeysResponse, CreatedApiKey, Me } from '@costed/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { API_KEY_SCOPES, type Principal } from '../lib/access.ts';
import { generateApiKey } from '../lib/api-keys.ts';
import { AUTH_BASE_PATH } from '../lib/auth.ts';
import { ProblemSchema } from '../lib/problem-schema.ts';

const OrgParams = z.object({ organisationId: z.string().min(1).max(100) });

/** A member may manage their own organisation's keys; admins any organisation's. */
function assertManagesOrganisation(principal: Principal, organisationId: string): string {
  if (principal.kind !== 'user')
    throw new ApiError('forbidden', 'API keys are managed by signed-in members, not with an API key.');
  if (principal.role === 'admin') return principal.userId;
  if (principal.memberships.some((m) => m.organisationId === organisationId)) return principal.userId;
  throw new ApiError('forbidden', `You are not a member of organisation "${organisationId}".`);
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth, store } = app.services;

  // better-auth answers every request under /v1/auth (sign-up, sign-in, sign-out, sessions, revoke-sessions).
  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in, sign out and manage sessions (better-auth)', hide: true },
    async handler(request, reply) {
      const url = new URL(request.url, app.services.config.publicUrl);
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
      }
      // better-auth keys its sign-in limit by X-Forwarded-For as sent; give it only the address Fastify
      // resolved (TRUST_PROXY), so a client cannot dodge the limit by inventing a header.
      headers.set('x-forwarded-for', request.ip);
      headers.delete('x-real-ip');
      const response = await auth.handler(
        new Request(url, {
          method: request.method,
          headers,
          ...(request.body !== undefined && request.method !== 'GET'
            ? { body: JSON.stringify(request.body) }
            : {}),
        }),
      );
      reply.code(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
      });
      for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
      const text = await response.text();
      if (response.status >= 400) {
        let detail = text;
        try {
          const parsed = JSON.parse(text) as { message?: string };
          detail = parsed.message ?? text;
        } catch {}
        const code =
          response.status === 429
            ? 'rate-limited'
            : response.status === 401
              ? 'unauthenticated'
              : response.status === 403
                ? 'forbidden'
                : response.status === 404
                  ? 'not-found'
                  : 'validation-failed';
        throw new ApiError(code, detail || 'The request was refused.');
      }
      return reply.send(text.length > 0 ? text : null);
    },
  });

  app.get(
    '/v1/me',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Who the caller is', response: { 200: Me } },
    },
    async (request) => {
      const p = request.principal;
      return {
        kind: p.kind,
        role: p.role,
        ...(p.kind === 'user' ? { userId: p.userId, email: p.email, name: p.name } : {}),
        organisations:
          p.kind === 'user'
            ? p.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role }))
            : p.kind === 'api-key'
              ? [{ organisationId: p.organisationId, role: 'council-member' }]
              : [],
      };
    },
  );

  app.get(
    '/v1/organisations/:organisationId/api-keys',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['api-keys'],
        summary: "An organisation's API keys (never the keys themselves)",
        params: OrgParams,
        response: { 200: ApiKeysResponse, 403: ProblemSchema },
      },
    },
    async (request) => {
      assertManagesOrganisation(request.principal, request.params.organisationId);
      const keys = await store.apiKeys.list(request.params.organisationId);
      return {
        keys: keys.map(({ hash: _hash, organisationId: _o, revokedBy: _r, ...view }) => ({
          ...view,
          scopes: view.scopes as never,
        })),
      };
    },
  );

  app.post(
    '/v1/organisations/:organisationId/api-keys',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the key is shown once, in this response',
        params: OrgParams,
        body: z
          .object({
            name: z
              .string()
              .trim()
              .min(1)
              .max(100)
              .describe('What the key is for, e.g. "Case-management export".'),
            scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).describe('What the key may do.'),
          })
          .strict(),
        response: {
          201: CreatedApiKey,
        },
      },
    },
    async (request, reply) => {
      const actor = assertManagesOrganisation(request.principal, request.params.organisationId);
      const org = await store.organisations.get(request.params.organisationId);
      if (!org) throw new ApiError('not-found', `No organisation "${request.params.organisationId}".`);
      const generated = generateApiKey();
      const record = await store.apiKeys.create(
        {
          id: randomUUID(),
          organisationId: org.id,
          name: request.body.name,
          displayPrefix: generated.displayPrefix,
          hash: generated.hash,
          scopes: [...new Set(request.body.scopes)],
        },
        actor,
      );
      const { hash: _hash, organisationId: _o, revokedBy: _r, ...view } = record;
      return reply.code(201).send({ ...view, scopes: view.scopes as never, key: generated.key });
    },
  );

  app.delete(
    '/v1/organisations/:organisationId/api-keys/:keyId',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (it stops working at once)',
        params: OrgParams.extend({ keyId: z.string().min(1).max(100) }),
        response: { 200: ApiKey },
      },
    },
    async (request) => {
      const actor = assertManagesOrganisation(request.principal, request.params.organisationId);
      const existing = await store.apiKeys.get(request.params.keyId);
      if (!existing || existing.organisationId !== request.params.organisationId) {
        throw new ApiError('not-found', `No API key "${request.params.keyId}" in this organisation.`);
      }
      const {
        hash: _hash,
        organisationId: _o,
        revokedBy: _r,
        ...view
      } = await store.apiKeys.revoke(existing.id, actor);
      return { ...view, scopes: view.scopes as never };
    },
  );
};
