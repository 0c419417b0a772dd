import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSiteEnv } from '../env.ts';
import { ApiProblem } from '../lib/api-client.ts';
import { importPortfolioFile, recordDecision, relayDownload } from './portfolio-api.ts';

interface Seen {
  url: string;
  init: RequestInit;
}

/** Replaces fetch with one answer and records what was sent. */
function answer(response: Response): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return response;
    }),
  );
  return seen;
}

// The API base the helpers read from the environment (API_URL, or its default).
const API = readSiteEnv().API_URL;

const problem = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('importPortfolioFile', () => {
  it('sends the file as the raw body with its name in the query and the session cookie', async () => {
    const seen = answer(new Response('{}', { status: 200 }));
    const file = new File(['name,annual_cost\nA,1\n'], 'services.csv', { type: 'text/csv' });
    await importPortfolioFile('tok en', 'p1', file);
    expect(seen).toHaveLength(1);
    const [call] = seen;
    expect(call?.url).toBe(`${API}/v1/portfolios/p1/import?filename=services.csv`);
    const headers = call?.init.headers as Record<string, string>;
    // The API decides the type from the bytes, so the browser's claim is not passed on.
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(headers.cookie).toBe('costed.session_token=tok%20en');
    expect(new TextDecoder().decode(call?.init.body as Uint8Array)).toBe('name,annual_cost\nA,1\n');
  });

  it("throws the API's problem with every row and column error", async () => {
    answer(
      problem(422, {
        code: 'unprocessable',
        detail: 'The file has 2 problem(s); nothing was imported.',
        errors: [
          {
            path: 'row 3, column "annual_cost"',
            message: 'row 3, column "annual_cost": "about 80k" is not …',
          },
          { path: 'row 4, column "name"', message: 'row 4, column "name": required' },
        ],
      }),
    );
    const error = await importPortfolioFile('t', 'p1', new File(['x'], 'x.csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(422);
    expect((error as ApiProblem).errors.map((e) => e.path)).toEqual([
      'row 3, column "annual_cost"',
      'row 4, column "name"',
    ]);
  });
});

describe('recordDecision', () => {
  it('posts the decision with the recommendation it departs from, and no author or date', async () => {
    const seen = answer(
      new Response(
        JSON.stringify({
          serviceId: 's1',
          decision: 'keep',
          rationale: 'r'.repeat(40),
          decidedBy: 'Pat',
          decidedOn: '2026-11-23',
        }),
        { status: 201 },
      ),
    );
    const recorded = await recordDecision('t', 'p1', 's/1', {
      decision: 'keep',
      rationale: 'r'.repeat(40),
      recommendation: 'evaluate-before-deciding',
      reviewedOn: '2026-11-23',
    });
    expect(recorded.decidedBy).toBe('Pat');
    expect(seen[0]?.url).toBe(`${API}/v1/portfolios/p1/services/s%2F1/decisions`);
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({
      decision: 'keep',
      rationale: 'r'.repeat(40),
      recommendation: 'evaluate-before-deciding',
      reviewedOn: '2026-11-23',
    });
  });
});

describe('relayDownload', () => {
  it('answers a review export as a private attachment from the site', async () => {
    const seen = answer(
      new Response('service_id,service\n', { headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    );
    const response = await relayDownload(
      '/v1/portfolios/p1/review.csv?priceYear=2024-25',
      't',
      'portfolio-review.csv',
    );
    expect(seen[0]?.url).toBe(`${API}/v1/portfolios/p1/review.csv?priceYear=2024-25`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="portfolio-review.csv"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toBe('service_id,service\n');
  });

  it('downloads the printable report rather than showing it under the site CSP, which blocks its styles', async () => {
    answer(
      new Response('<!doctype html><style>body{}</style>', { headers: { 'content-type': 'text/html' } }),
    );
    const response = await relayDownload('/v1/portfolios/p1/review.html', 't', 'portfolio-review.html');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="portfolio-review.html"');
  });

  it('lets public templates be cached and sends no cookie for them', async () => {
    const seen = answer(new Response('name\n'));
    const response = await relayDownload(
      '/v1/portfolios/templates/portfolio-template.csv',
      undefined,
      'portfolio-template.csv',
    );
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(seen).toHaveLength(1);
    expect(((seen[0]?.init.headers ?? {}) as Record<string, string>).cookie).toBeUndefined();
  });

  it('relays nothing of a type it does not know, and passes on the API refusing', async () => {
    const seen = answer(problem(404, { code: 'not-found', detail: 'No portfolio p2 is visible to you.' }));
    expect((await relayDownload('/v1/x', 't', 'x.exe')).status).toBe(404);
    expect(seen).toHaveLength(0);
    const error = await relayDownload('/v1/portfolios/p2/review.csv', 't', 'r.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(404);
  });
});
