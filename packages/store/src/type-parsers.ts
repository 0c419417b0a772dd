/*
 * Both engines return text for these types; we parse them the same way so a row reads identically
 * whichever engine wrote it (and export is byte-identical across engines). Connections run in UTC.
 */
export const OID = { INT8: 20, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

/** `2024-05-01 12:00:00.123456+00` → `2024-05-01T12:00:00.123456Z` (microseconds kept, unlike Date). */
export function parseTimestamptz(text: string): string {
  const utc = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)\+00$/.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}Z`;
  // Only reached if a session was not switched to UTC; milliseconds are then the best we can do.
  const other = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::(\d{2}))?$/.exec(text);
  if (!other) throw new RangeError(`Unexpected timestamptz text: ${text}`);
  return new Date(`${other[1]}T${other[2]}${other[3]}:${other[4] ?? '00'}`).toISOString();
}

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit a JavaScript number`);
  return value;
}

const identity = (text: string): string => text;

/** Parsers by type OID, for PGlite's `parsers` option and pg's `types.getTypeParser`. */
export const TEXT_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [OID.INT8]: parseInt8,
  [OID.DATE]: identity,
  [OID.TIMESTAMP]: identity,
  [OID.TIMESTAMPTZ]: parseTimestamptz,
};
