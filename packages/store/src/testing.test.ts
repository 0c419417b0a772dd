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

  it('uses DATABASE_URL instead of starting a server when it is set', async () => {
    process.env.DATABASE_URL = 'postgresql://user@db.example:5432/costed_test';
    process.env.POSTGRES_BIN = '/nonexistent/postgresql/bin';
    const server = await startPostgres();
    expect(server).toMatchObject({
      url: 'postgresql://user@db.example:5432/costed_test',
      source: 'DATABASE_URL',
    });
    await server.stop();
  });
});
