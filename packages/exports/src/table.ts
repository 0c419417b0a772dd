/**
 * The column types every format understands. They are the Frictionless Table Schema types of the same
 * names, so a data package can be generated from a column list without a mapping table.
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean';

/** One column of a table: its stable name, type and the description readers see in every format. */
export interface Column {
  /** snake_case; a stable contract (renaming one breaks analysts' scripts). */
  name: string;
  type: ColumnType;
  description: string;
  /** True where every row has a value (becomes `constraints.required` in a data package). */
  required?: boolean;
}

/** What the generic writers take: columns and rows keyed by column name. Extra row keys are ignored. */
export interface TableData {
  columns: readonly Column[];
  rows: readonly Record<string, unknown>[];
}

/** A foreign key: `fields` of this table refer to `fields` of the table called `table`. */
export interface ForeignKey {
  fields: readonly string[];
  table: string;
  referenceFields: readonly string[];
}

/** A named table with what a data package or a workbook needs to describe it. */
export interface Table extends TableData {
  /** snake_case table name, e.g. `case_studies`; also the XLSX sheet name. */
  name: string;
  title: string;
  description: string;
  primaryKey?: readonly string[];
  foreignKeys?: readonly ForeignKey[];
}
