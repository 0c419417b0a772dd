// Runs every `*.bench.ts` beside this file (or those named on the command line), one process each so
// that one benchmark's heap and JIT state cannot colour another's figures. Each bench's `BENCH {...}` lines are
// collected into one table at the end; `--write` also writes it to bench/RESULTS.md with the date and machine.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, formatResults, formatTable, parseBenchLines } from './report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const write = process.argv.includes('--write');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

/** Runs one bench, echoing its output as it comes and keeping stdout for the table. */
function runBench(file: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', join(here, file)], {
      stdio: ['inherit', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      process.stdout.write(d);
      stdout += d.toString();
    });
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

let failed = 0;
const rows: BenchRow[] = [];
for (const file of files) {
  console.log(`\n# ${file}  (command: pnpm bench ${file.replace('.bench.ts', '')})`);
  const result = await runBench(file);
  // Non-zero means the bench itself broke (a missed goal prints MISSED and exits 0).
  if (result.status !== 0) failed++;
  rows.push(...parseBenchLines(result.stdout));
}
if (files.length === 0) console.log('no benchmarks matched');
else {
  console.log(`\n# Summary\n\n${formatTable(rows)}`);
  if (write) {
    const path = join(here, 'RESULTS.md');
    writeFileSync(path, formatResults(rows, new Date(), files));
    console.log(`\nwritten to ${path}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
