import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Config } from '../env.ts';

/** OpenAPI 3.1 generated from the zod route schemas, at /openapi.json; human docs at /docs (assets served locally). */
export const openapiPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Costed API',
          version: '1.0.0',
          description:
            "Costed: costed case studies of children's-services redesigns in England. Money is integer pence with a price year; every figure cites its source. Errors are RFC 9457 problem+json.",
          license: { name: 'Data: CC BY 4.0; code: MIT', identifier: 'CC-BY-4.0' },
        },
        servers: [{ url: opts.config.publicUrl }],
        components: {
          securitySchemes: {
            apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
            session: { type: 'apiKey', in: 'cookie', name: 'costed_session' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'costed-openapi' },
);
