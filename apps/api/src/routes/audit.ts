import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS } from '../lib/problem-schema.ts';
import { AuditEventView, AuditQuery, listAudit } from '../services/workflow.ts';

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
          200: z.object({
            events: z.array(AuditEventView),
            nextBeforeId: z
              .number()
              .int()
              .nullable()
              .describe('Pass as beforeId for the next (older) page; null on the last page.'),
          }),
          ...COMMON_ERRORS,
        },
      },
    },
    async (request) => listAudit({ store: app.services.store }, request.query),
  );
};
