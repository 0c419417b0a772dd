/** Stable codes callers (the API) can map to responses. */
export type ExportErrorCode = 'invalid-sheet-name' | 'duplicate-sheet-name' | 'invalid-package-name';

/** An export that cannot be produced as asked; the message says what to change. */
export class ExportError extends Error {
  readonly code: ExportErrorCode;

  constructor(code: ExportErrorCode, message: string) {
    super(message);
    this.name = 'ExportError';
    this.code = code;
  }
}
