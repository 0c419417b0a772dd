import { CaseStudyResponse, SearchResponse, VersionsResponse } from '@costed/contract';
import { PriceYear } from '@costed/schema';
import { SearchQuery, SearchSort } from '@costed/search';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, ProblemSchema } from '../lib/problem-schema.ts';
import {
  convertCaseStudy,
  evidenceLevelDefinition,
  getPublished,
  searchCaseStudies,
  versionHistory,
} from '../services/catalogue.ts';

/** A repeatable query parameter: `?council=A&council=B` or `?council=A,B`. */
const many = <T extends z.ZodType>(item: T) =>
  z
    .preprocess(
      (v) =>
        v === undefined
          ? undefined
          : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean),
      z.array(item).max(50),
    )
    .optional();

const SearchQuerystring = z
  .object({
    q: z.string().max(200).optional().describe('Words to search for (typos, acronyms and synonyms allowed).'),
    council: many(z.string()).describe('Council GSS codes (any of).'),
    region: many(z.string()).describe('Regions (any of).'),
    policyStrand: many(z.string()).describe('Policy strands (any of).'),
    serviceArea: many(z.string()).describe('Service areas (any of).'),
    deliveryModel: many(z.string()).describe('Delivery models (any of).'),
    evidenceLevel: many(z.coerce.number().int()).describe('Evidence levels 0–4 (any of).'),
    costBand: many(z.string()).describe('Cost-per-participant bands (any of).'),
    year: many(z.string()).describe('First year of the period (any of).'),
    sort: SearchSort.optional(),
    page: z.coerce.number().int().min(1).max(1000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
    facets: z.enum(['true', 'false']).optional().describe('Return facet counts (default true).'),
  })
  .strict();

const SlugParams = z.object({ slug: z.string().min(1).max(120) });

export const caseStudyRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/v1/case-studies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['case studies'],
        summary: 'Search published case studies, with filters, facets, sort and pagination',
        querystring: SearchQuerystring,
        response: { 200: SearchResponse, 400: ProblemSchema },
      },
    },
    async (request) => {
      const { q, sort, page, pageSize, facets, ...filters } = request.query;
      const query = SearchQuery.safeParse({
        ...(q ? { q } : {}),
        filters: Object.fromEntries(
          Object.entries(filters).filter(([, v]) => v !== undefined && v.length > 0),
        ),
        ...(sort ? { sort } : {}),
        ...(page ? { page } : {}),
        ...(pageSize ? { pageSize } : {}),
        facets: facets !== 'false',
      });
      if (!query.success) {
        const { ApiError } = await import('../errors.ts');
        throw new ApiError('validation-failed', 'The search has invalid filters.', {
          errors: query.error.issues.map((i) => ({
            path: `querystring.${i.path.filter((p) => p !== 'filters').join('.')}`,
            message: i.message,
            code: i.code,
          })),
        });
      }
      return searchCaseStudies(services, query.data);
    },
  );

  app.get(
    '/v1/case-studies/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags: ['case studies'],
        summary:
          'A published case study; ?priceYear= adds every money figure converted, with the method stamp',
        params: SlugParams,
        querystring: z
          .object({
            priceYear: PriceYear.optional().describe('Convert money to this price year, e.g. 2024-25.'),
          })
          .strict(),
        response: { 200: CaseStudyResponse, ...COMMON_ERRORS, 410: ProblemSchema },
      },
    },
    async (request) => {
      const record = await getPublished(services, request.params.slug);
      const priceYear = request.query.priceYear;
      return {
        caseStudy: record.document,
        version: record.currentVersion,
        status: record.status,
        publishedAt: record.updatedAt,
        evidenceLevel: evidenceLevelDefinition(record.document.evidence.level),
        ...(priceYear ? { converted: await convertCaseStudy(services, record.document, priceYear) } : {}),
      };
    },
  );

  app.get(
    '/v1/case-studies/:slug/versions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['case studies'],
        summary:
          'Version history of a case study, with what changed between versions (kept after withdrawal)',
        params: SlugParams,
        response: {
          200: VersionsResponse,
          404: ProblemSchema,
        },
      },
    },
    async (request) => ({
      slug: request.params.slug,
      versions: await versionHistory(services, request.params.slug),
    }),
  );
};
