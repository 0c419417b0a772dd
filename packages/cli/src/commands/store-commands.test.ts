import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/costed.js');
const work = mkdtempSync(join(tmpdir(), 'costed-cli-'));

async function costed(args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', CI: '1' },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('costed seed / export / import (real command, PGlite data directories)', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('seeds idempotently, exports, and imports into an empty store byte for byte', async () => {
    const a = join(work, 'a');
    const first = await costed(['seed'], a);
    expect(first.stdout).toMatch(/11 created, 0 new versions, 0 unchanged/);
    const again = await costed(['seed'], a);
    expect(again.stdout).toMatch(/0 created, 0 new versions, 11 unchanged, 0 reference sets replaced/);

    const file = join(work, 'evidence.jsonl');
    const exported = await costed(['export', '--out', file], a);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/exported \d+ records/);

    const b = join(work, 'b');
    const imported = await costed(['import', file], b);
    expect(imported.stdout).toMatch(/imported \d+ records/);
    const file2 = join(work, 'evidence-2.jsonl');
    await costed(['export', '--out', file2], b);
    expect(readFileSync(file2, 'utf8')).toBe(readFileSync(file, 'utf8'));

    // Importing into a store that is not empty is refused, and changes nothing.
    const twice = await costed(['import', file], b);
    expect(twice.code).toBe(1);
    expect(twice.stdout).toContain('nothing was imported');
  }, 300_000);

  it('refuses a corrupt export naming the line, and writes nothing', async () => {
    const file = join(work, 'evidence.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[3] = '{"type":"case-study-version","this is":"not valid"}';
    const broken = join(work, 'broken.jsonl');
    writeFileSync(broken, lines.join('\n'));
    const c = join(work, 'c');
    const result = await costed(['import', broken], c);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/line 4/);
    const out = join(work, 'c.jsonl');
    await costed(['export', '--out', out], c);
    const records = readFileSync(out, 'utf8').trim();
    expect(records.includes('"case-study"')).toBe(false);
  }, 300_000);

  it('needs --out for export', async () => {
    const result = await costed(['export'], join(work, 'd'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out is required');
  });
});
