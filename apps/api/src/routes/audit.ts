import { AuditResponse } from '@costed/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COMMON_ERRORS } from '../lib/problem-schema.ts';
import { AuditQuery, listAudit } from '../services/workflow.ts';

/** The audit log for admins: who did what, when, and what changed. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first',
        querystring: AuditQuery,
        response: {
          200: AuditResponse,
          ...COMMON_ERRORS,
        },
      },
    },
    async (request) => listAudit({ store: app.services.store }, request.query),
  );
};
