import { ExportError } from './export-error.ts';
import type { Column, Table } from './table.ts';

/** Frictionless Data Package v2 descriptor (the subset Costed writes). */
export interface DataPackage {
  $schema: string;
  name: string;
  title: string;
  description?: string;
  version?: string;
  created?: string;
  homepage?: string;
  keywords?: string[];
  licenses: { name: string; path: string; title: string }[];
  sources?: { title: string; path?: string }[];
  resources: DataResource[];
}

export interface DataResource {
  name: string;
  type: 'table';
  path: string;
  title: string;
  description: string;
  format: 'csv';
  mediatype: 'text/csv';
  encoding: 'utf-8';
  dialect: { header: true; delimiter: ','; lineTerminator: string };
  schema: {
    fields: { name: string; type: Column['type']; description: string; constraints?: { required: true } }[];
    missingValues: [''];
    primaryKey?: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

export interface DataPackageMeta {
  /** Package name: lower-case letters, digits and `-._` (the spec's rule), e.g. `costed-case-studies`. */
  name: string;
  title: string;
  description?: string;
  version?: string;
  /** When the package was generated (ISO 8601), supplied by the caller. */
  created?: string;
  homepage?: string;
  keywords?: readonly string[];
  sources?: readonly { title: string; path?: string }[];
  /** Line ending the CSV files were written with (`writeCsv` default CRLF). */
  lineTerminator?: '\r\n' | '\n';
}

export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

const NAME_PATTERN = /^[a-z0-9._-]+$/;

export const CC_BY_4_0 = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0',
};

const FORMULA_NOTE =
  'Text cells that begin with =, +, -, @, a tab or a carriage return are prefixed with a single quote (\') so spreadsheets never run them as formulas; strip it when reading programmatically. Empty cells mean "not reported" or "not applicable", never zero.';

/** The CSV file a table is published as: `case_studies` → `case-studies.csv`. */
export function csvFileName(tableName: string): string {
  return `${tableName.replaceAll('_', '-')}.csv`;
}

/**
 * A `datapackage.json` descriptor for tables published as CSV files named by `csvFileName`. Fields are
 * generated from the same column schemas the CSV writer uses, so field names equal the CSV headers.
 */
export function dataPackage(tables: readonly Table[], meta: DataPackageMeta): DataPackage {
  if (!NAME_PATTERN.test(meta.name)) {
    throw new ExportError(
      'invalid-package-name',
      `"${meta.name}" is not a data package name: use lower-case letters, digits, "-", "." and "_".`,
    );
  }
  for (const table of tables) {
    if (!NAME_PATTERN.test(table.name)) {
      throw new ExportError(
        'invalid-package-name',
        `"${table.name}" is not a resource name: use lower-case letters, digits, "-", "." and "_".`,
      );
    }
  }
  const pkg: DataPackage = {
    $schema: DATA_PACKAGE_PROFILE,
    name: meta.name,
    title: meta.title,
    licenses: [CC_BY_4_0],
    resources: tables.map((table) => dataResource(table, meta.lineTerminator ?? '\r\n')),
  };
  pkg.description = meta.description ? `${meta.description}\n\n${FORMULA_NOTE}` : FORMULA_NOTE;
  if (meta.version) pkg.version = meta.version;
  if (meta.created) pkg.created = meta.created;
  if (meta.homepage) pkg.homepage = meta.homepage;
  if (meta.keywords) pkg.keywords = [...meta.keywords];
  if (meta.sources) pkg.sources = meta.sources.map((s) => ({ ...s }));
  return pkg;
}

function dataResource(table: Table, lineTerminator: string): DataResource {
  const resource: DataResource = {
    name: table.name,
    type: 'table',
    path: csvFileName(table.name),
    title: table.title,
    description: table.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { header: true, delimiter: ',', lineTerminator },
    schema: {
      fields: table.columns.map((c) => ({
        name: c.name,
        type: c.type,
        description: c.description,
        ...(c.required ? { constraints: { required: true as const } } : {}),
      })),
      missingValues: [''],
    },
  };
  if (table.primaryKey) resource.schema.primaryKey = [...table.primaryKey];
  if (table.foreignKeys) {
    resource.schema.foreignKeys = table.foreignKeys.map((fk) => ({
      fields: [...fk.fields],
      reference: { resource: fk.table, fields: [...fk.referenceFields] },
    }));
  }
  return resource;
}
