export { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './command.ts';
export { COMMANDS } from './commands/index.ts';
export { renderSchemaFiles, writeSchemaFiles } from './commands/schema-export.ts';
export { findRepoRoot, resolveRepoPath } from './find-repo-root.ts';
export { runCli, usage } from './run-cli.ts';
