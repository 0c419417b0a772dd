/**
 * A small checker for the Data Package v2 / Table Schema rules Costed relies on (datapackage.org/standard):
 * required properties, name patterns, relative paths, known field types, and keys that refer to fields
 * that exist. It returns the problems found, so a failing test says which rule broke.
 */
const NAME = /^[a-z0-9._-]+$/;
const FIELD_TYPES = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'list',
  'date',
  'time',
  'datetime',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

export function checkDataPackage(pkg: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(pkg)) return ['descriptor is not an object'];
  if (typeof pkg.$schema !== 'string' || !pkg.$schema.startsWith('https://'))
    problems.push('$schema must be a URL');
  if (typeof pkg.name !== 'string' || !NAME.test(pkg.name)) problems.push('name must match ^[a-z0-9._-]+$');
  for (const [i, licence] of asArray(pkg.licenses).entries()) {
    if (!isObject(licence) || (typeof licence.name !== 'string' && typeof licence.path !== 'string'))
      problems.push(`licenses[${i}] needs a name or a path`);
  }
  if (!Array.isArray(pkg.resources) || pkg.resources.length === 0)
    return [...problems, 'resources must be non-empty'];
  const resources = new Map<string, Json>();
  for (const [i, resource] of pkg.resources.entries()) {
    const at = `resources[${i}]`;
    if (!isObject(resource)) {
      problems.push(`${at} is not an object`);
      continue;
    }
    if (typeof resource.name !== 'string' || !NAME.test(resource.name))
      problems.push(`${at}.name is invalid`);
    else if (resources.has(resource.name)) problems.push(`${at}.name is not unique`);
    else resources.set(resource.name, resource);
    const paths = asArray(resource.path);
    if (paths.length === 0 && resource.data === undefined) problems.push(`${at} needs a path or data`);
    for (const p of paths) {
      if (typeof p !== 'string' || p.startsWith('/') || p.split('/').includes('..') || /^[a-z]+:/i.test(p))
        problems.push(`${at}.path must be a relative POSIX path without ".."`);
    }
  }
  for (const [name, resource] of resources) {
    const schema = resource.schema;
    if (!isObject(schema) || !Array.isArray(schema.fields)) {
      problems.push(`${name}.schema.fields is missing`);
      continue;
    }
    const fieldNames = new Set<string>();
    for (const field of schema.fields) {
      if (!isObject(field) || typeof field.name !== 'string') {
        problems.push(`${name} has a field without a name`);
        continue;
      }
      if (fieldNames.has(field.name)) problems.push(`${name}.${field.name} is duplicated`);
      fieldNames.add(field.name);
      if (field.type !== undefined && !FIELD_TYPES.has(String(field.type)))
        problems.push(`${name}.${field.name} has unknown type ${String(field.type)}`);
    }
    for (const key of asArray(schema.primaryKey))
      if (!fieldNames.has(String(key)))
        problems.push(`${name}.primaryKey names unknown field ${String(key)}`);
    for (const fk of Array.isArray(schema.foreignKeys) ? schema.foreignKeys : []) {
      if (!isObject(fk) || !isObject(fk.reference)) {
        problems.push(`${name}.foreignKeys entry is malformed`);
        continue;
      }
      const fields = asArray(fk.fields);
      const refFields = asArray(fk.reference.fields);
      if (fields.length === 0 || fields.length !== refFields.length)
        problems.push(`${name}.foreignKeys fields and reference.fields differ in length`);
      for (const f of fields)
        if (!fieldNames.has(String(f))) problems.push(`${name}.foreignKeys names unknown ${String(f)}`);
      const target = resources.get(String(fk.reference.resource ?? name));
      const targetSchema = target?.schema;
      if (!target || !isObject(targetSchema) || !Array.isArray(targetSchema.fields)) {
        problems.push(`${name}.foreignKeys refers to unknown resource ${String(fk.reference.resource)}`);
        continue;
      }
      const targetFields = new Set(targetSchema.fields.map((f) => (isObject(f) ? f.name : undefined)));
      for (const f of refFields)
        if (!targetFields.has(String(f)))
          problems.push(`${name}.foreignKeys refers to unknown field ${String(f)}`);
    }
  }
  return problems;
}
