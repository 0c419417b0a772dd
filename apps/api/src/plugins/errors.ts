import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ApiError, type ErrorCode, type FieldError, toProblem } from '../errors.ts';

/** Framework error codes that are the client's doing, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation-failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported-media-type',
  FST_ERR_VALIDATION: 'validation-failed',
  FST_ERR_BAD_URL: 'route-not-found',
  FST_ERR_ASYNC_CONSTRAINT: 'validation-failed',
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation-failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
  503: 'service-unavailable',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send(JSON.stringify(toProblem(error, request.url.split('?')[0])));
}

function validationErrors(error: FastifyError): FieldError[] {
  const where = (error as { validationContext?: string }).validationContext ?? 'request';
  return (error.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    return { path: path ? `${where}.${path}` : where, message: v.message ?? 'is not valid', code: v.keyword };
  });
}

/** Turns anything thrown into an ApiError; never leaks a stack or an internal message. */
export function normaliseError(error: unknown, log: FastifyInstance['log']): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as FastifyError & { statusCode?: number };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const errors = validationErrors(e);
    return new ApiError(
      'validation-failed',
      `${errors.length} field(s) failed validation: ${errors.map((f) => f.path).join(', ')}`,
      {
        errors,
      },
    );
  }
  if (e && typeof e === 'object' && isResponseSerializationError(e as never)) {
    log.error({ err: e }, 'response did not match its schema');
    return new ApiError('internal', 'The server produced an invalid response. The error has been logged.');
  }
  if (e?.code && FASTIFY_CODES[e.code]) {
    const code = FASTIFY_CODES[e.code] as ErrorCode;
    const errors = e.validation ? validationErrors(e) : undefined;
    return new ApiError(code, e.message, errors ? { errors } : {});
  }
  if (e instanceof SyntaxError) return new ApiError('malformed-json', 'The request body is not valid JSON.');
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new ApiError(BY_STATUS[status] ?? 'validation-failed', e.message || 'The request was refused.');
  }
  if (status === 503)
    return new ApiError('service-unavailable', e.message || 'The service is busy; try again shortly.');
  log.error({ err: e }, 'unhandled error');
  return new ApiError(
    'internal',
    'Something went wrong on our side. The error has been logged; please try again.',
  );
}

interface KnownRoute {
  method: string;
  pattern: RegExp;
}

function compileRoute(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) return '[^/]+';
      if (seg === '*') return '.*';
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/** RFC 9457 problem+json for every error, including unknown routes (404) and wrong methods (405). */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    const routes: KnownRoute[] = [];
    app.addHook('onRoute', (route) => {
      // A bare catch-all (CORS registers `OPTIONS *`) says nothing about which paths exist.
      if (route.url === '*' || route.url === '/*') return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) routes.push({ method, pattern: compileRoute(route.url) });
    });

    app.setErrorHandler((error, request, reply) =>
      sendProblem(reply, request, normaliseError(error, request.log)),
    );

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
      if (allowed.length > 0) {
        reply.header('allow', allowed.join(', '));
        return sendProblem(
          reply,
          request,
          new ApiError(
            'method-not-allowed',
            `${request.method} is not allowed on ${path}. Allowed: ${allowed.join(', ')}.`,
          ),
        );
      }
      return sendProblem(
        reply,
        request,
        new ApiError('route-not-found', `There is no route ${request.method} ${path}. See /docs.`),
      );
    });
  },
  { name: 'costed-errors' },
);
