/**
 * Plain JSON (no JSON-LD context): the case studies exactly as published, as one array. Pretty-printed
 * with two spaces unless `indent: 0`, and ending with a newline.
 */
export function writeJson(values: readonly unknown[], options: { indent?: number } = {}): string {
  return `${JSON.stringify(values, null, options.indent ?? 2)}\n`;
}

/**
 * JSON Lines: one compact JSON value per line, each line ending "\n". JSON.stringify escapes newlines
 * inside strings, so a record never spans two lines.
 */
export function writeJsonLines(values: Iterable<unknown>): string {
  let out = '';
  for (const value of values) out += `${JSON.stringify(value)}\n`;
  return out;
}

/** JSON Lines as one chunk per record, for streaming a large export. */
export async function* streamJsonLines(
  values: Iterable<unknown> | AsyncIterable<unknown>,
): AsyncGenerator<string> {
  for await (const value of values) yield `${JSON.stringify(value)}\n`;
}
