import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ApiError, type ErrorCode, type FieldError, serialiseProblem, toProblem } from '../errors.ts';

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
  FST_ERR_MAX_PARAM_LENGTH: 'uri-too-long',
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
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
  503: 'service-unavailable',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send(serialiseProblem(toProblem(error, request.url.split('?')[0])));
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

function findNul(value: unknown, path: string, found: FieldError[] = [], depth = 0): FieldError[] {
  if (found.length >= 20 || depth > 64) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      found.push({ path, message: 'contains a NUL character (U+0000)', code: 'nul-character' });
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) findNul(v, `${path}.${i}`, found, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000'))
        found.push({
          path: `${path}.${k.replaceAll('\u0000', '')}`,
          message: 'a key contains a NUL character',
          code: 'nul-character',
        });
      findNul(v, `${path}.${k}`, found, depth + 1);
    }
  }
  return found;
}

/** Framework-level refusals (bad URL, over-long parameter) answered as problem+json like everything else. */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const code = FASTIFY_CODES[error.code] ?? 'validation-failed';
  void sendProblem(reply, request, new ApiError(code, error.message || 'The request could not be read.'));
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, malformed request line):
 * answered as problem+json on the raw socket, as Fastify's default handler does with plain JSON.
 */
export function clientErrorHandler(
  error: Error & { code?: string },
  socket: import('node:net').Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request header fields too large',
          'The request line or headers are too large; shorten the URL or the headers.',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request timeout', 'The request was not received in time; try again.']
        : [400, 'Bad request', 'The request could not be parsed as HTTP.'];
  const body = JSON.stringify({
    type: `/problems/http-${status}`,
    title,
    status,
    detail,
    code: `http-${status}`,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
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

    // PostgreSQL cannot store U+0000 in text or JSONB; refuse it here, naming the field, rather than let it
    // reach the store as a 500.
    app.addHook('preValidation', async (request) => {
      const errors = [
        ...findNul(request.params, 'params'),
        ...findNul(request.query, 'querystring'),
        ...findNul(request.body, 'body'),
      ];
      if (errors.length > 0) {
        throw new ApiError(
          'validation-failed',
          'The request contains a NUL character (U+0000), which no field may hold.',
          {
            errors,
          },
        );
      }
    });

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
