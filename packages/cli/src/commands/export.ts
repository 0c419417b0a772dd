import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportAll } from '@costed/store';
import { type Command, EXIT_OK, UsageError } from '../command.ts';
import { createProgress } from '../progress.ts';
import { describeStore, openStore, readStoreEnv } from '../store-env.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the whole evidence base (every version, audit, reference data) as JSON Lines',
  usage: `Usage: costed export --out <file>

Writes one JSON record per line from the store (DATA_DIR or DATABASE_URL), read as one consistent snapshot.
\`costed import\` of the file into an empty store gives back exactly the same export.
Credentials (accounts, sessions, API-key hashes) are never exported.

Options:
  --out <file>  Where to write (use - for standard output)
  -h, --help    Show this help`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    if (!values.out) {
      throw new UsageError('--out is required (a file path, or - for standard output)');
    }
    const env = readStoreEnv(io.cwd);
    const store = await openStore(env);
    const toStdout = values.out === '-';
    const stream = toStdout ? process.stdout : createWriteStream(values.out, { flags: 'wx' });
    const progress = createProgress(io, 'export');
    try {
      const { records } = await exportAll(
        store,
        (line) => {
          stream.write(`${line}\n`);
        },
        (event) => progress.update(event),
      );
      progress.stop();
      if (!toStdout) {
        stream.end();
        await once(stream, 'finish');
      }
      io.stderr(
        `exported ${records} records from ${describeStore(env, io.cwd)}${toStdout ? '' : ` to ${values.out}`}`,
      );
      return EXIT_OK;
    } finally {
      progress.stop();
      await store.close();
    }
  },
};
