import { Member, MembersResponse, Organisation, OrganisationsResponse } from '@costed/contract';
import { GssCode, Role } from '@costed/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { organisationsOf } from '../lib/access.ts';
import { COMMON_ERRORS } from '../lib/problem-schema.ts';

const OrgParams = z.object({ organisationId: z.string().min(1).max(100) });

/** Organisations and their members. Admins manage them; members see their own organisations. */
export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;

  app.get(
    '/v1/organisations',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['organisations'],
        summary: 'Organisations: all for admins, your own for everyone else',
        response: { 200: OrganisationsResponse, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const all = await store.organisations.list();
      if (request.principal.role === 'admin') return { organisations: all };
      const mine = new Set(organisationsOf(request.principal));
      return { organisations: all.filter((o) => mine.has(o.id)) };
    },
  );

  app.post(
    '/v1/organisations',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation (a council, by GSS code, or a sector body)',
        body: z
          .object({
            id: z
              .string()
              .regex(
                /^[a-z0-9][a-z0-9-]{1,62}$/,
                'Lower-case letters, digits and hyphens, e.g. "east-riding"',
              ),
            name: z.string().trim().min(2).max(200),
            kind: z.enum(['council', 'sector-body', 'other']),
            gssCode: GssCode.optional(),
          })
          .strict()
          .refine((o) => o.kind !== 'council' || o.gssCode, {
            message: 'A council needs its GSS code',
            path: ['gssCode'],
          }),
        response: { 201: Organisation, ...COMMON_ERRORS, 409: COMMON_ERRORS[400] },
      },
    },
    async (request, reply) => {
      if (await store.organisations.get(request.body.id)) {
        throw new ApiError('conflict', `An organisation "${request.body.id}" already exists.`);
      }
      if (request.body.gssCode) {
        const councils = (await app.services.reference.get()).councilsByCode;
        if (!councils.has(request.body.gssCode)) {
          throw new ApiError('validation-failed', `${request.body.gssCode} is not in the councils table.`, {
            errors: [{ path: 'body.gssCode', message: 'Unknown council code' }],
          });
        }
      }
      const actor = request.principal.kind === 'user' ? request.principal.userId : 'unknown';
      const created = await store.organisations.create(
        { ...request.body, gssCode: request.body.gssCode ?? null },
        actor,
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/v1/organisations/:organisationId/members',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['organisations'],
        summary: "An organisation's members (members of it, and admins)",
        params: OrgParams,
        response: { 200: MembersResponse, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const id = request.params.organisationId;
      if (request.principal.role !== 'admin' && !organisationsOf(request.principal).includes(id)) {
        throw new ApiError('not-found', `No organisation "${id}" that you belong to.`);
      }
      return { members: await store.organisations.members(id) };
    },
  );

  app.put(
    '/v1/organisations/:organisationId/members',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['organisations'],
        summary: 'Add a member by the e-mail they signed up with, or change their role',
        params: OrgParams,
        body: z.object({ email: z.email(), role: Role.exclude(['public']) }).strict(),
        response: { 200: Member, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const org = await store.organisations.get(request.params.organisationId);
      if (!org) throw new ApiError('not-found', `No organisation "${request.params.organisationId}".`);
      const user = await store.organisations.userByEmail(request.body.email);
      if (!user) {
        throw new ApiError(
          'not-found',
          `No account uses ${request.body.email}. Ask them to create an account first.`,
          {
            errors: [{ path: 'body.email', message: 'No account with this e-mail address' }],
          },
        );
      }
      const actor = request.principal.kind === 'user' ? request.principal.userId : 'unknown';
      return store.organisations.setMember(
        { userId: user.id, organisationId: org.id, role: request.body.role },
        actor,
      );
    },
  );

  app.delete(
    '/v1/organisations/:organisationId/members/:userId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['organisations'],
        summary: 'Remove a member (their sessions keep working only as a public user)',
        params: OrgParams.extend({ userId: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...COMMON_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = request.principal.kind === 'user' ? request.principal.userId : 'unknown';
      const removed = await store.organisations.removeMember(
        { userId: request.params.userId, organisationId: request.params.organisationId },
        actor,
      );
      if (!removed) throw new ApiError('not-found', 'No such member.');
      return reply.code(204).send(null);
    },
  );
};
