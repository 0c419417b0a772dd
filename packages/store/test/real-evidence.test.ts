import { fileURLToPath } from 'node:url';
import { type Evidence, loadEvidence } from '@costed/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStore,
  exportAll,
  importAll,
  type SeedEvidence,
  type Store,
  seedEvidence,
} from '../src/index.ts';
import { startPostgres, type TestPostgres, truncateAll } from '../src/testing.ts';

// The evidence loader's result is what seeding takes (checked by the type checker).
const asSeed = (evidence: Evidence): SeedEvidence => evidence;

const dataDir = fileURLToPath(new URL('../../../data', import.meta.url));

describe('the real evidence base in data/', () => {
  let server: TestPostgres;
  let store: Store;
  beforeAll(async () => {
    server = await startPostgres();
    store = await createStore({ engine: 'postgres', url: server.url });
    await store.migrate();
    await truncateAll(store);
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('seeds once, re-seeds with no changes, and round-trips through JSON Lines', async () => {
    const { evidence, issues } = await loadEvidence(dataDir);
    expect(issues).toEqual([]);
    const first = await seedEvidence(store, asSeed(evidence));
    expect(first.created).toBe(evidence.caseStudies.length);
    expect((await seedEvidence(store, asSeed(evidence))).changes).toBe(0);
    expect(await store.reference.councils()).toEqual(
      [...evidence.councils].sort((a, b) => a.gssCode.localeCompare(b.gssCode)),
    );
    expect(await store.reference.optimismBias()).toEqual(evidence.optimismBias);
    const byId = <T extends { id: string }>(items: readonly T[]) =>
      [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(await store.reference.deflatorSeries()).toEqual(byId(evidence.deflators));
    expect(await store.reference.discountSchedules()).toEqual(byId(evidence.discountSchedules));
    expect(await store.reference.unitCosts()).toEqual(byId(evidence.unitCosts));
    expect(await store.reference.indicators()).toEqual(byId(evidence.indicators));
    expect(await store.reference.synonyms()).toEqual(evidence.synonyms);

    const lines: string[] = [];
    await exportAll(store, (l) => lines.push(l));
    await truncateAll(store);
    await importAll(store, lines);
    const again: string[] = [];
    await exportAll(store, (l) => again.push(l));
    expect(again.join('\n')).toBe(lines.join('\n'));
  });
});
