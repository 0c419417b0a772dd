import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_FILES } from '@costed/evidence';
import { DATA_SCHEMAS, toJsonSchema } from '@costed/schema/json-schema';
import { describe, expect, it } from 'vitest';
import { renderSchemaFiles } from './schema-export.ts';

const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/schemas');

describe('renderSchemaFiles', () => {
  const files = renderSchemaFiles();

  it('exports every data schema, and a list schema for each reference file holding a sequence', () => {
    for (const name of Object.keys(DATA_SCHEMAS)) expect(files.has(`${name}.schema.json`)).toBe(true);
    for (const ref of REFERENCE_FILES) expect(files.has(`${ref.schema}.list.schema.json`)).toBe(true);
    expect(files.has('optimism-bias.schema.json')).toBe(true);
    expect(files.has('case-study.list.schema.json')).toBe(false);
  });

  it('wraps the item schema in an array for a list schema', () => {
    const { $schema, ...item } = toJsonSchema('council');
    const list = JSON.parse(files.get('council.list.schema.json')!);
    expect(list).toMatchObject({ $schema, type: 'array', items: item });
  });

  it('matches the files committed in data/schemas (run `pnpm schema:export` after changing a schema)', async () => {
    const committed = (await readdir(SCHEMAS_DIR)).filter((f) => f.endsWith('.schema.json')).sort();
    expect(committed).toEqual([...files.keys()].sort());
    for (const [name, text] of files) {
      expect(await readFile(path.join(SCHEMAS_DIR, name), 'utf8'), name).toBe(text);
    }
  });
});
