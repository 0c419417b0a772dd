import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { importAll, isStoreError } from '@costed/store';
import { type Command, EXIT_FAILURE, EXIT_OK, UsageError } from '../command.ts';
import { createProgress } from '../progress.ts';
import { describeStore, openStore, readStoreEnv } from '../store-env.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'Load a JSON Lines export into an empty store (validates everything before writing anything)',
  usage: `Usage: costed import <file>

Reads an export made by \`costed export\`, checks every line against the schemas, and only then writes it all
in one transaction. On any problem it prints each one as "line N: path: message" and writes nothing.
The target store (DATA_DIR or DATABASE_URL) must be empty.

Options:
  -h, --help    Show this help`,
  async run(args, io) {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('Give exactly one file to import');
    const env = readStoreEnv(io.cwd);
    const store = await openStore(env);
    const progress = createProgress(io, 'import');
    try {
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
      const { records } = await importAll(store, lines, (event) => progress.update(event));
      progress.stop();
      io.stdout(`imported ${records} records into ${describeStore(env, io.cwd)}`);
      return EXIT_OK;
    } catch (error) {
      progress.stop();
      if (isStoreError(error)) {
        io.stdout(error.message);
        const details = (error as { details?: unknown }).details;
        if (Array.isArray(details)) for (const d of details) io.stdout(String(d));
        io.stdout('nothing was imported');
        return EXIT_FAILURE;
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};
