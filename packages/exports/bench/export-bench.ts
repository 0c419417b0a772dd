/**
 * Prints how long each export takes and how big it is for N case studies (default 1,000 and 10,000),
 * built from the test fixture with distinct slugs. Run: `pnpm exec node bench/export-bench.ts [N ...]`.
 */
import { performance } from 'node:perf_hooks';
import type { CaseStudy } from '@costed/schema';
import {
  atomFeed,
  caseStudyTables,
  dataPackage,
  streamCsv,
  tableList,
  writeCsv,
  writeJson,
  writeJsonLines,
  writeXlsx,
} from '../src/index.ts';
import { makeCaseStudy } from '../test/case-study-fixture.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const template = makeCaseStudy();

function corpus(n: number): CaseStudy[] {
  return Array.from({ length: n }, (_, i) => ({
    ...template,
    slug: `case-study-${i}`,
    title: `=Case study ${i}`,
  }));
}

async function time<T>(label: string, run: () => T | Promise<T>, size: (value: T) => number): Promise<void> {
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  console.log(
    `  ${label.padEnd(28)} ${ms.toFixed(0).padStart(7)} ms ${(size(value) / 1024).toFixed(0).padStart(9)} KiB`,
  );
}

for (const n of sizes.length > 0 ? sizes : [1_000, 10_000]) {
  const studies = corpus(n);
  const tables = caseStudyTables(studies);
  const rows = tableList(tables).reduce((sum, t) => sum + t.rows.length, 0);
  console.log(`${n} case studies (${rows} table rows)`);
  await time(
    'caseStudyTables',
    () => caseStudyTables(studies),
    () => 0,
  );
  await time(
    'writeCsv (all tables)',
    () => tableList(tables).map((t) => writeCsv(t)),
    (csv) => csv.reduce((s, c) => s + Buffer.byteLength(c), 0),
  );
  await time(
    'streamCsv (costs)',
    async () => {
      let bytes = 0;
      for await (const chunk of streamCsv(tables.costs)) bytes += Buffer.byteLength(chunk);
      return bytes;
    },
    (bytes) => bytes,
  );
  await time(
    'writeXlsx (all tables)',
    () =>
      writeXlsx(tableList(tables), {
        title: 'Bench',
        licence: 'CC-BY-4.0',
        generatedAt: '2025-01-01T00:00:00Z',
      }),
    (b) => b.byteLength,
  );
  await time(
    'writeJson',
    () => writeJson(studies),
    (s) => Buffer.byteLength(s),
  );
  await time(
    'writeJsonLines',
    () => writeJsonLines(studies),
    (s) => Buffer.byteLength(s),
  );
  await time(
    'dataPackage',
    () => JSON.stringify(dataPackage(tableList(tables), { name: 'bench', title: 'Bench' })),
    (s) => Buffer.byteLength(s),
  );
  await time(
    'atomFeed',
    () =>
      atomFeed(
        studies.map((s) => ({ ...s, updated: '2025-01-01T00:00:00Z' })),
        { siteUrl: 'https://x.example', feedUrl: 'https://x.example/feed', updated: '2025-01-01T00:00:00Z' },
      ),
    (s) => Buffer.byteLength(s),
  );
  const heap = process.memoryUsage();
  console.log(
    `  rss ${(heap.rss / 1048576).toFixed(0)} MiB, heap used ${(heap.heapUsed / 1048576).toFixed(0)} MiB`,
  );
}
