import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';
import { CURATOR_EVIDENCE, completeDocument, runWorkflow } from './workflow-scenario.ts';

describe('the submission workflow end to end (PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('submit → request changes → edit → publish → search finds it → withdraw → search does not, history kept', async () => {
    await runWorkflow(t, 'east-riding-quillfeather-hubs', 'Quillfeather');
  });

  it('publishes an update of an existing case study as its next version', async () => {
    const council = await t.signIn('council-member');
    const curator = await t.signIn('curator');
    const slug = 'east-riding-early-help-shift';
    const before = await t.store.caseStudies.get(slug);
    const document = await completeDocument(
      t,
      slug,
      'East Riding of Yorkshire: early help for young children, updated',
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: { cookie: council.cookie },
      payload: { targetSlug: slug, document },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/v1/submissions/${id}/submit`,
      headers: { cookie: council.cookie },
      payload: {},
    });
    expect(submitted.statusCode).toBe(200);
    const published = await t.app.inject({
      method: 'POST',
      url: `/v1/submissions/${id}/review`,
      headers: { cookie: curator.cookie },
      payload: { action: 'publish', evidence: CURATOR_EVIDENCE },
    });
    expect(published.statusCode).toBe(200);
    const nextVersion = (before?.currentVersion ?? 0) + 1;
    expect(published.json().caseStudy).toEqual({ slug, version: nextVersion });
    const versions = await t.store.caseStudies.versions(slug);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: nextVersion }, (_, i) => i + 1));
    expect((await t.services.search.get(slug))?.title).toBe(
      'East Riding of Yorkshire: early help for young children, updated',
    );
  });
});
