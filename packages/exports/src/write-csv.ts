import { stringify } from 'csv-stringify/sync';
import { cellText } from './cell-text.ts';
import type { Column, TableData } from './table.ts';

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel on Windows reads accents and "£" correctly. Default false. */
  bom?: boolean;
  /** Record separator. Default CRLF, as RFC 4180 specifies. */
  lineEnding?: '\r\n' | '\n';
}

/** Rows given to the streaming writer: an array, any iterable, or an async iterable (e.g. a DB cursor). */
export type RowSource = Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;

const BOM = '\uFEFF';
/** Rows per chunk in the streaming form: big enough to amortise a call, small enough to stream. */
const ROWS_PER_CHUNK = 256;

function stringifyRecords(records: string[][], lineEnding: '\r\n' | '\n'): string {
  // Quoting is the library's job; every cell is already text (formula-escaped where it is text), so the
  // library never has to guess a type. Fields with \r or \n are quoted whatever the line ending.
  return stringify(records, { record_delimiter: lineEnding, quote_record_delimiter: true, eof: true });
}

function toRecord(row: Record<string, unknown>, columns: readonly Column[]): string[] {
  return columns.map((column) => cellText(row[column.name], column));
}

function headerRecord(columns: readonly Column[]): string[] {
  // Column names are ours (snake_case), but escape them like text anyway: generic callers may pass any name.
  return columns.map((column) => cellText(column.name, { ...column, type: 'string' }));
}

/**
 * The whole table as one CSV string (UTF-8 when encoded): a header row of column names, then one record
 * per row. Text cells that begin like a formula are prefixed with `'`; numbers in numeric columns are not.
 */
export function writeCsv(table: TableData, options: CsvOptions = {}): string {
  const lineEnding = options.lineEnding ?? '\r\n';
  const records = [headerRecord(table.columns), ...table.rows.map((row) => toRecord(row, table.columns))];
  return (options.bom ? BOM : '') + stringifyRecords(records, lineEnding);
}

async function* iterate<T>(source: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* source;
}

/**
 * The same CSV as `writeCsv`, as chunks of text for streaming to a response: the first chunk is the header
 * (with the BOM if asked), then one chunk per few hundred rows. Concatenated, the chunks equal `writeCsv`.
 */
export async function* streamCsv(
  table: { columns: readonly Column[]; rows: RowSource },
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const lineEnding = options.lineEnding ?? '\r\n';
  yield (options.bom ? BOM : '') + stringifyRecords([headerRecord(table.columns)], lineEnding);
  let batch: string[][] = [];
  for await (const row of iterate(table.rows)) {
    batch.push(toRecord(row, table.columns));
    if (batch.length >= ROWS_PER_CHUNK) {
      yield stringifyRecords(batch, lineEnding);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringifyRecords(batch, lineEnding);
}
