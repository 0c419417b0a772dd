import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, loadEvidence } from '@costed/evidence';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSchemaFiles } from './commands/schema-export.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../bin/costed.js');
// The evidence package's fixtures are the agreed examples of a valid and a broken data directory.
const FIXTURES = path.resolve(here, '../../evidence/test/fixtures');

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** Runs the real `costed` bin in a child process, as `pnpm costed` would. */
function costed(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd }, (error, stdout, stderr) => {
      const lines = (s: string) => s.split('\n').filter((l) => l !== '');
      resolve({ code: error ? Number(error.code) : 0, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
}

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'costed-cli-'));
  temps.push(dir);
  return dir;
}

describe('costed', () => {
  it('prints the commands for --help and exits 0', async () => {
    const run = await costed(['--help'], here);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toBe('Usage: costed <command> [options]');
    expect(run.stdout.some((l) => l.trimStart().startsWith('validate '))).toBe(true);
    expect(run.stdout.some((l) => l.trimStart().startsWith('schema:export '))).toBe(true);
  });

  it('exits 2 with the usage for an unknown command', async () => {
    const run = await costed(['frobnicate'], here);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr[0]).toBe('costed: unknown command "frobnicate"');
    expect(run.stderr).toContain('Usage: costed <command> [options]');
  });

  it('exits 2 with the usage when no command is given', async () => {
    const run = await costed([], here);
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toBe('Usage: costed <command> [options]');
  });

  it('exits 2 with the command usage for an unknown option', async () => {
    const run = await costed(['validate', '--bogus'], here);
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toMatch(/^costed validate: Unknown option '--bogus'/);
    expect(run.stderr).toContain('Usage: costed validate [--data <dir>]');
  });

  it('prints a command help and exits 0', async () => {
    const run = await costed(['schema:export', '--help'], here);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toBe('Usage: costed schema:export [--out <dir>]');
  });
});

describe('costed validate', () => {
  it('prints a one-line summary and exits 0 for valid data', async () => {
    const run = await costed(['validate', '--data', 'data'], path.join(FIXTURES, 'valid'));
    expect(run).toEqual({
      code: 0,
      stdout: [
        'data/ is valid: 2 case studies, 2 councils, 2 deflator series, 1 discount schedule, 1 unit cost, 1 indicator, 1 synonym group, 1 optimism-bias row',
      ],
      stderr: [],
    });
  });

  it('prints every issue as file:line: path: message, then the count, and exits 1', async () => {
    const run = await costed(['validate', '--data', 'data'], path.join(FIXTURES, 'broken'));
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([]);
    expect(run.stdout).toHaveLength(17);
    expect(run.stdout.slice(0, 4)).toEqual([
      'data/case-studies/alpha.yaml:6: councils.1: Council "E06000999" is not in data/reference/councils.yaml: check the GSS code, or add the council there',
      'data/case-studies/alpha.yaml:7: intervention.name: Required key "name" is missing (expected string)',
      'data/case-studies/alpha.yaml:15: cohort.agerange: Unknown key "agerange": check its spelling or remove it',
      'data/case-studies/alpha.yaml:19: costs.0.money.priceYear: "2012-14" is not a financial year: the second part must be the year after the first (did you mean "2012-13"?)',
    ]);
    expect(run.stdout).toContain(
      'data/case-studies/gamma.yaml:4: Duplicate key "title": a key may appear only once in a mapping, so keep one',
    );
    expect(run.stdout.at(-1)).toBe('16 issues in 5 files: data/ is not valid');
    // The same lines, in the same order, as the library reports.
    const { issues } = await loadEvidence(path.join(FIXTURES, 'broken', 'data'));
    expect(run.stdout.slice(0, -1)).toEqual(issues.map(formatIssue));
  });

  it('finds data/ at the repository root (the directory holding pnpm-workspace.yaml) by default', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    await cp(path.join(FIXTURES, 'valid', 'data'), path.join(root, 'data'), { recursive: true });
    const nested = path.join(root, 'data', 'case-studies');
    const run = await costed(['validate'], nested);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(/^\.\.\/ is valid: 2 case studies, /);
  });

  it('exits 1 with a message outside a repository and without --data', async () => {
    const run = await costed(['validate'], await tempDir());
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(
      /^costed validate: No pnpm-workspace.yaml at or above .*pass the path explicitly$/,
    );
  });
});

describe('costed schema:export', () => {
  it('writes every schema file and removes stale ones', async () => {
    const out = await tempDir();
    await writeFile(path.join(out, 'retired.schema.json'), '{}\n');
    await writeFile(path.join(out, 'notes.txt'), 'kept\n');
    const run = await costed(['schema:export', '--out', out], here);
    const expected = renderSchemaFiles();
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(
      new RegExp(`^Wrote ${expected.size} schema files to .* \\(removed stale retired\\.schema\\.json\\)$`),
    );
    expect((await readdir(out)).sort()).toEqual([...expected.keys(), 'notes.txt'].sort());
    for (const [name, text] of expected) expect(await readFile(path.join(out, name), 'utf8')).toBe(text);
  });
});
