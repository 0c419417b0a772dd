#!/usr/bin/env node
// Node 24 runs the TypeScript sources directly (type stripping); this shim only checks the version
// so that a run on the machine's Node 20 fails with a clear message instead of a syntax error.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `costed needs Node 24 or later; this is Node ${process.versions.node}. Run it through pnpm (pnpm costed …), which puts the repository's Node 24 first on the PATH.`,
  );
  process.exit(1);
}
await import('../src/main.ts');
