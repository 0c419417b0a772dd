import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EVIDENCE_SCHEMAS, type EvidenceSchemaName, REFERENCE_FILES, schemaFileName } from '@costed/evidence';
import { DATA_SCHEMAS, toJsonSchema } from '@costed/schema/json-schema';
import { z } from 'zod';
import { type Command, EXIT_OK } from '../command.ts';
import { resolveRepoPath } from '../find-repo-root.ts';

const SCHEMA_FILE = /\.schema\.json$/;

/**
 * Every JSON Schema file data/ is written against, by file name, as it should be on disk. Each schema is
 * exported as `<name>.schema.json` (one item); a schema used by a file holding a YAML sequence is also
 * exported as `<name>.list.schema.json` (an array of that item), which is what those files' comments name.
 */
export function renderSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const listed = new Set(REFERENCE_FILES.map((r) => r.schema));
  for (const name of Object.keys(EVIDENCE_SCHEMAS).sort() as EvidenceSchemaName[]) {
    const item = itemSchema(name);
    files.set(schemaFileName(name, false), render(item));
    if (listed.has(name)) files.set(schemaFileName(name, true), render(listSchema(item)));
  }
  return files;
}

function itemSchema(name: EvidenceSchemaName): Record<string, unknown> {
  if (name in DATA_SCHEMAS) return toJsonSchema(name as keyof typeof DATA_SCHEMAS);
  // Schemas the evidence package adds (optimism bias) are exported with the same options.
  return z.toJSONSchema(EVIDENCE_SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

function listSchema(item: Record<string, unknown>): Record<string, unknown> {
  // `$schema` belongs at the root and `$defs` must stay at the root for `#/$defs/...` references to resolve.
  const { $schema, $defs, ...rest } = item;
  return {
    $schema,
    type: 'array',
    description: `A YAML sequence; each item: ${String(item.description ?? '')}`,
    items: rest,
    ...($defs ? { $defs } : {}),
  };
}

function render(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Writes the schema files into `dir` and removes `*.schema.json` files there that no schema produces. */
export async function writeSchemaFiles(dir: string): Promise<{ written: string[]; removed: string[] }> {
  const files = renderSchemaFiles();
  await mkdir(dir, { recursive: true });
  const stale = (await readdir(dir)).filter((f) => SCHEMA_FILE.test(f) && !files.has(f));
  await Promise.all(stale.map((f) => rm(path.join(dir, f))));
  await Promise.all([...files].map(([name, text]) => writeFile(path.join(dir, name), text)));
  return { written: [...files.keys()], removed: stale };
}

export const schemaExportCommand: Command = {
  name: 'schema:export',
  summary: 'Write the JSON Schema files that data/ files name in their yaml-language-server comment',
  usage: `Usage: costed schema:export [--out <dir>]

Writes <name>.schema.json for every data schema, and <name>.list.schema.json (an array of it) for the
schemas of reference files that hold a YAML sequence. Removes stale *.schema.json files in the directory.

Options:
  --out <dir>  Where to write (default: data/schemas at the repository root)
  -h, --help   Show this help`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    const out = resolveRepoPath(io.cwd, values.out, path.join('data', 'schemas'));
    const { written, removed } = await writeSchemaFiles(out);
    const shown = path.relative(io.cwd, out).split(path.sep).join('/') || '.';
    const note = removed.length > 0 ? ` (removed stale ${removed.join(', ')})` : '';
    io.stdout(`Wrote ${written.length} schema files to ${shown}/${note}`);
    return EXIT_OK;
  },
};
