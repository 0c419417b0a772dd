import { startPostgres, type TestPostgres } from '@costed/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  type Cast,
  call,
  createCast,
  STRESS,
  type StartOptions,
  startApi,
  tempDataDir,
} from './api-process.ts';

/**
 * kill -9 the real API process while councils write and curators publish, restart it, and check that nothing
 * acknowledged was lost and nothing unacknowledged is half there. Quick (CI): 3 cycles per engine; STRESS=1: 20.
 */
const CYCLES = STRESS ? 20 : 3;
const CHAINS = 4;

type Step = 'create' | 'edit' | 'submit' | 'publish';
const AUDIT_ACTION: Record<Step, string> = {
  create: 'submission.create',
  edit: 'submission.edit',
  submit: 'submission.submit',
  publish: 'submission.publish',
};

interface Entry {
  id: string;
  slug: string;
  acked: Step[];
  version: number;
}

const EVIDENCE = {
  design: 'before-after',
  evaluator: null,
  independence: 'unknown',
  level: 1,
  result: 'not-evaluated',
  rationale: 'Before-and-after counts for one council with no comparison group.',
  assessedBy: 'Costed curation panel',
  assessedOn: '2026-11-23',
};

/** Letters only, so generated slugs always match the slug pattern. */
function letters(n: number): string {
  let s = '';
  let x = n;
  do {
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26);
  } while (x > 0);
  return s;
}

async function completeTemplate(api: ApiProcess): Promise<Record<string, unknown>> {
  const res = await call(api.url, 'GET', '/v1/exports/case-studies.json');
  const seeded = (res.body as Record<string, unknown>[]).find(
    (c) => c.slug === 'east-riding-early-help-shift',
  );
  if (!seeded) throw new Error('the seed case study east-riding-early-help-shift is missing from the export');
  const { status: _status, version: _version, ...rest } = seeded;
  return rest;
}

/** One council officer's work, step after step, until the process dies under it. */
async function runChain(
  api: ApiProcess,
  cast: Cast,
  template: Record<string, unknown>,
  ledger: Entry[],
  prefix: string,
  chain: number,
  stop: { dead: boolean },
): Promise<void> {
  const member = cast.members[chain % cast.members.length];
  if (!member) throw new Error('no council member');
  for (let n = 0; !stop.dead; n++) {
    const slug = `crash-${prefix}-${letters(chain)}-${letters(n)}`;
    const title = `Crash test ${prefix} ${letters(chain)} ${letters(n)}`;
    try {
      const created = await call(api.url, 'POST', '/v1/submissions', {
        cookie: member.cookie,
        body: { document: { slug, title } },
      });
      if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
      const entry: Entry = { id: (created.body as { id: string }).id, slug, acked: ['create'], version: 1 };
      ledger.push(entry);
      const edited = await call(api.url, 'PATCH', `/v1/submissions/${entry.id}`, {
        cookie: member.cookie,
        body: { document: { ...template, slug, title }, expectedVersion: 1 },
      });
      if (edited.status !== 200) throw new Error(`edit: ${edited.status} ${edited.text}`);
      entry.acked.push('edit');
      entry.version = (edited.body as { version: number }).version;
      const submitted = await call(api.url, 'POST', `/v1/submissions/${entry.id}/submit`, {
        cookie: member.cookie,
        body: {},
      });
      if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
      entry.acked.push('submit');
      entry.version = (submitted.body as { version: number }).version;
      // Every other submission is published by the curator, so both kinds of transaction are cut mid-flight.
      if (n % 2 === 0) {
        const published = await call(api.url, 'POST', `/v1/submissions/${entry.id}/review`, {
          cookie: cast.curator.cookie,
          body: { action: 'publish', evidence: EVIDENCE, changeNote: 'Published under crash test' },
        });
        if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
        entry.acked.push('publish');
      }
    } catch (error) {
      // A refused request while the process is alive is a real failure; a dropped connection after the kill is not.
      if (!stop.dead) throw error;
      return;
    }
  }
}

async function auditActions(
  api: ApiProcess,
  cast: Cast,
  entityType: string,
  entityId: string,
): Promise<string[]> {
  const res = await call(
    api.url,
    'GET',
    `/v1/audit?entityType=${entityType}&entityId=${entityId}&limit=100`,
    {
      cookie: cast.admin.cookie,
    },
  );
  if (res.status !== 200) throw new Error(`audit read failed: ${res.status} ${res.text}`);
  return (res.body as { events: { action: string }[] }).events.map((e) => e.action);
}

async function searchSlugs(api: ApiProcess): Promise<string[]> {
  const slugs: string[] = [];
  for (let page = 1; ; page++) {
    const res = await call(api.url, 'GET', `/v1/case-studies?pageSize=100&page=${page}&facets=false`);
    if (res.status !== 200) throw new Error(`search failed: ${res.status} ${res.text}`);
    const body = res.body as { hits: { slug: string }[]; total: number };
    slugs.push(...body.hits.map((h) => h.slug));
    if (body.hits.length < 100) return slugs.sort();
  }
}

/** Everything that must hold after a restart; returns the problems found (empty when consistent). */
async function verify(
  api: ApiProcess,
  cast: Cast,
  ledger: Entry[],
): Promise<{ lost: string[]; half: string[] }> {
  const lost: string[] = [];
  const half: string[] = [];
  const member = cast.members[0];
  const exported = await call(api.url, 'GET', '/v1/exports/case-studies.json');
  const storeSlugs = (exported.body as { slug: string }[]).map((c) => c.slug).sort();
  const published = new Set(storeSlugs);

  // 1. Every acknowledged write is there, with its audit events.
  for (const entry of ledger) {
    const res = await call(api.url, 'GET', `/v1/submissions/${entry.id}`, { cookie: member?.cookie });
    if (res.status !== 200) {
      lost.push(`${entry.id} (${entry.acked.join(',')}) → ${res.status}`);
      continue;
    }
    const body = res.body as { version: number; status: string };
    if (body.version < entry.version)
      lost.push(`${entry.id} version ${body.version} < acknowledged ${entry.version}`);
    if (entry.acked.includes('publish') && (body.status !== 'published' || !published.has(entry.slug))) {
      lost.push(`${entry.slug}: publish acknowledged, now ${body.status}`);
    } else if (entry.acked.includes('submit') && !['submitted', 'published'].includes(body.status)) {
      lost.push(`${entry.id}: submit acknowledged, now ${body.status}`);
    }
    const actions = await auditActions(api, cast, 'submission', entry.id);
    for (const step of entry.acked) {
      if (!actions.includes(AUDIT_ACTION[step]))
        lost.push(`${entry.id}: no ${AUDIT_ACTION[step]} audit event`);
    }
  }

  // 2. Nothing is half there: every submission (acknowledged or not) has the audit events its state implies, and
  //    every published one has its case study and the case study's audit event.
  const all = await call(api.url, 'GET', '/v1/submissions', { cookie: cast.curator.cookie });
  const subs = (all.body as { submissions: { id: string; status: string; organisationId: string }[] })
    .submissions;
  for (const s of subs.filter((x) => x.organisationId === cast.organisationId)) {
    const actions = await auditActions(api, cast, 'submission', s.id);
    if (!actions.includes('submission.create')) half.push(`${s.id}: row without submission.create`);
    if (['submitted', 'published'].includes(s.status) && !actions.includes('submission.submit'))
      half.push(`${s.id}: ${s.status} without submission.submit`);
    if (s.status === 'published' && !actions.includes('submission.publish'))
      half.push(`${s.id}: published without submission.publish`);
  }
  for (const slug of storeSlugs.filter((x) => x.startsWith('crash-'))) {
    const actions = await auditActions(api, cast, 'case-study', slug);
    if (!actions.includes('case-study.create')) half.push(`${slug}: case study without case-study.create`);
  }

  // 3. The search index reconciles to the store: the same published slugs, nothing to add or remove.
  const indexed = await searchSlugs(api);
  const toAdd = storeSlugs.filter((x) => !indexed.includes(x));
  const toRemove = indexed.filter((x) => !published.has(x));
  if (toAdd.length > 0 || toRemove.length > 0)
    half.push(`search index out of step: add ${toAdd.join(',')} remove ${toRemove.join(',')}`);
  return { lost, half };
}

async function crashCycles(engine: string, options: () => StartOptions): Promise<void> {
  const ledger: Entry[] = [];
  let cast: Cast | undefined;
  let template: Record<string, unknown> | undefined;
  let lost: string[] = [];
  let half: string[] = [];
  const starts: number[] = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const api = await startApi(options());
    starts.push(api.startMs);
    try {
      cast ??= await createCast(api.url, `crash-${engine}`, 3);
      template ??= await completeTemplate(api);
      if (cycle > 0) {
        const report = await verify(api, cast, ledger);
        lost = report.lost;
        half = report.half;
        if (lost.length + half.length > 0) break;
      }
      const stop = { dead: false };
      const chains = Array.from({ length: CHAINS }, (_, i) =>
        runChain(
          api,
          cast as Cast,
          template as Record<string, unknown>,
          ledger,
          `${letters(cycle)}`,
          i,
          stop,
        ),
      );
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 2200));
      stop.dead = true;
      await api.kill9();
      await Promise.all(chains);
    } catch (error) {
      await api.kill9();
      throw error;
    }
  }
  // A last restart checks the final kill.
  const api = await startApi(options());
  try {
    if (lost.length + half.length === 0 && cast) ({ lost, half } = await verify(api, cast, ledger));
  } finally {
    await api.stop();
  }
  const acknowledged = ledger.reduce((n, e) => n + e.acked.length, 0);
  console.log(
    `crash (${engine}): ${CYCLES} kill -9 cycles, ${ledger.length} submissions, ${acknowledged} writes acknowledged, ${lost.length} writes lost, ${half.length} half-present; restarts ${starts
      .map((ms) => `${Math.round(ms)}`)
      .join('/')} ms`,
  );
  for (const p of [...lost, ...half].slice(0, 20)) console.log(`  FAIL ${p}`);
  expect(acknowledged).toBeGreaterThan(CYCLES);
  expect(lost).toEqual([]);
  expect(half).toEqual([]);
}

describe('crash consistency: kill -9 under concurrent writes, then restart', () => {
  let postgres: TestPostgres | undefined;
  afterAll(async () => {
    await postgres?.stop();
  });

  it(
    'embedded PGlite: loses no acknowledged write and takes over the stale lock',
    async () => {
      const dataDir = tempDataDir('costed-crash-pglite-');
      await crashCycles('pglite', () => ({ dataDir }));
    },
    CYCLES * 90_000,
  );

  it(
    'PostgreSQL: loses no acknowledged write',
    async () => {
      postgres = await startPostgres();
      const url = postgres.url;
      const dataDir = tempDataDir('costed-crash-pg-');
      await crashCycles('postgres', () => ({ dataDir, databaseUrl: url }));
    },
    CYCLES * 90_000,
  );
});
