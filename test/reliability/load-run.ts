import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type ApiProcess, call, createCast, freePort, startApi, tempDataDir } from './api-process.ts';

const BARE_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'bare-fastify.ts');

export interface LoadFigures {
  connections: number;
  durationS: number;
  bareRps: number;
  searchRps: number;
  /** searchRps ÷ bareRps. */
  searchRatio: number;
  mixRps: number;
  mixP50Ms: number;
  mixP99Ms: number;
  /** Connection errors and timeouts plus non-2xx answers in the mixed run. */
  errors: number;
  non2xx: number;
  submissionsAcknowledged: number;
  submissionsLost: number;
  /** Answers by HTTP status in the search and mixed runs, e.g. { 200: 900, 201: 50 }. */
  statuses: Record<string, number>;
}

async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BARE_ENTRY], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bare Fastify exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const WORKED_APPRAISAL = {
  scenario: {
    label: 'Load test appraisal',
    priceYear: '2024-25',
    horizonYears: 4,
    costs: [{ label: 'Set-up', kind: 'set-up', amount: { pence: 10_000_000, priceYear: '2024-25' } }],
    benefits: [
      {
        label: 'Placements avoided',
        outcomesPerYear: 1,
        valuation: {
          label: 'One placement for a year',
          money: { pence: 5_000_000, priceYear: '2024-25' },
          agency: 'council-childrens-services',
          cashable: true,
        },
        durationYears: 3,
      },
    ],
  },
};

/**
 * Starts the API (embedded PGlite, seeded) and a bare Fastify process, then measures with autocannon: bare route,
 * search alone, and a mix of search, case study, compare, appraisal and authenticated submissions. Afterwards counts
 * the submissions in the store against the 201s received.
 */
export async function runLoad(options: { connections: number; durationS: number }): Promise<LoadFigures> {
  const { connections, durationS } = options;
  const bare = await startBare();
  let api: ApiProcess | undefined;
  try {
    api = await startApi({ dataDir: tempDataDir('costed-load-'), env: { LOG_LEVEL: 'error' } });
    const cast = await createCast(api.url, 'load', 1);
    const member = cast.members[0];
    if (!member) throw new Error('no member');

    const bareResult = await run({ url: `${bare.url}/`, connections, duration: durationS });
    const searchPath = '/v1/case-studies?q=edge%20of%20care';
    const searchResult = await run({ url: `${api.url}${searchPath}`, connections, duration: durationS });

    let acknowledged = 0;
    let n = 0;
    const mixResult = await run({
      url: api.url,
      connections,
      duration: durationS,
      requests: [
        { method: 'GET', path: searchPath },
        { method: 'GET', path: '/v1/case-studies/east-riding-early-help-shift' },
        {
          method: 'GET',
          path: '/v1/compare?slugs=east-riding-early-help-shift,hackney-learning-trust&priceYear=2024-25',
        },
        {
          method: 'POST',
          path: '/v1/appraisals',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(WORKED_APPRAISAL),
        },
        {
          method: 'POST',
          path: '/v1/submissions',
          headers: { 'content-type': 'application/json', cookie: member.cookie },
          setupRequest: (req) => {
            n += 1;
            const body = { document: { slug: `load-test-draft-${n}`, title: `Load test draft ${n}` } };
            return { ...req, body: JSON.stringify(body) };
          },
          onResponse: (status) => {
            if (status === 201) acknowledged += 1;
          },
        },
      ],
    });
    const listed = await call(api.url, 'GET', '/v1/submissions', { cookie: member.cookie });
    const present = (listed.body as { submissions: { document?: { title?: string }; title?: string }[] })
      .submissions.length;
    return {
      connections,
      durationS,
      bareRps: bareResult.requests.average,
      searchRps: searchResult.requests.average,
      searchRatio: searchResult.requests.average / bareResult.requests.average,
      mixRps: mixResult.requests.average,
      mixP50Ms: mixResult.latency.p50,
      mixP99Ms: mixResult.latency.p99,
      errors: mixResult.errors + mixResult.timeouts + searchResult.errors + searchResult.timeouts,
      non2xx: mixResult.non2xx + searchResult.non2xx,
      submissionsAcknowledged: acknowledged,
      submissionsLost: Math.max(0, acknowledged - present),
      statuses: countStatuses(searchResult, mixResult),
    };
  } finally {
    bare.child.kill('SIGKILL');
    await api?.stop();
  }
}

function countStatuses(...results: autocannon.Result[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const stats =
      (r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
    for (const [code, { count }] of Object.entries(stats)) counts[code] = (counts[code] ?? 0) + count;
  }
  return counts;
}

export function formatLoad(f: LoadFigures): string {
  return [
    `load: ${f.connections} connections × ${f.durationS} s per phase`,
    `  bare Fastify route: ${Math.round(f.bareRps)} req/s`,
    `  search "edge of care": ${Math.round(f.searchRps)} req/s = ${f.searchRatio.toFixed(4)} × bare Fastify`,
    `  mix (search, case study, compare, appraisal, submission): ${Math.round(f.mixRps)} req/s, p50 ${f.mixP50Ms} ms, p99 ${f.mixP99Ms} ms`,
    `  errors ${f.errors}, non-2xx ${f.non2xx}, submissions acknowledged ${f.submissionsAcknowledged}, lost ${f.submissionsLost}`,
    `  statuses ${JSON.stringify(f.statuses)}`,
  ].join('\n');
}
