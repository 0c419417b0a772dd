// Collects the `BENCH {...}` lines the benchmarks print and renders the one table `pnpm bench` ends with (and
// `pnpm bench --write` keeps in bench/RESULTS.md), so figures can be compared over time.
import os from 'node:os';

export interface BenchRow {
  name: string;
  value: number | string;
  unit: string;
  command: string;
  /** The goal, with MISSED appended when the figure missed it. */
  goal?: string;
}

/** The figures the table must always show, in this order; a row no bench printed says so. */
export const HEADLINE: { label: string; match: (name: string) => boolean; command: string }[] = [
  {
    label: 'Search p50 / p95 at 10k case studies',
    match: (n) => n === 'search p50/p95 at 10000',
    command: 'pnpm exec node bench/search.bench.ts --sizes 10000',
  },
  {
    label: 'Search p50 / p95 at 100k case studies',
    match: (n) => n === 'search p50/p95 at 100000',
    command: 'pnpm exec node bench/search.bench.ts --sizes 100000',
  },
  {
    label: 'Import 10k (validate + store + index)',
    match: (n) => n.startsWith('import 10000'),
    command: 'pnpm exec node bench/import.bench.ts 10000',
  },
  {
    label: 'Server render p95, case-study page',
    match: (n) => n.startsWith('Server render p95, case-study page'),
    command: 'pnpm bench load',
  },
  {
    label: 'Server render p95, search page',
    match: (n) => n.startsWith('Server render p95, search page'),
    command: 'pnpm bench load',
  },
  {
    label: 'API mixed load: errors + non-2xx + lost submissions (100 connections)',
    match: (n) => n.startsWith('API mixed load errors'),
    command: 'pnpm bench load',
  },
  {
    label: 'Monte Carlo, 10,000 iterations',
    match: (n) => n.startsWith('Monte Carlo'),
    command: 'pnpm bench costing',
  },
  {
    label: 'API search req/s ÷ bare Fastify',
    match: (n) => n.startsWith('API search req/s ÷'),
    command: 'pnpm bench load',
  },
  {
    label: 'API start-up to /readyz (warm data dir)',
    match: (n) => n.startsWith('API start-up'),
    command: 'pnpm bench load',
  },
];

/** Every well-formed BENCH line in the text; anything else (including malformed JSON) is ignored. */
export function parseBenchLines(text: string): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf('BENCH {');
    if (at < 0) continue;
    try {
      const row = JSON.parse(line.slice(at + 'BENCH '.length)) as Partial<BenchRow>;
      if (typeof row.name === 'string' && row.value !== undefined && typeof row.unit === 'string') {
        rows.push({
          name: row.name,
          value: row.value,
          unit: row.unit,
          command: row.command ?? '',
          ...(row.goal ? { goal: row.goal } : {}),
        });
      }
    } catch {
      // A line that merely mentions BENCH is not a figure.
    }
  }
  return rows;
}

const cell = (s: string) => s.replaceAll('|', '\\|');

/** A Markdown table: the headline figures first (each with its command), then every other figure printed. */
export function formatTable(rows: BenchRow[]): string {
  const lines = ['| Figure | Value | Goal | Command |', '|---|---|---|---|'];
  const used = new Set<BenchRow>();
  for (const h of HEADLINE) {
    const row = rows.find((r) => h.match(r.name));
    if (row) {
      used.add(row);
      lines.push(
        `| ${cell(h.label)} | ${cell(`${row.value} ${row.unit}`)} | ${cell(row.goal ?? '')} | \`${row.command || h.command}\` |`,
      );
    } else {
      lines.push(`| ${cell(h.label)} | not measured in this run | | \`${h.command}\` |`);
    }
  }
  for (const row of rows) {
    if (used.has(row)) continue;
    lines.push(
      `| ${cell(row.name)} | ${cell(`${row.value} ${row.unit}`)} | ${cell(row.goal ?? '')} | \`${row.command}\` |`,
    );
  }
  return lines.join('\n');
}

/** The machine the figures come from: they mean little without it. */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.availableParallelism()} cores (nproc), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0]?.toFixed(1)} at the end of the run`;
}

export function formatResults(rows: BenchRow[], date: Date, benches: string[]): string {
  return [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench --write\` on ${date.toISOString()}.`,
    '',
    `Machine: ${describeMachine()}.`,
    '',
    `Benchmarks run: ${benches.join(', ')}. A row marked MISSED missed its goal; the run itself never fails for that.`,
    '',
    formatTable(rows),
    '',
  ].join('\n');
}
