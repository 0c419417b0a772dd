export { type AtomEntry, type AtomFeedOptions, atomFeed, escapeXml } from './atom-feed.ts';
export {
  CASE_STUDY_COLUMNS,
  type CaseStudyTables,
  type CaseStudyTablesContext,
  COST_COLUMNS,
  type ConvertedPrices,
  caseStudyTables,
  OUTCOME_COLUMNS,
  SAVING_COLUMNS,
  SOURCE_COLUMNS,
  tableList,
} from './case-study-tables.ts';
export { caseStudyUrl } from './case-study-url.ts';
export { cellText, escapeFormula, startsLikeFormula } from './cell-text.ts';
export {
  CC_BY_4_0,
  csvFileName,
  DATA_PACKAGE_PROFILE,
  type DataPackage,
  type DataPackageMeta,
  type DataResource,
  dataPackage,
} from './data-package.ts';
export { ExportError, type ExportErrorCode } from './export-error.ts';
export type { Column, ColumnType, ForeignKey, Table, TableData } from './table.ts';
export { type CsvOptions, type RowSource, streamCsv, writeCsv } from './write-csv.ts';
export { streamJsonLines, writeJson, writeJsonLines } from './write-json.ts';
export { README_SHEET, type WorkbookMeta, writeXlsx, type XlsxSheet } from './write-xlsx.ts';
