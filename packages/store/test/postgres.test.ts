import { afterAll, beforeAll } from 'vitest';
import { createStore } from '../src/index.ts';
import { startPostgres, type TestPostgres } from '../src/testing.ts';
import { runStoreContract } from './contract.ts';

let server: TestPostgres | undefined;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

runStoreContract('PostgreSQL 15', async () => {
  if (!server) throw new Error('PostgreSQL did not start (see the beforeAll error above)');
  return createStore({ engine: 'postgres', url: server.url });
});
