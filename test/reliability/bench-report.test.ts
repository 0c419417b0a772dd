import { describe, expect, it } from 'vitest';
import { formatResults, formatTable, HEADLINE, parseBenchLines } from '../../bench/report.ts';

describe('the pnpm bench table', () => {
  const output = [
    'size 10000: built in 900 ms',
    'BENCH {"name":"search p50/p95 at 10000","value":"4.1 / 9.8","unit":"ms","goal":"p95 ≤ 10 ms","command":"pnpm exec node bench/search.bench.ts --sizes 10000"}',
    'BENCH {"name":"Monte Carlo, 10,000 iterations (median)","value":31.5,"unit":"ms","goal":"< 20 ms MISSED","command":"pnpm bench costing"}',
    'BENCH {not json',
    'some line mentioning BENCH in prose',
    'BENCH {"name":"extra figure","value":3,"unit":"x","command":"pnpm bench extra"}',
  ].join('\n');

  it('reads only well-formed BENCH lines', () => {
    const rows = parseBenchLines(output);
    expect(rows.map((r) => r.name)).toEqual([
      'search p50/p95 at 10000',
      'Monte Carlo, 10,000 iterations (median)',
      'extra figure',
    ]);
    expect(rows[1]).toMatchObject({ value: 31.5, unit: 'ms', goal: '< 20 ms MISSED' });
  });

  it('shows every headline row with its command, says which were not measured, and keeps MISSED visible', () => {
    const table = formatTable(parseBenchLines(output));
    const lines = table.split('\n');
    expect(lines).toHaveLength(2 + HEADLINE.length + 1);
    expect(table).toContain('| Search p50 / p95 at 10k case studies | 4.1 / 9.8 ms | p95 ≤ 10 ms |');
    expect(table).toContain(
      '| Monte Carlo, 10,000 iterations | 31.5 ms | < 20 ms MISSED | `pnpm bench costing` |',
    );
    expect(table).toContain(
      '| Search p50 / p95 at 100k case studies | not measured in this run | | `pnpm exec node bench/search.bench.ts --sizes 100000` |',
    );
    expect(lines.at(-1)).toBe('| extra figure | 3 x |  | `pnpm bench extra` |');
  });

  it('writes the date and the machine with the table', () => {
    const md = formatResults(parseBenchLines(output), new Date('2026-11-23T15:00:00Z'), ['costing.bench.ts']);
    expect(md).toContain('2026-11-23T15:00:00.000Z');
    expect(md).toMatch(/Machine: \d+ cores \(nproc\).*Node v\d+/);
  });
});
