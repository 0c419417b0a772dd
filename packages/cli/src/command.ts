/** Where a command writes, and where it runs: injected so tests can run commands in-process too. */
export interface CliIo {
  cwd: string;
  stdout(line: string): void;
  stderr(line: string): void;
}

/** One `costed` subcommand: add a file under src/commands/ and list it in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for `costed --help`. */
  summary: string;
  /** The full usage text for `costed <name> --help`. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 success, 1 the data or the work failed, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A wrong command line; the runner prints the message and the usage and exits 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}
