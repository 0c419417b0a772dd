/**
 * Worker-thread entry that builds the open-data workbook. `writeXlsx` is seconds of synchronous CPU work at
 * 10k case studies (deflate inside write-excel-file), which on the main thread would stall every request
 * and trip the event-loop-delay guard; here it only occupies this thread. Started by `buildXlsxOffThread`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type WorkbookMeta, writeXlsx, type XlsxSheet } from '@costed/exports';

export interface XlsxWorkerInput {
  sheets: XlsxSheet[];
  meta: WorkbookMeta;
}

export type XlsxWorkerOutput =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; message: string; code?: string };

const input = workerData as XlsxWorkerInput;
try {
  const bytes = await writeXlsx(input.sheets, input.meta);
  parentPort?.postMessage({ ok: true, bytes } satisfies XlsxWorkerOutput);
} catch (error) {
  const e = error as { message?: string; code?: unknown };
  parentPort?.postMessage({
    ok: false,
    message: e?.message ?? String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  } satisfies XlsxWorkerOutput);
}
