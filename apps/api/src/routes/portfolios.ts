import {
  DecisionsResponse,
  Portfolio,
  PortfolioDecision,
  PortfolioReview,
  PortfolioServiceView,
  PortfoliosResponse,
} from '@costed/contract';
import { PortfolioService, ReviewThresholds } from '@costed/decommissioning';
import { PriceYear } from '@costed/schema';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import {
  addService,
  createPortfolio,
  DecisionBody,
  deletePortfolio,
  importServices,
  listDecisions,
  listPortfolios,
  loadPortfolio,
  readTemplate,
  recordDecision,
  removeService,
  replaceService,
  reviewCsv,
  reviewHtml,
  reviewPortfolioById,
  reviewXlsx,
  updatePortfolio,
} from '../services/portfolio-review.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const IdParams = z.object({ id: z.string().min(1).max(100).describe('The portfolio id (a UUID).') });
const ServiceParams = IdParams.extend({
  serviceId: z.string().min(1).max(100).describe('The service id (a UUID).'),
});
const PriceYearQuery = z
  .object({ priceYear: PriceYear.default('2024-25').describe('Price year every figure is compared at.') })
  .strict();

const WRITE_ERRORS = {
  ...COMMON_ERRORS,
  422: ProblemSchema.describe('The content is not valid (errors[] name each field or row and column).'),
} as const;

const PRIVATE =
  "Private to the owning council: members of that organisation and admins only; anyone else gets 404. API keys are refused (403): portfolios are not in any key's scope.";

/** Sends a file body (the typed reply only knows the documented string schema). */
function sendFile(reply: FastifyReply, body: string | Uint8Array): FastifyReply {
  return reply.send(
    typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  );
}

const fileResponse = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: z.string().describe(description) } },
});

/** A council's service portfolio: CRUD, import, review against the evidence, decisions and exports. */
export const portfolioRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => ({ store: app.services.store, reference: app.services.reference });
  const uploadLimit = app.services.config.uploadLimitBytes;

  // Raw uploads for the import route (encapsulated: only this plugin's routes see these parsers).
  app.addContentTypeParser(
    ['text/csv', XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: uploadLimit },
    (_request, body, done) => done(null, body),
  );

  for (const file of ['portfolio-template.csv', 'portfolio-template.xlsx'] as const) {
    app.get(
      `/v1/portfolios/templates/${file}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['portfolios'],
          summary: `Download the portfolio import template (${file.endsWith('.csv') ? 'CSV' : 'XLSX'})`,
          response: {
            200: fileResponse(
              file.endsWith('.csv') ? 'text/csv' : XLSX_TYPE,
              'The empty template, with headers.',
            ),
          },
        },
      },
      async (_request, reply) =>
        sendFile(
          reply
            .type(file.endsWith('.csv') ? 'text/csv; charset=utf-8' : XLSX_TYPE)
            .header('content-disposition', `attachment; filename="${file}"`)
            .header('cache-control', 'public, max-age=3600'),
          readTemplate(file),
        ),
    );
  }

  app.get(
    '/v1/portfolios',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: "Your council's portfolios",
        description: PRIVATE,
        querystring: z.object({ organisationId: z.string().min(1).max(100).optional() }).strict(),
        response: { 200: PortfoliosResponse, ...COMMON_ERRORS },
      },
    },
    async (request) => ({
      portfolios: await listPortfolios(deps(), request.principal, request.query.organisationId),
    }),
  );

  app.post(
    '/v1/portfolios',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Create a portfolio',
        description: `${PRIVATE} A member of several organisations names organisationId.`,
        body: z
          .object({
            organisationId: z.string().min(1).max(100).optional(),
            name: z.string().trim().min(1).max(200),
            thresholds: ReviewThresholds.partial().optional(),
            services: z.array(PortfolioService).max(2000).optional(),
          })
          .strict(),
        response: { 201: Portfolio, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPortfolio(deps(), request.principal, request.body)),
  );

  app.get(
    '/v1/portfolios/:id',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'One portfolio with its services',
        description: PRIVATE,
        params: IdParams,
        response: { 200: Portfolio, ...COMMON_ERRORS },
      },
    },
    async (request) => loadPortfolio(deps(), request.principal, request.params.id),
  );

  app.patch(
    '/v1/portfolios/:id',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Rename a portfolio or set its review thresholds',
        description: `${PRIVATE} Thresholds replace the ones set before; unset ones take the documented defaults.`,
        params: IdParams,
        body: z
          .object({
            name: z.string().trim().min(1).max(200).optional(),
            thresholds: ReviewThresholds.partial().optional(),
          })
          .strict(),
        response: { 200: Portfolio, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const { name, thresholds } = request.body;
      return updatePortfolio(deps(), request.principal, request.params.id, { name, thresholds });
    },
  );

  app.delete(
    '/v1/portfolios/:id',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Delete a portfolio (its decisions stay in the record)',
        description: PRIVATE,
        params: IdParams,
        response: { 204: z.null(), ...COMMON_ERRORS },
      },
    },
    async (request, reply) => {
      await deletePortfolio(deps(), request.principal, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/portfolios/:id/services',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Add a service',
        description: PRIVATE,
        params: IdParams,
        body: PortfolioService,
        response: { 201: PortfolioServiceView, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addService(deps(), request.principal, request.params.id, request.body)),
  );

  app.put(
    '/v1/portfolios/:id/services/:serviceId',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Replace a service (same id and position)',
        description: PRIVATE,
        params: ServiceParams,
        body: PortfolioService,
        response: { 200: PortfolioServiceView, ...WRITE_ERRORS },
      },
    },
    async (request) =>
      replaceService(deps(), request.principal, request.params.id, request.params.serviceId, request.body),
  );

  app.delete(
    '/v1/portfolios/:id/services/:serviceId',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Remove a service (its decisions stay in the record)',
        description: PRIVATE,
        params: ServiceParams,
        response: { 204: z.null(), ...COMMON_ERRORS },
      },
    },
    async (request, reply) => {
      await removeService(deps(), request.principal, request.params.id, request.params.serviceId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/portfolios/:id/import',
    {
      bodyLimit: uploadLimit,
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Import services from a CSV or XLSX file (the raw file as the body)',
        description: `${PRIVATE} Send the file itself with content-type text/csv or ${XLSX_TYPE}. The type is decided from the bytes. Everything is checked first: any problem answers 422 with errors[] (path "row 7, column \\"annual_cost\\"") and nothing is written. Files over UPLOAD_LIMIT_BYTES answer 413; other file types 415; zips with too many entries or too large an unpacked size 422. A valid file replaces the services (mode=replace, the default) or is added after them (mode=append), in one transaction.`,
        params: IdParams,
        querystring: z
          .object({
            mode: z.enum(['replace', 'append']).default('replace'),
            filename: z.string().max(200).optional().describe('Only used in messages.'),
          })
          .strict(),
        response: {
          200: Portfolio,
          ...WRITE_ERRORS,
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new ApiError(
          'unsupported-media-type',
          `Send the file itself as the body, with content-type text/csv or ${XLSX_TYPE}.`,
        );
      }
      return importServices(deps(), request.principal, request.params.id, {
        bytes: new Uint8Array(request.body),
        mode: request.query.mode,
        filename: request.query.filename,
        limitBytes: uploadLimit,
      });
    },
  );

  app.get(
    '/v1/portfolios/:id/review',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Review the portfolio against the published evidence',
        description: `${PRIVATE} Runs the seven decommissioning rules with the portfolio's thresholds, today's date and comparators derived from published case studies (cost per outcome and per participant at the price year, only where the costs are reported). Each flag names its rule, severity, evidence and threshold; each service has a recommendation and its latest decision.`,
        params: IdParams,
        querystring: PriceYearQuery,
        response: { 200: PortfolioReview, ...COMMON_ERRORS, 422: ProblemSchema },
      },
    },
    async (request) =>
      reviewPortfolioById(deps(), request.principal, request.params.id, request.query.priceYear),
  );

  const exportsOf = [
    { ext: 'csv', type: 'text/csv; charset=utf-8', label: 'CSV (one row per flag)' },
    {
      ext: 'xlsx',
      type: XLSX_TYPE,
      label: 'XLSX (a README sheet with the method stamp and thresholds, then the review)',
    },
    { ext: 'html', type: 'text/html; charset=utf-8', label: 'a printable HTML report for a cabinet paper' },
  ] as const;
  for (const format of exportsOf) {
    app.get(
      `/v1/portfolios/:id/review.${format.ext}`,
      {
        config: { access: 'council-member' },
        schema: {
          tags: ['portfolios'],
          summary: `The review as ${format.label}`,
          description: PRIVATE,
          params: IdParams,
          querystring: PriceYearQuery,
          response: {
            200: fileResponse(format.type.split(';')[0] ?? format.type, `The review as ${format.label}.`),
            ...COMMON_ERRORS,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const review = await reviewPortfolioById(
          deps(),
          request.principal,
          request.params.id,
          request.query.priceYear,
        );
        reply.type(format.type).header('cache-control', 'private, no-store');
        if (format.ext !== 'html') {
          reply.header('content-disposition', `attachment; filename="portfolio-review.${format.ext}"`);
        }
        if (format.ext === 'csv') return sendFile(reply, reviewCsv(review));
        if (format.ext === 'html') return sendFile(reply, reviewHtml(review));
        return sendFile(reply, await reviewXlsx(review));
      },
    );
  }

  app.post(
    '/v1/portfolios/:id/services/:serviceId/decisions',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: 'Record a decision about a service',
        description: `${PRIVATE} Who decided and when are taken from your session and today's date. Decisions are append-only and audited; the latest per service is the current one.`,
        params: ServiceParams,
        body: DecisionBody,
        response: { 201: PortfolioDecision, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordDecision(
            deps(),
            request.principal,
            request.params.id,
            request.params.serviceId,
            request.body,
          ),
        ),
  );

  app.get(
    '/v1/portfolios/:id/services/:serviceId/decisions',
    {
      config: { access: 'council-member' },
      schema: {
        tags: ['portfolios'],
        summary: "A service's decisions, oldest first",
        description: PRIVATE,
        params: ServiceParams,
        response: { 200: DecisionsResponse, ...COMMON_ERRORS },
      },
    },
    async (request) => ({
      decisions: await listDecisions(deps(), request.principal, request.params.id, request.params.serviceId),
    }),
  );
};
