// Full import throughput: N synthetic case studies (2–5 KB each) validated against the schema, written to a PGlite
// data directory in one seed (versions, audit and outbox rows in one transaction), then indexed through the outbox
// into the in-process search index — the path a bulk load takes in the embedded product. Goal: 10k in ≤ 60 s.
// Run: pnpm exec node bench/import.bench.ts [N]   (default 10000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEvidence } from '@costed/evidence';
import { CaseStudy } from '@costed/schema';
import { createSearchIndex } from '@costed/search';
import { createStore, seedEvidence } from '@costed/store';
import { drainOutbox } from '@costed/sync';
import { generateCaseStudies, SYNTHETIC_COUNCILS } from '@costed/synthetic';

const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const GOAL_S = 60;
const here = dirname(fileURLToPath(import.meta.url));

const { evidence, issues } = await loadEvidence(join(here, '..', 'data'));
if (issues.length > 0) throw new Error(`data/ has ${issues.length} problems; run pnpm validate`);
const councils = new Map(evidence.councils.map((c) => [c.gssCode, c]));
for (const c of SYNTHETIC_COUNCILS) if (!councils.has(c.gssCode)) councils.set(c.gssCode, c);

// What arrives in a bulk load is JSON text; validating it is part of the import.
const texts = generateCaseStudies({ count: N, seed: 20261123 }).map((cs) => JSON.stringify(cs));
const kb = texts.reduce((s, t) => s + t.length, 0) / texts.length / 1024;

const dir = mkdtempSync(join(tmpdir(), 'costed-import-bench-'));
const t0 = performance.now();
const caseStudies = texts.map((t, i) => ({
  value: CaseStudy.parse(JSON.parse(t)),
  file: `synthetic/${i}.json`,
  line: 1,
}));
const tValidated = performance.now();
const store = await createStore({ engine: 'pglite', dataDir: dir });
await store.migrate();
const tOpened = performance.now();
const seeded = await seedEvidence(store, { ...evidence, councils: [...councils.values()], caseStudies });
const tStored = performance.now();
const index = createSearchIndex({ kind: 'embedded', synonyms: evidence.synonyms });
const drained = await drainOutbox(store, index, { batchSize: 500 });
const tIndexed = performance.now();
await store.close();
rmSync(dir, { recursive: true, force: true });

const total = (tIndexed - t0) / 1000 - (tOpened - tValidated) / 1000;
const rows = [
  ['validate (JSON.parse + CaseStudy.parse)', tValidated - t0],
  ['open PGlite (not counted: once per process)', tOpened - tValidated],
  ['store (one seed transaction)', tStored - tOpened],
  ['index (outbox → in-process index)', tIndexed - tStored],
];
console.log(`import of ${N} case studies (avg ${kb.toFixed(1)} KB), Node ${process.versions.node}`);
for (const [label, ms] of rows)
  console.log(`  ${String(label).padEnd(46)} ${(Number(ms) / 1000).toFixed(2)} s`);
console.log(`  created ${seeded.created}, indexed ${drained.upserted}, failed ${drained.failed}`);
console.log(
  `  total (validate + store + index): ${total.toFixed(1)} s = ${Math.round(N / total)} case studies/s; goal ≤ ${GOAL_S} s for 10k${N === 10_000 && total > GOAL_S ? '  MISSED' : ''}`,
);
console.log(
  `BENCH ${JSON.stringify({ name: `import ${N} (validate + store + index)`, value: Number(total.toFixed(1)), unit: 's', goal: `≤ ${GOAL_S} s at 10k`, command: 'pnpm exec node bench/import.bench.ts 10000' })}`,
);
