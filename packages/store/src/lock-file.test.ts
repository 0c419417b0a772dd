import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLockFile, LOCK_FILE_NAME } from './lock-file.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'costed-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('acquireLockFile', () => {
  it('writes our pid, refuses a second taker and frees the path on release', () => {
    const dir = tempDir();
    const lock = acquireLockFile(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(`${process.pid}\n`);
    expect(() => acquireLockFile(dir)).toThrow(`in use by process ${process.pid} (this process`);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    acquireLockFile(dir).release();
  });

  it('names the live process that holds the lock', () => {
    const dir = tempDir();
    // pid 1 is always alive.
    writeFileSync(join(dir, LOCK_FILE_NAME), '1\n');
    expect(() => acquireLockFile(dir)).toThrow(
      expect.objectContaining({ code: 'STORE_LOCKED', message: expect.stringContaining('process 1 ') }),
    );
  });

  it('takes over a lock whose process is dead or whose content is garbage', () => {
    const dir = tempDir();
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
        .stdout,
    );
    writeFileSync(join(dir, LOCK_FILE_NAME), `${dead}\n`);
    acquireLockFile(dir).release();
    writeFileSync(join(dir, LOCK_FILE_NAME), 'not a pid');
    const lock = acquireLockFile(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('creates a missing data directory', () => {
    const dir = join(tempDir(), 'nested', 'data');
    acquireLockFile(dir).release();
    expect(existsSync(dir)).toBe(true);
  });
});
