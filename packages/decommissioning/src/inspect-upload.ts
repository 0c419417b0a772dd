import { unzipSync } from 'fflate';

export interface ImportLimits {
  /** Largest file accepted, in bytes (default 5 MiB). */
  maxBytes: number;
  /** Most data rows (services) accepted (default 2,000). */
  maxRows: number;
  /** Most entries in an XLSX zip (default 200; a workbook from Excel has about a dozen). */
  maxZipEntries: number;
  /** Most bytes the XLSX entries may claim to inflate to, in total (default 50 MiB). */
  maxUncompressedBytes: number;
  /**
   * Highest uncompressed ÷ compressed ratio of any entry over 1 MiB (default 100, as Apache POI's
   * zip-bomb guard). Spreadsheet XML compresses 5–20×; a bomb compresses 1000× or more.
   */
  maxCompressionRatio: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 2000,
  maxZipEntries: 200,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxCompressionRatio: 100,
};

/** Small entries compress very well without being dangerous, so the ratio only counts above this size. */
const RATIO_GRACE_BYTES = 1024 * 1024;

export type FileKind = 'csv' | 'xlsx';

export type Inspection = { ok: true; kind: FileKind } | { ok: false; code: string; message: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((b, i) => bytes[i] === b);

/** Signatures of files people upload by mistake, so the refusal can name what was sent. */
const KNOWN_BINARY: readonly [readonly number[], string][] = [
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an old-format Excel (.xls) or Word file'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
];

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** Thrown inside the central-directory walk to stop it as soon as a limit is passed. */
class Refusal extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Reads only the zip's central directory (names, compressed and claimed sizes) and refuses a zip bomb
 * before anything is inflated: too many entries, too many bytes claimed in total, or an entry that claims
 * to inflate far more than its data could honestly hold. Also refuses a zip that is not an Excel workbook.
 */
export function inspectZip(bytes: Uint8Array, limits: ImportLimits): Inspection {
  const names = new Set<string>();
  let total = 0;
  try {
    // fflate calls `filter` with each central-directory entry before inflating it; returning false means
    // nothing is ever decompressed here.
    unzipSync(bytes, {
      filter(file) {
        names.add(file.name);
        if (names.size > limits.maxZipEntries) {
          throw new Refusal(
            'zip-too-many-entries',
            `The workbook holds more than ${limits.maxZipEntries} files inside, far more than a spreadsheet needs, so it was refused unopened: save the portfolio again from the template, or as CSV.`,
          );
        }
        total += file.originalSize;
        if (total > limits.maxUncompressedBytes) {
          throw new Refusal(
            'zip-too-large-uncompressed',
            `The workbook would unpack to more than ${mib(limits.maxUncompressedBytes)}, so it was refused unopened: a portfolio needs far less. Remove other sheets or images, or save it as CSV.`,
          );
        }
        const ratio = file.originalSize / Math.max(file.size, 1);
        if (file.originalSize > RATIO_GRACE_BYTES && ratio > limits.maxCompressionRatio) {
          throw new Refusal(
            'zip-compression-ratio',
            `"${file.name}" inside the workbook claims to unpack ${Math.round(ratio)} times larger than it is stored (the limit is ${limits.maxCompressionRatio}), which is how zip bombs work, so it was refused unopened. Save the portfolio again from the template, or as CSV.`,
          );
        }
        return false;
      },
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, message: error.message };
    return {
      ok: false,
      code: 'damaged-zip',
      message: `The file starts like an Excel workbook but cannot be read as one (${error instanceof Error ? error.message : 'damaged zip'}): save it again from Excel as .xlsx, or as CSV.`,
    };
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    const what = names.has('mimetype') ? 'an OpenDocument file (.ods)' : 'a zip archive';
    return {
      ok: false,
      code: 'not-a-workbook',
      message: `The file is ${what}, not an Excel workbook (.xlsx): save the portfolio as .xlsx or CSV and upload that.`,
    };
  }
  return { ok: true, kind: 'xlsx' };
}

/**
 * Decides what the bytes are by their content, never the file name: an XLSX (a zip with a workbook inside,
 * checked for zip bombs) or CSV (UTF-8 text without NUL bytes). Anything else is refused, naming what it
 * looks like where we can tell.
 */
export function inspectUpload(bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Inspection {
  if (bytes.byteLength > limits.maxBytes) {
    return {
      ok: false,
      code: 'file-too-large',
      message: `The file is ${mib(bytes.byteLength)}, more than the ${mib(limits.maxBytes)} allowed: split the portfolio into smaller files, or remove other sheets and images.`,
    };
  }
  if (bytes.byteLength === 0) {
    return {
      ok: false,
      code: 'empty-file',
      message: 'The file is empty: fill in the template and upload it again.',
    };
  }
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) return inspectZip(bytes, limits);
  for (const [signature, what] of KNOWN_BINARY) {
    if (startsWith(bytes, signature)) {
      return {
        ok: false,
        code: 'unsupported-file-type',
        message: `The file is ${what}, not a CSV or Excel workbook (.xlsx): save the portfolio as .xlsx or CSV UTF-8 and upload that.`,
      };
    }
  }
  if (bytes.subarray(0, 64 * 1024).includes(0)) {
    return {
      ok: false,
      code: 'unsupported-file-type',
      message:
        'The file is not text and not an Excel workbook (.xlsx): save the portfolio as .xlsx or CSV UTF-8 and upload that.',
    };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      code: 'not-utf8',
      message:
        'The file is text but not UTF-8, so accented letters and £ signs would be misread: in Excel choose "Save as" → "CSV UTF-8", then upload again.',
    };
  }
  return { ok: true, kind: 'csv' };
}
