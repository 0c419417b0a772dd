import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest directory at or above `from` that holds pnpm-workspace.yaml, or undefined. */
export function findRepoRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Resolves an option path against cwd, or the default under the repository root. */
export function resolveRepoPath(cwd: string, option: string | undefined, fallback: string): string {
  if (option) return path.resolve(cwd, option);
  const root = findRepoRoot(cwd);
  if (!root) {
    throw new Error(
      `No pnpm-workspace.yaml at or above ${cwd}: run costed inside the Costed repository, or pass the path explicitly`,
    );
  }
  return path.join(root, fallback);
}
