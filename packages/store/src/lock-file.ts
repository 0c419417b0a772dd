import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './store-error.ts';

export const LOCK_FILE_NAME = '.costed.lock';

export interface LockFile {
  readonly path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>/.costed.lock` (created exclusively, holding our pid). PGlite lets only one process
 * use a data directory and takes no lock itself, so two openers would corrupt it. A lock whose pid is
 * dead is stale (a crash) and is taken over.
 */
export function acquireLockFile(dataDir: string): LockFile {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        const who =
          holder === process.pid
            ? `process ${holder} (this process: the store is already open)`
            : `process ${holder}`;
        throw new StoreError(
          'STORE_LOCKED',
          `The data directory ${dataDir} is in use by ${who} (lock file ${path}). PGlite allows one process per data directory: stop that process, or use PostgreSQL (DATABASE_URL) to share one database between processes.`,
        );
      }
      // Stale: the holder died without releasing. Remove it and try once more.
      rmSync(path, { force: true });
    }
  }
  throw new StoreError(
    'STORE_LOCKED',
    `Could not take the lock file ${path}: another process keeps creating it. Check what else opens ${dataDir}.`,
  );
}
