// The API as a process: start-up time (warm data dir, seed data), server render p95 of the case-study page and of
// the search page (API + built site), then load with autocannon — 100 connections × 30 s per phase on loopback — printing p50/p99 of the
// mix, errors, lost submissions and search req/s as a ratio of a bare Fastify route measured in the same run.
// The process helpers and the load runner live with the reliability suite, which runs short versions in CI.
import { startApi, startSite, tempDataDir } from '../test/reliability/api-process.ts';
import { formatLoad, runLoad } from '../test/reliability/load-run.ts';

const command = 'pnpm bench load';
const emit = (name: string, value: number | string, unit: string, goal?: string) =>
  console.log(`BENCH ${JSON.stringify({ name, value, unit, command, ...(goal ? { goal } : {}) })}`);
const quantile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;

/**
 * Requests the paths in turn, 20 warm-up requests then 200 timed ones, and returns the p95 in ms (one
 * decimal) of the timed ones together; prints p50 and p95 per path too.
 */
async function measureRender(siteUrl: string, paths: readonly string[]): Promise<number> {
  const byPath = new Map<string, number[]>(paths.map((p) => [p, []]));
  for (let n = 0; n < 220; n++) {
    const path = paths[n % paths.length] as string;
    const t0 = performance.now();
    const res = await fetch(`${siteUrl}${path}`);
    await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    if (n >= 20) byPath.get(path)?.push(performance.now() - t0);
  }
  for (const [path, times] of byPath) {
    times.sort((a, b) => a - b);
    console.log(
      `render ${path}: ${times.length} sequential requests after warm-up, p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`,
    );
  }
  const all = [...byPath.values()].flat().sort((a, b) => a - b);
  return Number(quantile(all, 0.95).toFixed(1));
}

// 1. Start-up: the first start creates and seeds the data dir; the next three reopen it (the usual restart).
const dataDir = tempDataDir('costed-bench-server-');
const cold = await startApi({ dataDir, env: { LOG_LEVEL: 'error' } });
await cold.stop();
const warm: number[] = [];
for (let i = 0; i < 3; i++) {
  const api = await startApi({ dataDir, env: { LOG_LEVEL: 'error' } });
  warm.push(api.startMs);
  if (i < 2) await api.stop();
  else {
    // 2. Server render of the case-study page and the search page (words, then words and a facet) through
    // the built site, the API behind it: sequential requests, so each figure is one page's own latency.
    const site = await startSite(api.url);
    try {
      const caseStudy = await measureRender(site.url, ['/case-studies/hackney-learning-trust']);
      // Emitted first: the report's headline row takes the first "Server render p95" line.
      emit('Server render p95, case-study page (site + API)', caseStudy, 'ms');
      const search = await measureRender(site.url, [
        '/search?q=edge+of+care',
        '/search?q=edge+of+care&policyStrand=edge-of-care',
      ]);
      emit('Server render p95, search page (site + API)', search, 'ms');
    } finally {
      await site.stop();
      await api.stop();
    }
  }
}
warm.sort((a, b) => a - b);
console.log(
  `start-up (process spawn → /readyz 200, warm PGlite data dir, seed data): cold ${Math.round(cold.startMs)} ms; warm ${warm.map((ms) => Math.round(ms)).join(' / ')} ms`,
);
emit('API start-up to /readyz, warm data dir (median of 3)', Math.round(quantile(warm, 0.5)), 'ms');

// 3. Load.
const durationS = Number(process.env.LOAD_SECONDS ?? 30);
const figures = await runLoad({ connections: 100, durationS });
console.log(formatLoad(figures));
const failures = figures.errors + figures.non2xx + figures.submissionsLost;
emit(
  'API search req/s ÷ bare Fastify req/s (100 connections)',
  Number(figures.searchRatio.toFixed(4)),
  'ratio',
);
emit('API search req/s (100 connections)', Math.round(figures.searchRps), 'req/s');
emit('Bare Fastify req/s (100 connections)', Math.round(figures.bareRps), 'req/s');
emit('API mixed load p50 / p99', `${figures.mixP50Ms} / ${figures.mixP99Ms}`, 'ms');
emit(
  'API mixed load errors + non-2xx + lost submissions',
  failures,
  'count',
  failures === 0 ? '0' : '0 MISSED',
);
if (failures > 0) console.log('MISSED: errors or lost submissions under load (goal 0)');
