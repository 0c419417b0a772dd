import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../env.ts';
import { ApiError } from '../errors.ts';

/** Headers, CORS allowlist, rate limits and load shedding; all errors leave as problem+json. */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const { config } = opts;
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // The docs page (swagger-ui) needs its own inline styles; scripts stay 'self' only.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-site' },
    });

    const allowed = new Set([config.siteUrl, ...config.corsOrigins]);
    await app.register(cors, {
      origin: (origin, cb) => {
        // Same-origin and non-browser requests carry no Origin header.
        if (!origin || allowed.has(origin)) cb(null, true);
        else cb(null, false);
      },
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    });

    await app.register(rateLimit, {
      global: true,
      max: config.rateLimitMax,
      timeWindow: '1 minute',
      // Keyed by API key when one is sent, otherwise by client address.
      keyGenerator: (request) => {
        const key = request.headers['x-api-key'];
        return typeof key === 'string' && key.length > 0 ? `key:${key.slice(0, 16)}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) =>
        new ApiError(
          'rate-limited',
          `Rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${context.after}.`,
          {
            extensions: { retryAfter: context.after },
          },
        ),
    });

    // A bound on concurrent requests: the queue a flood can build (memory, latency) stays bounded, and a
    // closed-loop client with fewer connections than the bound is never refused.
    if (config.maxRequestsInFlight > 0) {
      let inFlight = 0;
      app.addHook('onRequest', async (_request, reply) => {
        if (inFlight >= config.maxRequestsInFlight) {
          reply.header('retry-after', '5');
          throw new ApiError(
            'service-unavailable',
            `The service is serving ${inFlight} requests, its limit; retry in a few seconds.`,
            { extensions: { retryAfter: 5 } },
          );
        }
        inFlight += 1;
        // 'close' fires once however the exchange ends: sent, failed or aborted by the client.
        reply.raw.once('close', () => {
          inFlight -= 1;
        });
      });
    }

    await app.register(underPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      maxHeapUsedBytes: config.maxHeapUsedBytes,
      sampleInterval: 250,
      exposeStatusRoute: false,
      pressureHandler: (_request, reply, type, value) => {
        reply.header('retry-after', '5');
        throw new ApiError(
          'service-unavailable',
          `The service is overloaded (${type}: ${value}); retry in a few seconds.`,
          {
            extensions: { retryAfter: 5 },
          },
        );
      },
    });
  },
  { name: 'costed-security' },
);
