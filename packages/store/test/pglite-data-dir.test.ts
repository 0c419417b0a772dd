import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, isStoreError, LOCK_FILE_NAME, seedEvidence } from '../src/index.ts';
import { runStoreContract } from './contract.ts';
import { makeCaseStudy, makeEvidence } from './fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'costed-store-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

runStoreContract('PGlite in a data directory', () =>
  createStore({ engine: 'pglite', dataDir: join(root, 'contract') }),
);

/** A pid that is certainly dead: a child process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('PGlite data directory', () => {
  it('refuses a second opener while locked, keeps data across reopen and releases the lock on close', async () => {
    const dataDir = join(root, 'reopen');
    const store = await createStore({ engine: 'pglite', dataDir });
    await store.migrate();
    await seedEvidence(store, makeEvidence([makeCaseStudy('kept-hub')]));
    const lockPath = join(dataDir, LOCK_FILE_NAME);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));

    let caught: unknown;
    try {
      await createStore({ engine: 'pglite', dataDir });
    } catch (error) {
      caught = error;
    }
    expect(isStoreError(caught, 'STORE_LOCKED')).toBe(true);
    expect((caught as Error).message).toContain(lockPath);
    expect((caught as Error).message).toContain(String(process.pid));

    // Another process gets the same refusal, naming this process.
    const storeIndex = join(import.meta.dirname, '..', 'src', 'index.ts');
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createStore } from ${JSON.stringify(storeIndex)};
         try { await createStore({ engine: 'pglite', dataDir: ${JSON.stringify(dataDir)} }); console.log('opened'); }
         catch (e) { console.log(e.code + ' ' + e.message); }`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.stdout).toContain(
      `STORE_LOCKED The data directory ${dataDir} is in use by process ${process.pid} `,
    );

    await store.close();
    await store.close();
    expect(existsSync(lockPath)).toBe(false);

    // A lock left by a process that died is stale and is taken over.
    writeFileSync(lockPath, `${deadPid()}\n`);
    const reopened = await createStore({ engine: 'pglite', dataDir });
    try {
      expect(await reopened.migrate()).toEqual([]);
      expect((await reopened.caseStudies.get('kept-hub'))?.currentVersion).toBe(1);
      expect((await seedEvidence(reopened, makeEvidence([makeCaseStudy('kept-hub')]))).changes).toBe(0);
      expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await reopened.close();
    }
  });
});
