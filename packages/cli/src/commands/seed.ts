import { parseArgs } from 'node:util';
import { formatIssue, loadEvidence } from '@costed/evidence';
import { seedEvidence } from '@costed/store';
import { type Command, EXIT_FAILURE, EXIT_OK } from '../command.ts';
import { resolveRepoPath } from '../find-repo-root.ts';
import { describeStore, openStore, readStoreEnv } from '../store-env.ts';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load data/ into the store: unchanged files write nothing, edited ones become new versions',
  usage: `Usage: costed seed [--data <dir>]

Validates the evidence base, then writes it to the store (DATA_DIR or DATABASE_URL) in one transaction.
Idempotent by content hash: re-running changes nothing; an edited case study becomes a new version.
Nothing is written if any file has a problem.

Options:
  --data <dir>  The data directory (default: data/ at the repository root)
  -h, --help    Show this help`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { data: { type: 'string' } }, strict: true });
    const { evidence, issues } = await loadEvidence(resolveRepoPath(io.cwd, values.data, 'data'));
    if (issues.length > 0) {
      for (const issue of issues) io.stdout(formatIssue(issue));
      io.stdout(`${issues.length} problem(s): nothing was seeded`);
      return EXIT_FAILURE;
    }
    const env = readStoreEnv(io.cwd);
    const store = await openStore(env);
    try {
      const result = await seedEvidence(store, evidence, { actor: 'system:seed' });
      io.stdout(
        `seeded ${describeStore(env, io.cwd)}: ${result.created} created, ${result.versioned} new versions, ${result.unchanged} unchanged, ${result.referenceSetsReplaced.length} reference sets replaced`,
      );
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
