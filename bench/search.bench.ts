// Search benchmark: index build time and memory, query latency percentiles over a fixed mix, snapshot
// restore versus rebuild, and a linear-scan baseline measured in the same run.
//   pnpm exec node --expose-gc bench/search.bench.ts [--sizes 1000,10000,100000] [--queries 400]
import os from 'node:os';
import type { SynonymGroup } from '@costed/schema';
import {
  createSearchIndex,
  type EmbeddedSearchIndex,
  type SearchDocument,
  type SearchQueryInput,
  toSearchDocument,
} from '@costed/search';
import { iterateCaseStudies, SYNTHETIC_COUNCILS } from '@costed/synthetic';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const rounds = Number(arg('rounds', '20'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const SYNONYMS: SynonymGroup[] = [
  { terms: ['looked-after children', 'LAC', 'CLA', 'children in care'] },
  { terms: ['NEET', 'not in education, employment or training'] },
  { terms: ['youth offending team', 'YOT', 'youth justice service'] },
  { terms: ['family group conference', 'FGC'] },
  { terms: ['early help', 'early intervention'] },
];

/** The fixed mix: single word, several words, prefix, typo, and faceted + filtered. */
const MIX: { kind: string; query: SearchQueryInput }[] = [
  { kind: 'single', query: { q: 'fostering' } },
  { kind: 'single', query: { q: 'safeguarding' } },
  { kind: 'multi', query: { q: 'edge of care adolescents' } },
  { kind: 'multi', query: { q: 'NEET careers advice' } },
  { kind: 'multi', query: { q: 'looked after children under 4' } },
  { kind: 'prefix', query: { q: 'yout' } },
  { kind: 'prefix', query: { q: 'fost' } },
  { kind: 'typo', query: { q: 'safegaurding' } },
  { kind: 'typo', query: { q: 'Glocestershire' } },
  { kind: 'typo', query: { q: 'troubled familes manchester' } },
  {
    kind: 'faceted',
    query: { q: 'family support', facets: true, filters: { region: ['North West', 'London'] } },
  },
  {
    kind: 'faceted',
    query: {
      q: 'care leavers',
      facets: true,
      filters: { evidenceLevel: [3, 4] },
      sort: 'cost-per-participant',
    },
  },
  { kind: 'faceted', query: { facets: true, filters: { policyStrand: ['edge-of-care'] }, sort: 'recency' } },
];

const councils = new Map(SYNTHETIC_COUNCILS.map((c) => [c.gssCode, c]));

function corpus(count: number): SearchDocument[] {
  const docs: SearchDocument[] = [];
  let i = 0;
  for (const cs of iterateCaseStudies({ count, seed: 20_241 })) {
    const perParticipant = cs.costs.find((c) => c.basis === 'per-participant' && 'pence' in c.money);
    docs.push(
      toSearchDocument(cs, {
        councils,
        costPerParticipantPence:
          perParticipant && 'pence' in perParticipant.money ? perParticipant.money.pence : null,
        priceYear: '2024-25',
        publishedAt: `20${String(10 + (i++ % 15)).padStart(2, '0')}-06-01`,
      }),
    );
  }
  return docs;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99) };
}

/** Baseline: a linear scan that substring-matches the query words in title and summary. */
function linearScan(docs: readonly SearchDocument[], q: string): number {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  let n = 0;
  for (const d of docs) {
    const text = `${d.title} ${d.summary}`.toLowerCase();
    if (words.every((w) => text.includes(w))) n++;
  }
  return n;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const rows: string[][] = [];

for (const size of sizes) {
  const docs = corpus(size);
  gc();
  // Postings live in typed arrays, whose memory is counted in arrayBuffers, not heapUsed.
  const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heapBefore = memory();
  const index = createSearchIndex({
    kind: 'embedded',
    synonyms: SYNONYMS,
    cacheSize: 0,
  }) as EmbeddedSearchIndex;
  let t = performance.now();
  await index.upsert(docs);
  const buildMs = performance.now() - t;
  gc();
  const heapMb = (memory() - heapBefore) / 1e6;

  t = performance.now();
  const snapshot = await index.snapshot();
  const snapshotMs = performance.now() - t;
  const restored = createSearchIndex({ kind: 'embedded', synonyms: SYNONYMS, cacheSize: 0 });
  t = performance.now();
  await restored.restore(snapshot);
  const restoreMs = performance.now() - t;
  t = performance.now();
  const json = JSON.stringify(snapshot);
  const saveJsonMs = performance.now() - t;
  t = performance.now();
  const parsed = JSON.parse(json);
  const fromJson = createSearchIndex({ kind: 'embedded', synonyms: SYNONYMS, cacheSize: 0 });
  await fromJson.restore(parsed);
  const loadJsonMs = performance.now() - t;

  // Warm up, then time each query of the mix `rounds` times (cache off, so every query does the work).
  for (const { query } of MIX) index.searchSync(query);
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const { kind, query } of MIX) {
      const s = performance.now();
      index.searchSync(query);
      const ms = performance.now() - s;
      all.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
  }
  const baseline: number[] = [];
  for (let r = 0; r < Math.max(3, Math.floor(rounds / 4)); r++) {
    for (const { query } of MIX) {
      const s = performance.now();
      linearScan(docs, query.q ?? '');
      baseline.push(performance.now() - s);
    }
  }
  const total = stats(all);
  const base = stats(baseline);
  const goal = size <= 10_000 ? 10 : 50;
  rows.push([
    String(size),
    fmt(buildMs),
    heapMb.toFixed(0),
    fmt(restoreMs),
    fmt(loadJsonMs),
    `${(buildMs / loadJsonMs).toFixed(1)}×`,
    (json.length / 1e6).toFixed(0),
    fmt(total.p50),
    fmt(total.p95),
    fmt(total.p99),
    ...['single', 'multi', 'prefix', 'typo', 'faceted'].map((k) => fmt(stats(byKind.get(k)!).p95)),
    fmt(base.p95),
    `${(base.p95 / total.p95).toFixed(1)}×`,
    total.p95 <= goal ? `≤${goal} ok` : `>${goal} MISSED`,
  ]);
  console.log(
    `BENCH ${JSON.stringify({ name: `search p50/p95 at ${size}`, value: `${fmt(total.p50)} / ${fmt(total.p95)}`, unit: 'ms', goal: `p95 ≤ ${goal} ms${total.p95 <= goal ? '' : ' MISSED'}`, command: `pnpm exec node bench/search.bench.ts --sizes ${size}` })}`,
  );
  console.log(
    `size ${size}: built in ${fmt(buildMs)} ms; snapshot taken in ${fmt(snapshotMs)} ms, written as JSON in ${fmt(saveJsonMs)} ms; p95 ${fmt(total.p95)} ms`,
  );
}

const header = [
  'docs',
  'build ms',
  'memory MB',
  'restore ms',
  'load JSON ms',
  'build/load',
  'snapshot MB',
  'p50',
  'p95',
  'p99',
  'p95 single',
  'p95 multi',
  'p95 prefix',
  'p95 typo',
  'p95 faceted',
  'scan p95',
  'scan/p95',
  'p95 goal',
];
console.log(
  `\nEmbedded search, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores (${rounds} rounds × ${MIX.length} queries, facets on the faceted mix, cache off)`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
