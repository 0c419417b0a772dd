import { WithdrawResult } from '@costed/contract';
import { Money } from '@costed/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApiInvalidResponse,
  ApiProblem,
  ApiUnreachable,
  buildApiUrl,
  createApiClient,
} from './api-client.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A fake fetch that records calls and answers with the given response (or throws the given error). */
function fakeFetch(answer: Response | Error | (() => Response | Error)): {
  fetch: typeof globalThis.fetch;
  calls: Call[];
} {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const result = typeof answer === 'function' ? answer() : answer;
    if (result instanceof Error) throw result;
    return result;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('createApiClient', () => {
  it('GETs a path under the base URL and returns the body parsed with the shared schema', async () => {
    const { fetch, calls } = fakeFetch(json({ pence: 123_400, priceYear: '2024-25' }));
    const api = createApiClient({ baseUrl: 'http://api.test:4000/', fetch });
    const money = await api.get('/money', Money, {
      query: { q: 'edge of care', strand: ['a', 'b'], x: undefined },
    });
    expect(money).toEqual({ pence: 123_400, priceYear: '2024-25' });
    expect(calls[0]?.url).toBe('http://api.test:4000/money?q=edge+of+care&strand=a&strand=b');
    expect(calls[0]?.init?.method).toBe('GET');
    expect(calls[0]?.init?.body).toBeUndefined();
  });

  it('POSTs JSON with the content type and forwarded headers', async () => {
    const { fetch, calls } = fakeFetch(json({ id: 'abc' }, 201));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    const created = await api.post('/drafts', { title: 'No Wrong Door' }, z.object({ id: z.string() }), {
      headers: { cookie: 'session=1' },
    });
    expect(created).toEqual({ id: 'abc' });
    const headers = calls[0]?.init?.headers as Record<string, string>;
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{"title":"No Wrong Door"}');
    expect(headers['content-type']).toBe('application/json');
    expect(headers.cookie).toBe('session=1');
  });

  it('turns a problem+json answer into an ApiProblem with code, detail and field errors', async () => {
    const problem = {
      type: '/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: '1 field(s) failed validation: body.costs.0.money.priceYear',
      instance: '/case-studies',
      code: 'validation-failed',
      errors: [{ path: 'body.costs.0.money.priceYear', message: 'Use a price year like 2012-13' }],
      traceId: 't-1',
    };
    const { fetch } = fakeFetch(json(problem, 400, 'application/problem+json'));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    const error = await api.post('/case-studies', {}, z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    const p = error as ApiProblem;
    expect(p.status).toBe(400);
    expect(p.code).toBe('validation-failed');
    expect(p.detail).toBe(problem.detail);
    expect(p.message).toBe(problem.detail);
    expect(p.title).toBe('The request is not valid');
    expect(p.instance).toBe('/case-studies');
    expect(p.errors).toEqual(problem.errors);
    expect(p.errorFor('body.costs.0.money.priceYear')).toBe('Use a price year like 2012-13');
    expect(p.errorFor('body.title')).toBeUndefined();
    expect(p.problem?.traceId).toBe('t-1');
  });

  it('turns a non-problem error answer into an ApiProblem with an http-<status> code', async () => {
    const { fetch } = fakeFetch(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    const error = (await api.get('/health', z.unknown()).catch((e: unknown) => e)) as ApiProblem;
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.code).toBe('http-502');
    expect(error.status).toBe(502);
    expect(error.errors).toEqual([]);
    expect(error.detail).toContain('HTTP 502');
  });

  it('turns a network failure into ApiUnreachable naming the URL and what to check', async () => {
    const { fetch } = fakeFetch(new TypeError('fetch failed'));
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:9', fetch });
    const error = (await api.get('/health', z.unknown()).catch((e: unknown) => e)) as ApiUnreachable;
    expect(error).toBeInstanceOf(ApiUnreachable);
    expect(error.code).toBe('api-unreachable');
    expect(error.url).toBe('http://127.0.0.1:9/health');
    expect(error.message).toContain('API_URL');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('reports a timeout as api-timeout', async () => {
    const { fetch } = fakeFetch(new DOMException('The operation timed out.', 'TimeoutError'));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    const error = (await api.get('/slow', z.unknown()).catch((e: unknown) => e)) as ApiUnreachable;
    expect(error.code).toBe('api-timeout');
  });

  it('refuses a 2xx answer that does not match the schema', async () => {
    const { fetch } = fakeFetch(json({ pence: 12.5, priceYear: '2024-25' }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    const error = (await api.get('/money', Money).catch((e: unknown) => e)) as ApiInvalidResponse;
    expect(error).toBeInstanceOf(ApiInvalidResponse);
    expect(error.code).toBe('api-invalid-response');
    expect(error.issues[0]?.path).toEqual(['pence']);
    expect(error.message).toContain('pence');
  });

  it('reads an answer with the API contract when the API has added a field, and refuses a changed one', async () => {
    const answer = {
      slug: 'east-riding-early-help-shift',
      status: 'withdrawn',
      version: 3,
      reason: 'Superseded by a fuller evaluation.',
      withdrawnSubmissions: [],
      addedLater: 'a field this site version does not know',
    };
    const added = createApiClient({ baseUrl: 'http://api.test', fetch: fakeFetch(json(answer)).fetch });
    const read = await added.post(
      '/v1/case-studies/east-riding-early-help-shift/withdraw',
      {},
      WithdrawResult,
    );
    expect(read.version).toBe(3);
    expect(read).not.toHaveProperty('addedLater');

    const changed = createApiClient({
      baseUrl: 'http://api.test',
      fetch: fakeFetch(json({ ...answer, version: '3' })).fetch,
    });
    const error = await changed.post('/v1/x', {}, WithdrawResult).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiInvalidResponse);
    expect((error as ApiInvalidResponse).issues[0]?.path).toEqual(['version']);
  });

  it('refuses a 2xx answer whose body is not JSON', async () => {
    const { fetch } = fakeFetch(new Response('not json', { status: 200 }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    await expect(api.get('/x', z.unknown())).rejects.toThrow(/not JSON/);
  });
});

describe('buildApiUrl', () => {
  it('refuses a path without a leading slash', () => {
    expect(() => buildApiUrl('http://api.test', 'health')).toThrow(/start with "\/"/);
  });

  it('keeps a base path', () => {
    expect(buildApiUrl('https://example.org/api/', '/v1/case-studies')).toBe(
      'https://example.org/api/v1/case-studies',
    );
  });
});
