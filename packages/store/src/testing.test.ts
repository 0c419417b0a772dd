import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPostgres } from './testing.ts';

describe('startPostgres', () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, POSTGRES_BIN: process.env.POSTGRES_BIN };
  beforeEach(() => {
    delete process.env.DATABASE_URL;
    delete process.env.POSTGRES_BIN;
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('fails, saying how to install PostgreSQL, when the binaries are missing', async () => {
    process.env.POSTGRES_BIN = '/nonexistent/postgresql/bin';
    await expect(startPostgres()).rejects.toMatchObject({
      code: 'POSTGRES_UNAVAILABLE',
      message: expect.stringContaining('apt-get install postgresql-15'),
    });
  });

  it('with DATABASE_URL, gives each caller its own database there and drops it on stop', async () => {
    const cluster = await startPostgres();
    try {
      process.env.DATABASE_URL = cluster.url;
      process.env.POSTGRES_BIN = '/nonexistent/postgresql/bin';
      const [a, b] = await Promise.all([startPostgres(), startPostgres()]);
      expect(a.source).toBe('DATABASE_URL');
      expect(a.url).not.toBe(b.url);
      const name = new URL(a.url).pathname.slice(1);
      expect(name).toMatch(/^costed_test_[0-9a-f]{16}$/);
      const client = new pg.Client({ connectionString: a.url });
      await client.connect();
      expect((await client.query('select current_database() as db')).rows[0]).toEqual({ db: name });
      await client.end();
      await a.stop();
      await b.stop();
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      const left = await admin.query("select datname from pg_database where datname like 'costed_test_%'");
      await admin.end();
      expect(left.rows).toEqual([]);
    } finally {
      await cluster.stop();
    }
  });

  it('falls back to the DATABASE_URL database itself when it cannot create one there', async () => {
    process.env.DATABASE_URL = 'postgresql://user@127.0.0.1:1/costed_test';
    const server = await startPostgres();
    expect(server).toMatchObject({
      url: 'postgresql://user@127.0.0.1:1/costed_test',
      source: 'DATABASE_URL',
    });
    await server.stop();
  });
});
