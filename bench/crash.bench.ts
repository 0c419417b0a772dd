// Crash consistency at full length: runs the reliability suite's kill -9 cycles with STRESS=1 (20 cycles each on
// PGlite and PostgreSQL) and reports cycles, writes acknowledged and writes lost (goal 0) as BENCH lines.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--project', 'cross-package', 'test/reliability/crash.test.ts'],
  {
    cwd: root,
    env: { ...process.env, STRESS: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  },
);
// Colour codes can still precede a line's text (vitest's own prefixes), so strip them before matching.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const output = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
const command = 'pnpm bench crash';
const lines = output
  .split('\n')
  .filter((l) => /crash \((pglite|postgres)\): /.test(l) || /^\s+FAIL /.test(l));
for (const l of lines) console.log(l.replace(/^.*?(crash \()/, '$1').trim());
for (const line of lines) {
  const m = line.match(
    /crash \((\w+)\): (\d+) kill -9 cycles, (\d+) submissions, (\d+) writes acknowledged, (\d+) writes lost, (\d+) half-present/,
  );
  if (!m) continue;
  const [, engine, cycles, , acked, lost, half] = m;
  const bad = Number(lost) + Number(half);
  console.log(
    `BENCH ${JSON.stringify({ name: `crash consistency (${engine}): writes lost + half-present after ${cycles} kill -9 cycles, of ${acked} acknowledged`, value: bad, unit: 'writes', goal: bad === 0 ? '0' : '0 MISSED', command })}`,
  );
}
if (lines.length === 0) {
  console.log(output.slice(-4000));
  console.log('MISSED: the crash suite printed no figures');
} else if (result.status !== 0) console.log('MISSED: the crash suite failed (see FAIL lines)');
