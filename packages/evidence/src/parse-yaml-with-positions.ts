import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ValidationIssue } from './validation-issue.ts';

export interface Position {
  line: number;
  column: number;
}

/** Where a path points in a YAML document, and whether the last segment exists there. */
export interface Location extends Position {
  /** False when the path's last segment is absent; the position is then its parent's. */
  found: boolean;
}

export interface ParsedYaml {
  /** The document as plain JavaScript; `undefined` when the file has YAML errors. */
  value: unknown;
  /** YAML syntax errors and duplicate keys, each at its line. */
  issues: ValidationIssue[];
  /** Finds the line of the node a path (e.g. `['costs', 0, 'money']`) names. */
  locate(path: readonly PropertyKey[]): Location;
}

/**
 * Parses YAML keeping the position of every node, so that schema issues (which carry only a path) can be
 * reported at a line. Duplicate keys are errors: YAML would otherwise keep the last one silently.
 */
export function parseYamlWithPositions(text: string, file: string): ParsedYaml {
  // A LineCounter accumulates the offsets it has seen, so each document needs its own.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const issues: ValidationIssue[] = doc.errors.map((error) => {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    if (error.code === 'DUPLICATE_KEY') {
      const key = /^[^:\n]*/.exec(text.slice(error.pos[0]))![0].trim();
      const quoted = /^["']/.test(key) ? key : `"${key}"`;
      const message = `Duplicate key ${quoted}: a key may appear only once in a mapping, so keep one`;
      return { file, line: pos.line, column: pos.col, path: '', message, code: 'duplicate-key' };
    }
    return {
      file,
      line: pos.line,
      column: pos.col,
      path: '',
      message: firstLine(error.message),
      code: 'yaml-syntax',
    };
  });
  const positionOf = (offset: number | undefined): Position => {
    if (offset === undefined) return { line: 1, column: 1 };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const locate = (path: readonly PropertyKey[]): Location => {
    let node: unknown = doc.contents;
    // The key through which the current node was reached: a key line reads better than the first line of
    // a block mapping below it.
    let key: Node | null = null;
    for (const segment of path) {
      const here = { ...positionOf((key ?? (node as Node | null))?.range?.[0]), found: false };
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) return here;
        key = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) return here;
        key = null;
        node = item;
      } else {
        return here;
      }
    }
    return { ...positionOf((key ?? (node as Node | null))?.range?.[0]), found: true };
  };

  const value = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  return { value, issues, locate };
}

// The yaml package's pretty messages repeat the position and the source with a caret below; the issue
// carries the position already.
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
