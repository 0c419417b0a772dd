// Store throughput: time to open PGlite, then seeding, re-seeding (no changes), exporting and importing N
// synthetic case studies, on PGlite (in memory and in a data directory) and on a PostgreSQL 15 started for
// the run (or DATABASE_URL). Run: pnpm exec node bench/store-import.bench.ts [N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseStudyInput } from '@costed/schema';
import {
  createStore,
  exportAll,
  importAll,
  type SeedEvidence,
  type Store,
  seedEvidence,
} from '@costed/store';
import { startPostgres, truncateAll } from '@costed/store/testing';

const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);

function caseStudy(i: number): CaseStudyInput {
  const words = 'early help front door family hubs edge of care adolescents looked after children'.split(' ');
  const body = Array.from({ length: 40 }, (_, k) => words[(i + k) % words.length]).join(' ');
  return {
    slug: `synthetic-case-study-${i}`,
    title: `Council ${i} redesigns its ${words[i % words.length]} service`,
    summary: `Council ${i} brought its teams together and reports fewer referrals over three years.`,
    body: `## What changed\n\n${body}\n\n${body}\n\n${body}`,
    councils: [`E06${String(i % 1000).padStart(6, '0')}`],
    intervention: { name: 'Family Hubs', description: 'One front door for early help and family support.' },
    policyStrand: 'contact-and-referrals',
    serviceAreas: ['early-help', 'family-support'],
    deliveryModel: 'in-house',
    cohort: { description: 'Families with emerging needs', needLevels: ['targeted'] },
    period: { start: '2014', end: '2016' },
    costs: [
      {
        label: 'Set-up of the hub',
        money: { pence: 25_000_000 + i, priceYear: '2014-15' },
        kind: 'set-up',
        basis: 'total',
        citation: { source: 'src', quote: 'The hub cost £250,000 to set up in 2014.' },
      },
    ],
    outcomes: [
      {
        indicator: 'referrals-rate',
        unit: 'rate-per-10000',
        betterDirection: 'lower',
        baseline: { value: 600 + (i % 50), year: '2013-14' },
        followUp: { value: 480, year: '2015-16' },
        citation: { source: 'src', quote: 'Referrals fell from 612 to 480 per 10,000 children.' },
      },
    ],
    evidence: {
      design: 'before-after',
      evaluator: null,
      independence: 'internal',
      level: 1,
      result: 'not-evaluated',
      rationale: 'Before and after figures from the council only.',
      assessedBy: 'Costed curators',
      assessedOn: '2025-01-15',
    },
    sources: [{ id: 'src', title: 'Front door redesign', publisher: 'LGC', date: '2016-03' }],
  };
}

const evidence: SeedEvidence = {
  caseStudies: Array.from({ length: N }, (_, i) => ({ value: caseStudy(i) })),
};
const edited: SeedEvidence = {
  caseStudies: evidence.caseStudies.map((c, i) =>
    i % 10 === 0 ? { value: { ...c.value, tags: ['edited'] } } : c,
  ),
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-GB')}/s`;

async function measure(label: string, open: () => Promise<Store>): Promise<void> {
  const [store, openMs] = await timed(open);
  try {
    const [applied, migrateMs] = await timed(() => store.migrate());
    const [seed, seedMs] = await timed(() => seedEvidence(store, evidence));
    const [again, againMs] = await timed(() => seedEvidence(store, evidence));
    const [edit, editMs] = await timed(() => seedEvidence(store, edited));
    const lines: string[] = [];
    const [, exportMs] = await timed(() => exportAll(store, (l) => lines.push(l)));
    await truncateAll(store);
    const [, importMs] = await timed(() => importAll(store, lines));
    const bytes = lines.reduce((n, l) => n + l.length + 1, 0);
    console.log(`${label}`);
    console.log(
      `  open ${openMs.toFixed(0)} ms; migrate (${applied.length} applied) ${migrateMs.toFixed(0)} ms`,
    );
    console.log(
      `  seed ${seed.created} new case studies: ${seedMs.toFixed(0)} ms (${rate(seed.created, seedMs)})`,
    );
    console.log(`  re-seed, ${again.changes} changes: ${againMs.toFixed(0)} ms`);
    console.log(`  seed with ${edit.versioned} edited (new versions): ${editMs.toFixed(0)} ms`);
    console.log(
      `  export ${lines.length} records (${(bytes / 1e6).toFixed(1)} MB): ${exportMs.toFixed(0)} ms (${rate(lines.length, exportMs)})`,
    );
    console.log(
      `  import ${lines.length} records: ${importMs.toFixed(0)} ms (${rate(lines.length, importMs)})`,
    );
  } finally {
    await store.close();
  }
}

console.log(
  `N = ${N} synthetic case studies (~${(JSON.stringify(caseStudy(1)).length / 1024).toFixed(1)} KB each)`,
);
await measure('PGlite, in memory', () => createStore({ engine: 'pglite' }));
const dir = mkdtempSync(join(tmpdir(), 'costed-bench-'));
try {
  await measure('PGlite, data directory (first open creates it)', () =>
    createStore({ engine: 'pglite', dataDir: dir }),
  );
  const [reopened, reopenMs] = await timed(() => createStore({ engine: 'pglite', dataDir: dir }));
  console.log(`PGlite reopen of an existing data directory: ${reopenMs.toFixed(0)} ms`);
  await reopened.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const server = await startPostgres();
try {
  await measure(`PostgreSQL (${server.source})`, () => createStore({ engine: 'postgres', url: server.url }));
} finally {
  await server.stop();
}
