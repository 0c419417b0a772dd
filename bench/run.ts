// Runs every `*.bench.ts` beside this file (or those named on the command line), one process each so
// that one benchmark's heap and JIT state cannot colour another's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n# ${file}  (command: pnpm bench ${file.replace('.bench.ts', '')})`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (files.length === 0) console.log('no benchmarks matched');
process.exitCode = failed === 0 ? 0 : 1;
