import { ReviewQueueResponse, ReviewResult, WithdrawResult } from '@costed/contract';
import { Slug } from '@costed/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import { ReviewAction, reviewQueue, reviewSubmission, withdrawCaseStudy } from '../services/workflow.ts';

const ERRORS = {
  ...COMMON_ERRORS,
  409: ProblemSchema.describe(
    'invalid-transition: the current status does not allow this; conflict: it changed since you loaded it.',
  ),
  422: ProblemSchema.describe(
    'personal-data-found in your text, or unprocessable: the case study is incomplete (errors[] by document.… path).',
  ),
} as const;

/** Curators' side of the workflow: the review queue, decisions, and withdrawal of published case studies. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => ({ store: app.services.store, worker: app.services.worker });

  app.get(
    '/v1/review-queue',
    {
      config: { access: 'curator' },
      schema: {
        tags: ['curation'],
        summary: 'Submissions waiting for review, longest-waiting first',
        description:
          'Each carries the personal-data scan result (findings) and the small-count flags (counts under 10 in outcomes) for the curator to judge.',
        response: { 200: ReviewQueueResponse, ...COMMON_ERRORS },
      },
    },
    async () => ({ submissions: await reviewQueue(deps()) }),
  );

  app.post(
    '/v1/submissions/:id/review',
    {
      config: { access: 'curator' },
      schema: {
        tags: ['curation'],
        summary: 'Request changes, publish, or reject a submitted case study',
        description:
          'request-changes: back to the council with comments (status changes-requested). publish: sets the evidence assessment and stores the case study as a new published version; search finds it at once. reject: the submission returns to draft with the reason recorded (nothing is deleted). Each is an audit event.',
        params: z.object({ id: z.uuid('A submission id is a UUID') }),
        body: ReviewAction,
        response: {
          200: ReviewResult,
          ...ERRORS,
        },
      },
    },
    async (request) => reviewSubmission(deps(), request.principal, request.params.id, request.body),
  );

  app.post(
    '/v1/case-studies/:slug/withdraw',
    {
      config: { access: 'curator' },
      schema: {
        tags: ['curation'],
        summary: 'Withdraw a published case study (its history is kept)',
        description:
          'Stores a new version with status withdrawn; earlier versions remain readable. Search stops finding it at once.',
        params: z.object({ slug: Slug }),
        body: z
          .object({
            reason: z
              .string()
              .trim()
              .min(5, 'Give the reason in a few words')
              .max(5000)
              .describe('Why it is withdrawn; recorded in the audit log and the version note.'),
          })
          .strict(),
        response: {
          200: WithdrawResult,
          ...ERRORS,
        },
      },
    },
    async (request) => withdrawCaseStudy(deps(), request.principal, request.params.slug, request.body.reason),
  );
};
