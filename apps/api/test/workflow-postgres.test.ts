import { startPostgres, type TestPostgres } from '@costed/store/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';
import { runWorkflow } from './workflow-scenario.ts';

describe('the submission workflow end to end (PostgreSQL)', () => {
  let pg: TestPostgres;
  let t: TestApp;
  beforeAll(async () => {
    pg = await startPostgres();
    t = await createTestApp({ postgresUrl: pg.url });
  });
  afterAll(async () => {
    await t?.close();
    await pg?.stop();
  });

  it('submit → request changes → edit → publish → search finds it → withdraw → search does not, history kept', async () => {
    await runWorkflow(t, 'east-riding-marigold-hubs', 'Marigold');
  });
});
