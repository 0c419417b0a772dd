import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Store } from './create-store.ts';
import { TABLES_IN_WRITE_ORDER } from './database.ts';
import { StoreError } from './store-error.ts';

export interface TestPostgres {
  /** Connection string of the running server. */
  url: string;
  /** Where it came from: a server this harness started, or (a database created on) DATABASE_URL. */
  source: 'started' | 'DATABASE_URL';
  /** Stops the server and removes its directory, or drops the database it created on DATABASE_URL. */
  stop(): Promise<void>;
}

/** Where the PostgreSQL server binaries are looked for (override with POSTGRES_BIN). */
export const DEFAULT_POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A real PostgreSQL for tests: DATABASE_URL if it is set, otherwise a throwaway cluster (initdb into a
 * temp directory, started on a free localhost port, fsync off). initdb refuses to run as root, so as
 * root the server runs as the `postgres` user. Never skips: missing binaries fail with how to install them.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return databaseFromUrl(fromEnv);

  const bin = process.env.POSTGRES_BIN ?? DEFAULT_POSTGRES_BIN;
  if (!existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) {
    throw new StoreError(
      'POSTGRES_UNAVAILABLE',
      `PostgreSQL server binaries were not found in ${bin}. Install them (Debian/Ubuntu: apt-get install postgresql-15), point POSTGRES_BIN at another bin directory, or set DATABASE_URL to a database the tests may empty.`,
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'costed-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) {
      throw new StoreError(
        'POSTGRES_UNAVAILABLE',
        `${tool} failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout || String(result.error ?? '')).trim()}`,
      );
    }
  };
  try {
    if (asRoot) execFileSync('chown', ['postgres:', dir]);
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--no-instructions',
    ]);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopSync);
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // If the test process dies before stop(), do not leave a server running.
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(
      asRoot ? 'runuser' : join(bin, 'pg_ctl'),
      asRoot
        ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']
        : ['-D', data, '-m', 'immediate', 'stop'],
    );
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, source: 'started', stop };
}

/**
 * With DATABASE_URL, each caller gets its own new database on that server (dropped by stop()), so test
 * files running in parallel do not empty each other's tables. Without the right to create databases it
 * falls back to the given database itself.
 */
async function databaseFromUrl(url: string): Promise<TestPostgres> {
  const name = `costed_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`create database "${name}"`);
  } catch {
    await admin.end().catch(() => {});
    return { url, source: 'DATABASE_URL', stop: async () => {} };
  }
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    source: 'DATABASE_URL',
    async stop() {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Empties every table (fast reset between tests sharing one store). TRUNCATE bypasses row triggers. */
export async function truncateAll(store: Pick<Store, 'db'>): Promise<void> {
  const tables = TABLES_IN_WRITE_ORDER.map((t) => `"${t}"`).join(', ');
  await sql.raw(`truncate table ${tables} restart identity cascade`).execute(store.db);
}
