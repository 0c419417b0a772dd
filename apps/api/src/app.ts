import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Config, type ConfigInput } from './env.ts';
import { authPlugin } from './plugins/auth.ts';
import { clientErrorHandler, errorsPlugin, frameworkErrorHandler } from './plugins/errors.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { securityPlugin } from './plugins/security.ts';
import { appraisalRoutes } from './routes/appraisals.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { caseStudyRoutes } from './routes/case-studies.ts';
import { compareRoutes } from './routes/compare.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { portfolioRoutes } from './routes/portfolios.ts';
import { referenceRoutes } from './routes/reference.ts';
import { reviewRoutes } from './routes/review.ts';
import { submissionRoutes } from './routes/submissions.ts';
import type { AppServices } from './services/create-services.ts';

export interface BuildAppOptions {
  config?: ConfigInput;
  /** Everything the routes call. Plugin-level tests may pass a partial set that covers what they exercise. */
  services: AppServices;
  logger?: boolean;
}

/** Builds the API without listening: tests call `app.inject`, server.ts calls `listen`. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const config = Config.parse(options.config ?? {});
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // request.ip is the client's address, from X-Forwarded-For only when the peer is a trusted proxy.
    trustProxy: config.trustProxy === 'false' ? false : config.trustProxy,
    // Keys such as __proto__ and constructor in JSON bodies are refused rather than silently dropped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', options.services);

  await app.register(errorsPlugin);
  await app.register(securityPlugin, { config });
  await app.register(authPlugin, { directory: options.services.identity });
  await app.register(openapiPlugin, { config });
  await app.register(healthRoutes);
  // Plugin-level tests build the app with only identity services; routes need the full set.
  if ('store' in options.services) {
    await app.register(authRoutes);
    await app.register(appraisalRoutes);
    await app.register(compareRoutes);
    await app.register(exportRoutes);
    await app.register(submissionRoutes);
    await app.register(reviewRoutes);
    await app.register(auditRoutes);
    await app.register(caseStudyRoutes);
    await app.register(referenceRoutes);
    await app.register(organisationRoutes);
    await app.register(portfolioRoutes);
  }

  app.addHook('onClose', async () => options.services.close());
  return app;
}
