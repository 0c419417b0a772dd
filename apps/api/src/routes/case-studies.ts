import { CaseStudy, PriceYear } from '@costed/schema';
import { CostBand, FACETS, SearchQuery, SearchSort } from '@costed/search';
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

const FacetValueSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
const SearchHitSchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  highlights: z.array(
    z.object({
      field: z.string(),
      snippet: z.string().describe('HTML-escaped text with <mark> around matches.'),
    }),
  ),
  score: z.number(),
  version: z.number().int(),
  intervention: z.string(),
  councils: z.array(z.object({ code: z.string(), name: z.string() })),
  regions: z.array(z.string()),
  policyStrand: z.string(),
  serviceAreas: z.array(z.string()),
  deliveryModel: z.string(),
  evidenceLevel: z.number().int(),
  evidenceResult: z.string(),
  costPerParticipantPence: z.number().int().nullable(),
  totalCostPence: z.number().int().nullable(),
  priceYear: z.string().nullable(),
  costBand: CostBand,
  year: z.string(),
  publishedAt: z.string().nullable(),
});
const SearchResponse = z.object({
  hits: z.array(SearchHitSchema),
  total: z.number().int().describe('Exact number of matching case studies.'),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.partialRecord(z.enum(FACETS), z.array(FacetValueSchema)),
  synonymsUsed: z.array(z.string()),
  fuzzyUsed: z.boolean(),
});

const Money = z.object({ pence: z.number().int(), priceYear: z.string() });
const ConvertedFigure = z.object({
  label: z.string(),
  original: Money.nullable(),
  converted: Money.nullable(),
  note: z.string().nullable(),
});
const Stamp = z.object({
  methodVersion: z.string(),
  deflatorRelease: z.string().nullable(),
  discountSchedule: z.object({ id: z.string(), edition: z.string() }).optional(),
  seed: z.number().optional(),
  iterations: z.number().optional(),
});
const CaseStudyResponse = z.object({
  caseStudy: CaseStudy,
  version: z.number().int(),
  status: z.string(),
  publishedAt: z.string().describe('When this version was published.'),
  evidenceLevel: z
    .object({
      level: z.number(),
      name: z.string(),
      definition: z.string(),
      eif: z.string(),
      maryland: z.string(),
    })
    .nullable(),
  converted: z
    .object({
      priceYear: z.string(),
      costs: z.array(ConvertedFigure),
      savings: z.array(ConvertedFigure),
      summary: z.object({
        priceYear: z.string(),
        totalPence: z.number().int().nullable(),
        perParticipantPence: z.number().int().nullable(),
        perParticipantBasis: z.string().nullable(),
        notReportedLines: z.number().int(),
        deflatorRelease: z.string().nullable(),
      }),
      stamp: Stamp,
    })
    .optional()
    .describe('Present when ?priceYear= is given: every money figure converted, with the method stamp.'),
});

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
          200: z.object({
            slug: z.string(),
            versions: z.array(
              z.object({
                version: z.number().int(),
                status: z.string(),
                createdAt: z.string(),
                changeNote: z.string().nullable(),
                contentHash: z.string(),
                changes: z.array(
                  z.object({
                    path: z.string(),
                    type: z.enum(['added', 'removed', 'changed']),
                    before: z.unknown().optional(),
                    after: z.unknown().optional(),
                  }),
                ),
              }),
            ),
          }),
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
