import type { CaseStudy } from '@costed/schema';
import { expect } from 'vitest';
import type { TestApp } from './helpers.ts';

/** A complete case study a council could submit, built from a seeded one under a new slug and title. */
export async function completeDocument(
  t: TestApp,
  slug: string,
  title: string,
): Promise<Record<string, unknown>> {
  const seeded = await t.store.caseStudies.get('east-riding-early-help-shift');
  if (!seeded) throw new Error('the seed case study east-riding-early-help-shift is missing');
  const { status: _status, version: _version, ...rest } = seeded.document as CaseStudy;
  return { ...rest, slug, title };
}

export const CURATOR_EVIDENCE = {
  design: 'before-after',
  evaluator: null,
  independence: 'unknown',
  level: 1,
  result: 'not-evaluated',
  rationale: 'Before-and-after counts for one council with no comparison group.',
  assessedBy: 'Costed curation panel',
  assessedOn: '2026-11-23',
} as const;

/**
 * The whole workflow through HTTP, as users do it: a council drafts and submits → a curator requests changes
 * → the council edits and resubmits → the curator publishes → search finds it and the store lists it as
 * published and the open-data export holds it → the curator withdraws it → search no longer finds it, and its versions and audit trail remain.
 */
export async function runWorkflow(t: TestApp, slug: string, word: string): Promise<void> {
  const council = await t.signIn('council-member');
  const curator = await t.signIn('curator');
  const asCouncil = { cookie: council.cookie };
  const asCurator = { cookie: curator.cookie };
  const full = await completeDocument(t, slug, `East Riding: ${word} family hubs for under-fives`);

  // 1. A draft may be partial.
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/submissions',
    headers: asCouncil,
    payload: { document: { slug, title: full.title } },
  });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect(created.json()).toMatchObject({ status: 'draft', version: 1, organisationId: 'east-riding' });

  const filled = await t.app.inject({
    method: 'PATCH',
    url: `/v1/submissions/${id}`,
    headers: asCouncil,
    payload: { document: full, expectedVersion: 1 },
  });
  expect(filled.statusCode).toBe(200);
  expect(filled.json().version).toBe(2);

  const submitted = await t.app.inject({
    method: 'POST',
    url: `/v1/submissions/${id}/submit`,
    headers: asCouncil,
    payload: { expectedVersion: 2 },
  });
  expect(submitted.statusCode).toBe(200);
  expect(submitted.json().status).toBe('submitted');

  // 2. The curator sees it in the queue and asks for a change.
  const queue = await t.app.inject({ url: '/v1/review-queue', headers: asCurator });
  expect(queue.statusCode).toBe(200);
  const queued = (queue.json().submissions as { id: string; scan: { ok: boolean } }[]).find(
    (s) => s.id === id,
  );
  expect(queued?.scan.ok).toBe(true);

  const changes = await t.app.inject({
    method: 'POST',
    url: `/v1/submissions/${id}/review`,
    headers: asCurator,
    payload: {
      action: 'request-changes',
      comments: [{ path: 'summary', message: 'Say when the shift in resources began.' }],
    },
  });
  expect(changes.statusCode).toBe(200);
  expect(changes.json().submission.status).toBe('changes-requested');

  // 3. The council answers the comment and resubmits.
  const current = await t.app.inject({ url: `/v1/submissions/${id}`, headers: asCouncil });
  const edited = await t.app.inject({
    method: 'PATCH',
    url: `/v1/submissions/${id}`,
    headers: asCouncil,
    payload: {
      document: {
        ...full,
        summary: `${full.summary as string} The shift in resources began in 2012, as far as the article says.`,
      },
      expectedVersion: current.json().version,
    },
  });
  expect(edited.statusCode).toBe(200);
  const resubmitted = await t.app.inject({
    method: 'POST',
    url: `/v1/submissions/${id}/submit`,
    headers: asCouncil,
    payload: {},
  });
  expect(resubmitted.json().status).toBe('submitted');

  // 4. The curator publishes with an evidence assessment; search finds it at once.
  expect((await t.services.search.search({ q: word })).hits.map((h) => h.slug)).not.toContain(slug);
  const published = await t.app.inject({
    method: 'POST',
    url: `/v1/submissions/${id}/review`,
    headers: asCurator,
    payload: { action: 'publish', evidence: CURATOR_EVIDENCE, changeNote: 'First publication' },
  });
  expect(published.statusCode).toBe(200);
  expect(published.json()).toMatchObject({
    submission: { status: 'published' },
    caseStudy: { slug, version: 1 },
  });
  const found = await t.services.search.search({ q: word });
  expect(found.hits.map((h) => h.slug)).toContain(slug);
  const record = await t.store.caseStudies.get(slug);
  expect(record).toMatchObject({ status: 'published', organisationId: 'east-riding' });
  expect(record?.document.evidence).toEqual(CURATOR_EVIDENCE);
  expect(record?.document.summary).toContain('began in 2012');
  const publishedList = await t.store.caseStudies.list({ status: 'published' });
  expect(publishedList.map((c) => c.slug)).toContain(slug);
  const exportedSlugs = async () =>
    ((await t.app.inject('/v1/exports/case-studies.json')).json() as { slug: string }[]).map((c) => c.slug);
  expect(await exportedSlugs()).toContain(slug);

  // 5. The curator withdraws it; search no longer finds it, the history remains.
  const withdrawn = await t.app.inject({
    method: 'POST',
    url: `/v1/case-studies/${slug}/withdraw`,
    headers: asCurator,
    payload: { reason: 'The council asked for it to be withdrawn pending new figures.' },
  });
  expect(withdrawn.statusCode).toBe(200);
  expect(withdrawn.json()).toMatchObject({
    slug,
    status: 'withdrawn',
    version: 2,
    withdrawnSubmissions: [id],
  });
  expect((await t.services.search.search({ q: word })).hits.map((h) => h.slug)).not.toContain(slug);
  expect(await t.services.search.get(slug)).toBeUndefined();
  const versions = await t.store.caseStudies.versions(slug);
  expect(versions.map((v) => [v.version, v.document.status])).toEqual([
    [1, 'published'],
    [2, 'withdrawn'],
  ]);
  expect(versions[1]?.changeNote).toContain('pending new figures');
  expect((await t.store.caseStudies.list({ status: 'published' })).map((c) => c.slug)).not.toContain(slug);
  expect(await exportedSlugs()).not.toContain(slug);

  // Every transition is an audit event, with who did it.
  const admin = await t.signIn('admin');
  const audit = await t.app.inject({
    url: `/v1/audit?entityType=submission&entityId=${id}&limit=100`,
    headers: { cookie: admin.cookie },
  });
  const actions = (audit.json().events as { action: string; actor: string }[]).map((e) => e.action).reverse();
  expect(actions).toEqual([
    'submission.create',
    'submission.edit',
    'submission.submit',
    'submission.request-changes',
    'submission.comment',
    'submission.edit',
    'submission.submit',
    'submission.assess',
    'submission.publish',
    'submission.withdraw',
  ]);
  const caseStudyAudit = await t.app.inject({
    url: `/v1/audit?entityType=case-study&entityId=${slug}`,
    headers: { cookie: admin.cookie },
  });
  const events = caseStudyAudit.json().events as { action: string; actor: string; after: unknown }[];
  expect(events.map((e) => e.action)).toEqual([
    'case-study.withdraw',
    'case-study.version',
    'case-study.create',
  ]);
  expect(events.every((e) => e.actor === curator.userId)).toBe(true);
  expect(events[0]?.after).toMatchObject({ reason: expect.stringContaining('pending new figures') });

  const history = await t.app.inject({ url: `/v1/submissions/${id}/events`, headers: asCouncil });
  expect((history.json().events as { action: string }[]).map((e) => e.action)).toEqual([
    'submit',
    'request-changes',
    'comment',
    'submit',
    'publish',
    'withdraw',
  ]);
}
