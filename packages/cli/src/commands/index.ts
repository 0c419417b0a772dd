import type { Command } from '../command.ts';
import { schemaExportCommand } from './schema-export.ts';
import { validateCommand } from './validate.ts';

/** Every `costed` subcommand, in the order `costed --help` lists them. */
export const COMMANDS: readonly Command[] = [validateCommand, schemaExportCommand];
