import {
  ReviewEventsResponse,
  Submission,
  SubmissionStatus,
  SubmissionsResponse,
  SubmissionWithScan,
} from '@costed/contract';
import { Slug } from '@costed/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import {
  createSubmission,
  DraftDocument,
  getSubmission,
  listSubmissions,
  submissionEvents,
  submitSubmission,
  updateSubmission,
} from '../services/workflow.ts';

const IdParams = z.object({ id: z.uuid('A submission id is a UUID') });
const ExpectedVersion = z
  .number()
  .int()
  .positive()
  .describe('The version you loaded; if the submission changed since, the request fails with 409.');

const WRITE_ERRORS = {
  ...COMMON_ERRORS,
  409: ProblemSchema.describe('Someone changed it since you loaded it, or its status does not allow this.'),
  422: ProblemSchema.describe(
    'Personal data was found (personal-data-found: errors[] name each field, findings[] the span and reason), or the case study is incomplete (unprocessable).',
  ),
} as const;

/** Council members' side of the workflow: drafts, edits, submission for review, and the review history. */
export const submissionRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => ({ store: app.services.store, worker: app.services.worker });

  app.post(
    '/v1/submissions',
    {
      config: { access: 'council-member', scope: 'submissions:write' },
      schema: {
        tags: ['submissions'],
        summary: "Start a draft case study for the caller's organisation",
        description:
          'Every text field is scanned for personal data first; any finding refuses the request with 422 and nothing is saved. A member of several organisations names organisationId.',
        body: z
          .object({
            organisationId: z
              .string()
              .min(1)
              .max(100)
              .optional()
              .describe('Needed only by members of several organisations.'),
            targetSlug: Slug.optional().describe(
              'Update an existing case study: on publication the draft becomes its next version.',
            ),
            document: DraftDocument,
          })
          .strict(),
        response: { 201: Submission, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const created = await createSubmission(deps(), request.principal, request.body);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/v1/submissions',
    {
      config: { access: 'council-member', scope: 'submissions:read' },
      schema: {
        tags: ['submissions'],
        summary: "Your organisation's submissions (curators: everyone's)",
        querystring: z
          .object({
            status: SubmissionStatus.optional(),
            organisationId: z.string().min(1).max(100).optional(),
          })
          .strict(),
        response: { 200: SubmissionsResponse, ...COMMON_ERRORS },
      },
    },
    async (request) => ({
      submissions: await listSubmissions(deps(), request.principal, request.query),
    }),
  );

  app.get(
    '/v1/submissions/:id',
    {
      config: { access: 'council-member', scope: 'submissions:read' },
      schema: {
        tags: ['submissions'],
        summary: 'One submission, with its personal-data scan result',
        description: "Another organisation's submission answers 404, so its existence does not leak.",
        params: IdParams,
        response: { 200: SubmissionWithScan, ...COMMON_ERRORS },
      },
    },
    async (request) => getSubmission(deps(), request.principal, request.params.id),
  );

  app.patch(
    '/v1/submissions/:id',
    {
      config: { access: 'council-member', scope: 'submissions:write' },
      schema: {
        tags: ['submissions'],
        summary: 'Replace a draft (while draft or changes-requested)',
        params: IdParams,
        body: z.object({ document: DraftDocument, expectedVersion: ExpectedVersion }).strict(),
        response: { 200: Submission, ...WRITE_ERRORS },
      },
    },
    async (request) => updateSubmission(deps(), request.principal, request.params.id, request.body),
  );

  app.post(
    '/v1/submissions/:id/submit',
    {
      config: { access: 'council-member', scope: 'submissions:write' },
      schema: {
        tags: ['submissions'],
        summary: 'Send a draft for review',
        description:
          'Checks the whole case study (each failing field as a document.… path; the evidence assessment may be left to the curator) and scans it for personal data.',
        params: IdParams,
        // No body at all is fine (Fastify passes null): the version check is optional here.
        body: z.object({ expectedVersion: ExpectedVersion.optional() }).strict().nullish(),
        response: { 200: Submission, ...WRITE_ERRORS },
      },
    },
    async (request) =>
      submitSubmission(deps(), request.principal, request.params.id, {
        expectedVersion: request.body?.expectedVersion,
      }),
  );

  app.get(
    '/v1/submissions/:id/events',
    {
      config: { access: 'council-member', scope: 'submissions:read' },
      schema: {
        tags: ['submissions'],
        summary: "A submission's review history, oldest first",
        params: IdParams,
        response: { 200: ReviewEventsResponse, ...COMMON_ERRORS },
      },
    },
    async (request) => ({ events: await submissionEvents(deps(), request.principal, request.params.id) }),
  );
};
