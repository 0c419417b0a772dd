import { REFERENCE_RESPONSES } from '@costed/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReferenceSnapshot } from '../services/reference-cache.ts';

/** Each reference table, the schema it is served with, and how to read it from the cached snapshot. */
const TABLES = {
  deflators: {
    summary: 'HM Treasury GDP deflator series (financial and calendar years), with their release',
    schema: REFERENCE_RESPONSES.deflators,
    read: (r: ReferenceSnapshot) => r.deflators,
  },
  'discount-rates': {
    summary: 'Green Book discount schedules (standard STPR, health), by band of years',
    schema: REFERENCE_RESPONSES['discount-rates'],
    read: (r: ReferenceSnapshot) => r.discountSchedules,
  },
  'unit-costs': {
    summary:
      'Unit costs of outcomes and services, each with its source, price year and the agency that bears it',
    schema: REFERENCE_RESPONSES['unit-costs'],
    read: (r: ReferenceSnapshot) => r.unitCosts,
  },
  councils: {
    summary: "Councils with children's services: GSS code, type, region and children's population",
    schema: REFERENCE_RESPONSES.councils,
    read: (r: ReferenceSnapshot) => r.councils,
  },
  indicators: {
    summary: 'The outcome-indicator taxonomy: unit, which direction is better, linked unit costs',
    schema: REFERENCE_RESPONSES.indicators,
    read: (r: ReferenceSnapshot) => r.indicators,
  },
  synonyms: {
    summary: 'Search synonym groups (acronyms and other names commissioners use)',
    schema: REFERENCE_RESPONSES.synonyms,
    read: (r: ReferenceSnapshot) => r.synonyms,
  },
} as const;

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const [name, table] of Object.entries(TABLES)) {
    app.get(
      `/v1/reference/${name}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['reference'],
          summary: table.summary,
          response: {
            200: table.schema,
            304: z.null().describe('Not modified'),
          },
        },
      },
      async (request, reply) => {
        const snapshot = await app.services.reference.get();
        const etag = `"${name}:${Buffer.from(snapshot.version).toString('base64url').slice(-40)}"`;
        reply.header('etag', etag).header('cache-control', 'public, max-age=300');
        if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
        return { items: table.read(snapshot) as never, version: snapshot.version };
      },
    );
  }
};
