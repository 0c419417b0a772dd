import type { Cell, Row, Sheet } from 'write-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { plainText } from './cell-text.ts';
import { ExportError } from './export-error.ts';
import type { Column, TableData } from './table.ts';

/** A table to write as one worksheet; `Table` from `caseStudyTables` fits. */
export interface XlsxSheet extends TableData {
  /** The worksheet name: at most 31 characters, none of `: \ / ? * [ ]` (Excel's rules). */
  name: string;
  title?: string;
  description?: string;
}

/** What the README sheet says. The time is passed in: this package never reads the clock. */
export interface WorkbookMeta {
  title: string;
  /** Licence of the data, e.g. `CC-BY-4.0`. */
  licence: string;
  /** When the export was generated (ISO 8601 string or Date), supplied by the caller. */
  generatedAt: string | Date;
  description?: string;
  /** Target price year of converted figures, where the export was converted. */
  priceYear?: string;
  /** The costing method stamp (method version, deflator release, …), shown as `key: value` pairs. */
  methodStamp?: Readonly<Record<string, unknown>>;
  /** Extra lines for the README sheet (e.g. how to cite). */
  notes?: readonly string[];
}

export const README_SHEET = 'README';
/** Excel refuses to open a workbook with a longer cell. */
const MAX_CELL_CHARS = 32_767;
const TRUNCATION_MARK =
  ' … [truncated: Excel cells hold at most 32,767 characters; see the CSV or JSON export]';
const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

function checkSheetNames(sheets: readonly XlsxSheet[]): void {
  const seen = new Set<string>([README_SHEET.toLowerCase()]);
  for (const sheet of sheets) {
    if (sheet.name.length === 0 || sheet.name.length > 31 || INVALID_SHEET_CHARS.test(sheet.name)) {
      throw new ExportError(
        'invalid-sheet-name',
        `"${sheet.name}" cannot be a worksheet name: use 1–31 characters without : \\ / ? * [ or ].`,
      );
    }
    // Excel compares sheet names case-insensitively, and README is the workbook's own sheet.
    if (seen.has(sheet.name.toLowerCase())) {
      throw new ExportError(
        'duplicate-sheet-name',
        `Two worksheets would be called "${sheet.name}" (names are case-insensitive and "${README_SHEET}" is reserved): rename one table.`,
      );
    }
    seen.add(sheet.name.toLowerCase());
  }
}

function textCell(text: string, bold = false): Cell {
  if (text === '') return null;
  const value =
    text.length > MAX_CELL_CHARS
      ? text.slice(0, MAX_CELL_CHARS - TRUNCATION_MARK.length) + TRUNCATION_MARK
      : text;
  // `type: String` stores a shared string, which Excel shows as text and never evaluates, so text that
  // begins with "=" is kept exactly as published instead of being prefixed as in CSV.
  return bold ? { value, type: String, fontWeight: 'bold' } : { value, type: String };
}

function dataCell(value: unknown, column: Column): Cell {
  if (value === null || value === undefined) return null;
  if ((column.type === 'integer' || column.type === 'number') && typeof value === 'number') {
    if (Number.isFinite(value)) return { value, type: Number };
  }
  if (column.type === 'boolean' && typeof value === 'boolean') return { value, type: Boolean };
  return textCell(plainText(value));
}

function tableSheet(sheet: XlsxSheet): Sheet<never> {
  const header: Row = sheet.columns.map((c) => textCell(c.name, true));
  const rows: Row[] = sheet.rows.map((row) => sheet.columns.map((c) => dataCell(row[c.name], c)));
  return {
    sheet: sheet.name,
    data: [header, ...rows],
    stickyRowsCount: 1,
    columns: sheet.columns.map((c) => ({ width: c.type === 'string' ? 30 : 14 })),
  };
}

function formatStamp(stamp: Readonly<Record<string, unknown>>): string {
  return Object.entries(stamp)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

function readmeSheet(sheets: readonly XlsxSheet[], meta: WorkbookMeta): Sheet<never> {
  const generatedAt = meta.generatedAt instanceof Date ? meta.generatedAt.toISOString() : meta.generatedAt;
  const pair = (label: string, value: string): Row => [textCell(label, true), textCell(value)];
  const data: Row[] = [[textCell(meta.title, true)]];
  if (meta.description) data.push([textCell(meta.description)]);
  data.push([], pair('Licence', meta.licence), pair('Generated at', generatedAt));
  if (meta.priceYear) data.push(pair('Price year', meta.priceYear));
  if (meta.methodStamp) data.push(pair('Method', formatStamp(meta.methodStamp)));
  for (const note of meta.notes ?? []) data.push([textCell(note)]);
  data.push(
    [],
    [textCell('Empty cells mean "not reported" or "not applicable", never zero.')],
    [],
    ['Sheet', 'Column', 'Type', 'Description'].map((h) => textCell(h, true)),
  );
  for (const sheet of sheets) {
    if (sheet.description) data.push([textCell(sheet.name, true), null, null, textCell(sheet.description)]);
    for (const c of sheet.columns) {
      data.push([textCell(sheet.name), textCell(c.name), textCell(c.type), textCell(c.description)]);
    }
  }
  return { sheet: README_SHEET, data, columns: [{ width: 22 }, { width: 26 }, { width: 10 }, { width: 90 }] };
}

/**
 * A workbook with a README sheet (title, licence, generation time, method, column descriptions) followed by
 * one sheet per table. Numbers are numeric cells; text is always a string cell, never a formula.
 */
export async function writeXlsx(sheets: readonly XlsxSheet[], meta: WorkbookMeta): Promise<Uint8Array> {
  checkSheetNames(sheets);
  const workbook = [readmeSheet(sheets, meta), ...sheets.map(tableSheet)];
  const buffer = await writeXlsxFile(workbook).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
