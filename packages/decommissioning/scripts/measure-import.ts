// Prints how long importing and reviewing a large portfolio takes, and how quickly a zip bomb is refused.
// Run: pnpm exec node scripts/measure-import.ts (from packages/decommissioning). Figures, not assertions.
import { performance } from 'node:perf_hooks';
import { unzipSync, zipSync } from 'fflate';
import { buildPortfolioCsv, buildPortfolioXlsx, EXAMPLE_PORTFOLIO } from '../src/build-portfolio-template.ts';
import { importPortfolio } from '../src/import-portfolio.ts';
import { reviewPortfolio } from '../src/review-portfolio.ts';

const ROWS = 2000;
const services = Array.from({ length: ROWS }, (_, i) => ({
  ...(EXAMPLE_PORTFOLIO[i % EXAMPLE_PORTFOLIO.length] as (typeof EXAMPLE_PORTFOLIO)[number]),
  name: `Service ${i + 1}`,
}));
const indicators = [
  {
    id: 'care-proceedings-under-2',
    name: 'Care proceedings under 2',
    unit: 'count',
    betterDirection: 'lower',
  },
  { id: 'neet-16-18-rate', name: 'NEET rate (16-18)', unit: 'percent', betterDirection: 'lower' },
] as const;

async function time<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
  return result;
}

const csv = buildPortfolioCsv(services);
const xlsx = await buildPortfolioXlsx(services);
console.log(
  `${ROWS} services: CSV ${(csv.byteLength / 1024).toFixed(0)} KiB, XLSX ${(xlsx.byteLength / 1024).toFixed(0)} KiB`,
);
const fromCsv = await time('import CSV', () => importPortfolio(csv, { indicators }));
await time('import XLSX', () => importPortfolio(xlsx, { indicators }));
if (!fromCsv.ok) throw new Error('the generated CSV did not import');
const deflators = {
  id: 'fy',
  kind: 'financial' as const,
  release: 'test',
  base: '2024-25',
  sourceUrl: 'https://example.org',
  points: [
    { year: '2023-24', index: 96.1117, status: 'outturn' as const },
    { year: '2024-25', index: 100, status: 'outturn' as const },
  ],
};
// Half the services share each indicator and cohort, so every pair of them overlaps: the worst case for
// the pairwise duplicate-provision check.
for (const size of [200, ROWS]) {
  await time(`review ${size} services (worst case for duplicate provision)`, () =>
    reviewPortfolio(fromCsv.services.slice(0, size), {
      today: '2025-01-15',
      priceYear: '2024-25',
      indicators: [...indicators],
      deflators,
    }),
  );
}
const bomb = zipSync(
  { ...unzipSync(await buildPortfolioXlsx()), 'xl/worksheets/sheet1.xml': new Uint8Array(256 * 1024 * 1024) },
  { level: 9 },
);
console.log(`zip bomb: ${(bomb.byteLength / 1024).toFixed(0)} KiB claiming 256 MiB`);
const rss = process.memoryUsage().rss;
const refused = await time('refuse the zip bomb', () => importPortfolio(bomb));
console.log(
  `  → ${refused.ok ? 'accepted!' : refused.errors[0]?.code}, RSS change ${((process.memoryUsage().rss - rss) / 1048576).toFixed(1)} MiB`,
);
