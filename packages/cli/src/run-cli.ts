import { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './command.ts';
import { COMMANDS } from './commands/index.ts';

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: costed <command> [options]

Commands:
${lines.join('\n')}

Run "costed <command> --help" for a command's options.`;
}

/**
 * Runs `costed` with the arguments after the program name and resolves to the exit code: 0 success, 1 the
 * command failed (e.g. data/ has issues), 2 the command line was wrong (with the usage printed).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`costed: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // node:util parseArgs marks its errors with ERR_PARSE_ARGS_* codes: those are command-line mistakes.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('ERR_PARSE_ARGS') || code === 'usage')) {
      io.stderr(`costed ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    io.stderr(`costed ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}
