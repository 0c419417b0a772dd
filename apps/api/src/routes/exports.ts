import { Readable } from 'node:stream';
import { PriceYear } from '@costed/schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../lib/problem-schema.ts';
import {
  CACHE_CONTROL,
  createXlsxCache,
  EXPORT_TABLES,
  type ExportFile,
  FEED_LIMIT,
  matchesIfNoneMatch,
  prepareAtomFeed,
  prepareCsvExport,
  prepareDataPackage,
  prepareJsonExport,
  prepareXlsxExport,
  tableForFile,
} from '../services/open-data.ts';

const PriceYearQuery = z.object({
  priceYear: PriceYear.optional().describe(
    'Adds converted_* columns with every amount at this price year (HM Treasury GDP deflators; the release is recorded in deflator_release), e.g. 2024-25. A year outside the deflator series is refused.',
  ),
});

const TableParams = z.object({
  table: z
    .string()
    .min(1)
    .max(100)
    .describe(`The table: ${EXPORT_TABLES.map((t) => t.replaceAll('_', '-')).join(', ')}.`),
});

const NOT_MODIFIED = z.null().describe('Not modified: the If-None-Match header matched the ETag.');

/** A response that is not JSON, documented with its media type. */
const fileResponse = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: z.string().describe(description) } },
});

/** Sets the caching headers, answers 304 when the client already has this version, otherwise sends the file. */
async function sendExport(request: FastifyRequest, reply: FastifyReply, file: ExportFile) {
  reply.header('etag', file.etag).header('cache-control', CACHE_CONTROL);
  if (matchesIfNoneMatch(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
  reply.type(file.contentType);
  if (file.fileName) reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
  const body = await file.open();
  if (typeof body === 'string') return reply.send(body);
  if (body instanceof Uint8Array)
    return reply.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  return reply.send(Readable.from(body));
}

/** Open data: every published case study as CSV, JSON, JSON Lines, XLSX, a data package and an Atom feed. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  // One cache per app: workbooks are built once per content version and price year.
  const xlsxCache = createXlsxCache();

  app.get(
    '/v1/exports/:table.csv',
    {
      config: { access: 'public' },
      schema: {
        tags: ['open-data'],
        summary: 'One table of the published case studies as CSV',
        description:
          'Streamed RFC 4180 CSV (UTF-8, CRLF). Text cells that begin like a spreadsheet formula (=, +, -, @, tab, CR) are prefixed with a single quote. Empty amount cells mean "not reported", never zero; `not_reported_reason` says why. Column meanings are in datapackage.json.',
        params: TableParams,
        querystring: PriceYearQuery,
        response: {
          200: fileResponse('text/csv', 'The table as CSV, with a header row of column names.'),
          304: NOT_MODIFIED,
          400: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const table = tableForFile(request.params.table);
      return sendExport(request, reply, await prepareCsvExport(services, table, request.query));
    },
  );

  app.get(
    '/v1/exports/case-studies.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['open-data'],
        summary: 'The published case studies as a JSON array, as published',
        response: {
          200: fileResponse(
            'application/json',
            'An array of case-study documents (see the CaseStudy schema).',
          ),
          304: NOT_MODIFIED,
        },
      },
    },
    async (request, reply) => sendExport(request, reply, await prepareJsonExport(services, 'json')),
  );

  app.get(
    '/v1/exports/case-studies.jsonl',
    {
      config: { access: 'public' },
      schema: {
        tags: ['open-data'],
        summary: 'The published case studies as JSON Lines, one document per line',
        response: {
          200: fileResponse('application/jsonl', 'One case-study document per line.'),
          304: NOT_MODIFIED,
        },
      },
    },
    async (request, reply) => sendExport(request, reply, await prepareJsonExport(services, 'jsonl')),
  );

  app.get(
    '/v1/exports/case-studies.xlsx',
    {
      config: { access: 'public' },
      schema: {
        tags: ['open-data'],
        summary: 'All tables as one Excel workbook, with a README sheet',
        description:
          'A README sheet (licence CC BY 4.0, generation time, deflator release, every column described) then one sheet per table. Text cells are never formulas.',
        querystring: PriceYearQuery,
        response: {
          200: fileResponse(
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'The workbook (binary).',
          ),
          304: NOT_MODIFIED,
          400: ProblemSchema,
        },
      },
    },
    async (request, reply) =>
      sendExport(request, reply, await prepareXlsxExport(services, xlsxCache, request.query)),
  );

  app.get(
    '/v1/exports/datapackage.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['open-data'],
        summary: 'Frictionless Data Package describing the CSV tables',
        description:
          'Data Package v2: one resource per CSV table (absolute URLs), with field types and descriptions, primary and foreign keys, and the CC BY 4.0 licence.',
        response: {
          200: fileResponse('application/json', 'The datapackage.json descriptor.'),
          304: NOT_MODIFIED,
        },
      },
    },
    async (request, reply) => sendExport(request, reply, await prepareDataPackage(services)),
  );

  app.get(
    '/v1/feed.atom',
    {
      config: { access: 'public' },
      schema: {
        tags: ['open-data'],
        summary: `Atom feed of the ${FEED_LIMIT} most recently published case studies, newest first`,
        response: {
          200: fileResponse('application/atom+xml', 'An Atom 1.0 feed.'),
          304: NOT_MODIFIED,
        },
      },
    },
    async (request, reply) => sendExport(request, reply, await prepareAtomFeed(services)),
  );
};
