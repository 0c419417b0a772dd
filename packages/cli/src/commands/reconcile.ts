import { parseArgs } from 'node:util';
import { reconcile } from '@costed/sync';
import { type Command, EXIT_OK } from '../command.ts';
import { openMeilisearch, openStore, readStoreEnv } from '../store-env.ts';

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'Compare the search index with the store and repair the index (Meilisearch)',
  usage: `Usage: costed reconcile [--dry-run]

Compares every published case study in the store (the source of truth) with the Meilisearch index (MEILI_URL)
and repairs the index: adds what is missing, replaces stale versions, removes what should not be there.
The in-process index needs no command: the API rebuilds it from the store every time it starts.

Options:
  --dry-run     Report the differences without changing the index
  -h, --help    Show this help`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' } }, strict: true });
    const env = readStoreEnv(io.cwd);
    if (!env.meiliUrl) {
      io.stdout(
        'MEILI_URL is not set: the API uses its in-process index, which it rebuilds from the store at every start, so there is nothing to reconcile.',
      );
      return EXIT_OK;
    }
    const store = await openStore(env);
    try {
      const index = await openMeilisearch(env, store);
      if (!index) return EXIT_OK;
      const report = await reconcile(store, index, { dryRun: Boolean(values['dry-run']) });
      const verb = values['dry-run'] ? 'would' : 'did';
      io.stdout(
        `reconcile ${verb}: add ${report.added.length}, update ${report.updated.length}, remove ${report.removed.length}; ${report.unchanged} already in step`,
      );
      for (const slug of report.added) io.stdout(`  + ${slug}`);
      for (const slug of report.updated) io.stdout(`  ~ ${slug}`);
      for (const slug of report.removed) io.stdout(`  - ${slug}`);
      await index.close();
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
