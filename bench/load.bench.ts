// Load: autocannon, 100 connections × 30 s per phase, against the API started as a process on loopback (embedded
// PGlite, seed data). Prints p50/p99 of the mix, errors, lost submissions and search req/s as a ratio of a bare
// Fastify route measured in the same run. The runner lives with the reliability suite, which runs a short version.
import { formatLoad, runLoad } from '../test/reliability/load-run.ts';

const durationS = Number(process.env.LOAD_SECONDS ?? 30);
const figures = await runLoad({ connections: 100, durationS });
console.log(formatLoad(figures));
const ok = figures.errors === 0 && figures.non2xx === 0 && figures.submissionsLost === 0;
const command = 'pnpm bench load';
const emit = (name: string, value: number, unit: string, goal?: string) =>
  console.log(`BENCH ${JSON.stringify({ name, value, unit, command, ...(goal ? { goal } : {}) })}`);
emit('API search req/s ÷ bare Fastify req/s', Number(figures.searchRatio.toFixed(4)), 'ratio');
emit('API search req/s (100 connections)', Math.round(figures.searchRps), 'req/s');
emit('Bare Fastify req/s (100 connections)', Math.round(figures.bareRps), 'req/s');
emit('API mixed load p50', figures.mixP50Ms, 'ms');
emit('API mixed load p99', figures.mixP99Ms, 'ms');
emit(
  'API mixed load errors + non-2xx + lost submissions',
  figures.errors + figures.non2xx + figures.submissionsLost,
  'count',
  ok ? 'met (0)' : 'MISSED (goal 0)',
);
if (!ok) console.log('MISSED: errors or lost submissions under load (goal 0)');
