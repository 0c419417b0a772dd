import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { reconcileCommand } from './reconcile.ts';
import { schemaExportCommand } from './schema-export.ts';
import { seedCommand } from './seed.ts';
import { validateCommand } from './validate.ts';

/** Every `costed` subcommand, in the order `costed --help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  schemaExportCommand,
  seedCommand,
  exportCommand,
  importCommand,
  reconcileCommand,
];
