import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORGS, type TestApp, type TestUser } from './helpers.ts';
import { CURATOR_EVIDENCE, completeDocument } from './workflow-scenario.ts';

type Headers = Record<string, string>;

function expectProblem(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as Record<string, unknown>;
  expect(body.code).toBe(code);
  expect(body).not.toHaveProperty('stack');
  return body;
}

function paths(res: LightMyRequestResponse): string[] {
  return ((res.json().errors ?? []) as { path: string }[]).map((e) => e.path);
}

describe('submission, review, withdrawal and audit routes', () => {
  let t: TestApp;
  let east: TestUser;
  let suffolk: TestUser;
  let curator: TestUser;
  let admin: TestUser;
  const as: Record<string, Headers> = {};
  let slugCounter = 0;

  const inject = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Headers = {},
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

  async function apiKey(scopes: string[]): Promise<string> {
    const res = await inject('POST', `/v1/organisations/${ORGS.eastRiding.id}/api-keys`, as.east, {
      name: `key ${scopes.join(' ')}`,
      scopes,
    });
    expect(res.statusCode).toBe(201);
    return res.json().key as string;
  }

  /** A new draft of East Riding's; `full` makes it a complete case study under a fresh slug. */
  async function draft(
    full = false,
    headers: Headers = as.east ?? {},
  ): Promise<{ id: string; version: number }> {
    slugCounter += 1;
    const slug = `east-riding-test-draft-${slugCounter}`;
    const document = full
      ? await completeDocument(t, slug, `East Riding test draft number ${slugCounter}`)
      : { slug, title: `East Riding test draft number ${slugCounter}` };
    const res = await inject('POST', '/v1/submissions', headers, { document });
    expect(res.statusCode).toBe(201);
    return { id: res.json().id, version: res.json().version };
  }

  async function submitted(): Promise<string> {
    const { id } = await draft(true);
    const res = await inject('POST', `/v1/submissions/${id}/submit`, as.east, {});
    expect(res.statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    east = await t.signIn('council-member');
    suffolk = await t.signIn('council-member', ORGS.suffolk.id);
    curator = await t.signIn('curator');
    admin = await t.signIn('admin');
    as.public = {};
    as.east = { cookie: east.cookie };
    as.suffolk = { cookie: suffolk.cookie };
    as.curator = { cookie: curator.cookie };
    as.admin = { cookie: admin.cookie };
    as.writeKey = { 'x-api-key': await apiKey(['submissions:write']) };
    as.readKey = { 'x-api-key': await apiKey(['submissions:read']) };
    as.fullKey = { 'x-api-key': await apiKey(['submissions:read', 'submissions:write']) };
  });
  afterAll(async () => t?.close());

  describe('POST /v1/submissions', () => {
    it("creates a draft for the caller's organisation, audited", async () => {
      const res = await inject('POST', '/v1/submissions', as.east, {
        document: { title: 'East Riding family hubs', costs: [] },
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        organisationId: ORGS.eastRiding.id,
        authorId: east.userId,
        status: 'draft',
        version: 1,
        targetSlug: null,
        document: { title: 'East Riding family hubs', costs: [] },
      });
      const audit = await t.store.audit.list({ entityType: 'submission', entityId: body.id });
      expect(audit.map((e) => [e.action, e.actor])).toEqual([['submission.create', east.userId]]);
    });

    it('accepts an API key with submissions:write and refuses one without it', async () => {
      const ok = await inject('POST', '/v1/submissions', as.writeKey, { document: { title: 'By key' } });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().authorId).toMatch(/^api-key:/);
      expect(ok.json().organisationId).toBe(ORGS.eastRiding.id);
      expectProblem(await inject('POST', '/v1/submissions', as.readKey, { document: {} }), 403, 'forbidden');
    });

    it('refuses anonymous callers with 401', async () => {
      expectProblem(
        await inject('POST', '/v1/submissions', as.public, { document: {} }),
        401,
        'unauthenticated',
      );
    });

    it("creates curators' and admins' drafts for their own organisation", async () => {
      for (const who of ['curator', 'admin'] as const) {
        const res = await inject('POST', '/v1/submissions', as[who], { document: { title: 'Panel note' } });
        expect(res.statusCode).toBe(201);
        expect(res.json().organisationId).toBe(ORGS.sector.id);
      }
    });

    it('makes a member of several organisations say which, and only one of theirs', async () => {
      const both = await t.signIn('council-member');
      await t.store.organisations.setMember(
        { userId: both.userId, organisationId: ORGS.suffolk.id, role: 'council-member' },
        'system:test',
      );
      const headers = { cookie: both.cookie };
      const missing = await inject('POST', '/v1/submissions', headers, { document: {} });
      expectProblem(missing, 400, 'validation-failed');
      expect(paths(missing)).toEqual(['body.organisationId']);
      const chosen = await inject('POST', '/v1/submissions', headers, {
        organisationId: ORGS.suffolk.id,
        document: {},
      });
      expect(chosen.statusCode).toBe(201);
      expect(chosen.json().organisationId).toBe(ORGS.suffolk.id);
      expectProblem(
        await inject('POST', '/v1/submissions', headers, { organisationId: ORGS.sector.id, document: {} }),
        403,
        'forbidden',
      );
    });

    it('refuses bad input with each failing field by path', async () => {
      const res = await inject('POST', '/v1/submissions', as.east, {
        targetSlug: 'Not A Slug',
        document: { title: 42, costs: 'none' },
      });
      expectProblem(res, 400, 'validation-failed');
      expect(paths(res)).toEqual(
        expect.arrayContaining(['body.targetSlug', 'body.document.title', 'body.document.costs']),
      );
      const unknownField = await inject('POST', '/v1/submissions', as.east, {
        document: { colour: 'blue' },
      });
      expectProblem(unknownField, 400, 'validation-failed');
      expect(JSON.stringify(unknownField.json().errors)).toContain('colour');
      const workflowField = await inject('POST', '/v1/submissions', as.east, {
        document: { status: 'published' },
      });
      expectProblem(workflowField, 400, 'validation-failed');
      expectProblem(await inject('POST', '/v1/submissions', as.east, {}), 400, 'validation-failed');
    });

    it('refuses a targetSlug that is not a case study', async () => {
      const res = await inject('POST', '/v1/submissions', as.east, {
        targetSlug: 'no-such-case-study',
        document: {},
      });
      expectProblem(res, 400, 'validation-failed');
      expect(paths(res)).toEqual(['body.targetSlug']);
    });

    it('refuses personal data with the field, span and reason, and writes nothing', async () => {
      const before = {
        submissions: (await t.store.submissions.list()).length,
        audit: (await t.store.audit.list()).length,
      };
      const summary = 'Families were called on 07700 900123 by the team.';
      const res = await inject('POST', '/v1/submissions', as.east, {
        document: {
          title: 'Early help in East Riding',
          summary,
          outcomes: [{ note: 'Kayleigh (14) went missing twice before the hub opened.' }],
        },
      });
      const problem = expectProblem(res, 422, 'personal-data-found');
      expect(paths(res)).toEqual(
        expect.arrayContaining(['body.document.summary', 'body.document.outcomes.0.note']),
      );
      const findings = problem.findings as {
        path: string;
        start: number;
        end: number;
        kind: string;
        reason: string;
      }[];
      const phone = findings.find((f) => f.kind === 'phone');
      expect(phone?.path).toBe('body.document.summary');
      expect(summary.slice(phone?.start, phone?.end)).toBe('07700 900123');
      expect(phone?.reason.length).toBeGreaterThan(10);
      expect(
        findings.some((f) => f.kind === 'named-child' && f.path === 'body.document.outcomes.0.note'),
      ).toBe(true);
      expect(JSON.stringify(problem)).not.toContain('900123');
      expect((await t.store.submissions.list()).length).toBe(before.submissions);
      expect((await t.store.audit.list()).length).toBe(before.audit);
    });
  });

  describe('GET /v1/submissions and /v1/submissions/:id', () => {
    let eastId: string;
    let suffolkId: string;
    beforeAll(async () => {
      eastId = (await draft()).id;
      const res = await inject('POST', '/v1/submissions', as.suffolk, {
        document: { title: 'Suffolk draft' },
      });
      suffolkId = res.json().id;
    });

    it("lists only the caller's organisation's submissions", async () => {
      const ids = async (headers: Headers | undefined, query = '') =>
        (
          (await inject('GET', `/v1/submissions${query}`, headers)).json().submissions as { id: string }[]
        ).map((s) => s.id);
      const eastIds = await ids(as.east);
      expect(eastIds).toContain(eastId);
      expect(eastIds).not.toContain(suffolkId);
      const suffolkIds = await ids(as.suffolk);
      expect(suffolkIds).toContain(suffolkId);
      expect(suffolkIds).not.toContain(eastId);
      expect(await ids(as.suffolk, `?organisationId=${ORGS.eastRiding.id}`)).toEqual([]);
      const keyIds = await ids(as.readKey);
      expect(keyIds).toContain(eastId);
      expect(keyIds).not.toContain(suffolkId);
    });

    it("lists everyone's for curators and admins, filtered by status", async () => {
      for (const who of ['curator', 'admin'] as const) {
        const all = (await inject('GET', '/v1/submissions', as[who])).json().submissions as { id: string }[];
        expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([eastId, suffolkId]));
      }
      const id = await submitted();
      const onlySubmitted = (await inject('GET', '/v1/submissions?status=submitted', as.curator)).json()
        .submissions as { id: string; status: string }[];
      expect(onlySubmitted.map((s) => s.id)).toContain(id);
      expect(onlySubmitted.every((s) => s.status === 'submitted')).toBe(true);
    });

    it('refuses anonymous callers, keys without the read scope, and a bad status', async () => {
      expectProblem(await inject('GET', '/v1/submissions', as.public), 401, 'unauthenticated');
      expectProblem(await inject('GET', '/v1/submissions', as.writeKey), 403, 'forbidden');
      const bad = await inject('GET', '/v1/submissions?status=approved', as.east);
      expectProblem(bad, 400, 'validation-failed');
      expect(paths(bad)).toEqual(['querystring.status']);
    });

    it('shows a submission to its organisation and curators, with the scan; 404 to another council', async () => {
      for (const who of ['east', 'readKey', 'curator', 'admin']) {
        const res = await inject('GET', `/v1/submissions/${eastId}`, as[who]);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ id: eastId, scan: { ok: true, findings: [], smallCounts: [] } });
      }
      expectProblem(await inject('GET', `/v1/submissions/${eastId}`, as.suffolk), 404, 'not-found');
      expectProblem(await inject('GET', `/v1/submissions/${eastId}`, as.public), 401, 'unauthenticated');
      expectProblem(await inject('GET', `/v1/submissions/${eastId}`, as.writeKey), 403, 'forbidden');
    });

    it('answers an unknown id with 404 and a malformed one with 400', async () => {
      const unknown = await inject('GET', '/v1/submissions/00000000-0000-4000-8000-000000000000', as.east);
      expectProblem(unknown, 404, 'not-found');
      // The same answer as another council's: existence does not leak.
      const other = await inject('GET', `/v1/submissions/${suffolkId}`, as.east);
      expect(other.json().detail).toBe(
        unknown.json().detail.replace('00000000-0000-4000-8000-000000000000', suffolkId),
      );
      const bad = await inject('GET', '/v1/submissions/not-a-uuid', as.east);
      expectProblem(bad, 400, 'validation-failed');
      expect(paths(bad)).toEqual(['params.id']);
    });
  });

  describe('PATCH /v1/submissions/:id', () => {
    it('replaces the draft and bumps its version; a stale version is 409', async () => {
      const { id } = await draft();
      const ok = await inject('PATCH', `/v1/submissions/${id}`, as.east, {
        document: { title: 'A better title for it' },
        expectedVersion: 1,
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ version: 2, document: { title: 'A better title for it' } });
      const stale = await inject('PATCH', `/v1/submissions/${id}`, as.east, {
        document: { title: 'Overwritten?' },
        expectedVersion: 1,
      });
      expectProblem(stale, 409, 'conflict');
      expect((await t.store.submissions.get(id))?.document.title).toBe('A better title for it');
    });

    it('lets a write-scoped key edit, and refuses other councils (404), curators, admins, read keys (403)', async () => {
      const { id } = await draft();
      const body = { document: { title: 'Edited by key' }, expectedVersion: 1 };
      expectProblem(await inject('PATCH', `/v1/submissions/${id}`, as.suffolk, body), 404, 'not-found');
      expectProblem(await inject('PATCH', `/v1/submissions/${id}`, as.curator, body), 403, 'forbidden');
      expectProblem(await inject('PATCH', `/v1/submissions/${id}`, as.admin, body), 403, 'forbidden');
      expectProblem(await inject('PATCH', `/v1/submissions/${id}`, as.readKey, body), 403, 'forbidden');
      expectProblem(await inject('PATCH', `/v1/submissions/${id}`, as.public, body), 401, 'unauthenticated');
      const ok = await inject('PATCH', `/v1/submissions/${id}`, as.fullKey, body);
      expect(ok.statusCode).toBe(200);
      expect((await t.store.submissions.get(id))?.document.title).toBe('Edited by key');
    });

    it('requires expectedVersion and a valid document', async () => {
      const { id } = await draft();
      const res = await inject('PATCH', `/v1/submissions/${id}`, as.east, {
        document: { councils: 'E06000011' },
      });
      expectProblem(res, 400, 'validation-failed');
      expect(paths(res)).toEqual(expect.arrayContaining(['body.expectedVersion', 'body.document.councils']));
    });

    it('refuses personal data and leaves the draft as it was', async () => {
      const { id } = await draft();
      const before = await t.store.submissions.get(id);
      const res = await inject('PATCH', `/v1/submissions/${id}`, as.east, {
        document: { title: 'Contact', body: 'Write to jo.bloggs@example.com or visit HU17 9BA for details.' },
        expectedVersion: 1,
      });
      expectProblem(res, 422, 'personal-data-found');
      expect(paths(res)).toEqual(['body.document.body', 'body.document.body']);
      expect(await t.store.submissions.get(id)).toEqual(before);
    });

    it('refuses to edit a submitted draft (409 invalid-transition)', async () => {
      const id = await submitted();
      const version = (await t.store.submissions.get(id))?.version ?? 0;
      const res = await inject('PATCH', `/v1/submissions/${id}`, as.east, {
        document: { title: 'Too late now' },
        expectedVersion: version,
      });
      expectProblem(res, 409, 'invalid-transition');
    });
  });

  describe('POST /v1/submissions/:id/submit', () => {
    it('lists every missing or invalid field as a document path, and leaves it a draft', async () => {
      const { id } = await draft();
      const res = await inject('POST', `/v1/submissions/${id}/submit`, as.east, {});
      expectProblem(res, 422, 'unprocessable');
      expect(paths(res)).toEqual(
        expect.arrayContaining([
          'document.summary',
          'document.body',
          'document.councils',
          'document.sources',
        ]),
      );
      expect(paths(res).every((p) => p.startsWith('document.'))).toBe(true);
      expect((await t.store.submissions.get(id))?.status).toBe('draft');
    });

    it('refuses a new case study that takes an existing slug', async () => {
      const document = await completeDocument(t, 'suffolk-signs-of-safety', 'A copy under a taken slug');
      const { id } = (await inject('POST', '/v1/submissions', as.east, { document })).json();
      const res = await inject('POST', `/v1/submissions/${id}/submit`, as.east, {});
      expectProblem(res, 422, 'unprocessable');
      expect(paths(res)).toEqual(['document.slug']);
    });

    it('submits a complete draft once; again is 409 invalid-transition; stale version is 409', async () => {
      const { id } = await draft(true);
      expectProblem(
        await inject('POST', `/v1/submissions/${id}/submit`, as.east, { expectedVersion: 7 }),
        409,
        'conflict',
      );
      const ok = await inject('POST', `/v1/submissions/${id}/submit`, as.east);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'submitted', version: 2 });
      expectProblem(
        await inject('POST', `/v1/submissions/${id}/submit`, as.east, {}),
        409,
        'invalid-transition',
      );
    });

    it('applies the role matrix: other council 404, curator/admin/read key 403, anonymous 401, write key ok', async () => {
      const { id } = await draft(true);
      expectProblem(await inject('POST', `/v1/submissions/${id}/submit`, as.suffolk, {}), 404, 'not-found');
      expectProblem(await inject('POST', `/v1/submissions/${id}/submit`, as.curator, {}), 403, 'forbidden');
      expectProblem(await inject('POST', `/v1/submissions/${id}/submit`, as.admin, {}), 403, 'forbidden');
      expectProblem(await inject('POST', `/v1/submissions/${id}/submit`, as.readKey, {}), 403, 'forbidden');
      expectProblem(
        await inject('POST', `/v1/submissions/${id}/submit`, as.public, {}),
        401,
        'unauthenticated',
      );
      expect((await inject('POST', `/v1/submissions/${id}/submit`, as.writeKey, {})).statusCode).toBe(200);
      const bad = await inject('POST', `/v1/submissions/${id}/submit`, as.east, { expectedVersion: 'two' });
      expectProblem(bad, 400, 'validation-failed');
      expect(paths(bad)).toEqual(['body.expectedVersion']);
    });
  });

  describe('GET /v1/submissions/:id/events', () => {
    it('shows the review history to the organisation and curators, 404 to another council', async () => {
      const id = await submitted();
      for (const who of ['east', 'readKey', 'curator', 'admin']) {
        const res = await inject('GET', `/v1/submissions/${id}/events`, as[who]);
        expect(res.statusCode).toBe(200);
        expect(res.json().events).toEqual([
          expect.objectContaining({ action: 'submit', actor: east.userId, comment: null }),
        ]);
      }
      expectProblem(await inject('GET', `/v1/submissions/${id}/events`, as.suffolk), 404, 'not-found');
      expectProblem(await inject('GET', `/v1/submissions/${id}/events`, as.public), 401, 'unauthenticated');
    });
  });

  describe('GET /v1/review-queue', () => {
    it('gives curators and admins submitted work, oldest first, with scan results and small-count flags', async () => {
      slugCounter += 1;
      const document = await completeDocument(
        t,
        `east-riding-small-counts-${slugCounter}`,
        'East Riding small counts',
      );
      const outcomes = document.outcomes as { baseline: { value: number } }[];
      (outcomes[0] as { baseline: { value: number } }).baseline.value = 6;
      const { id } = (await inject('POST', '/v1/submissions', as.east, { document })).json();
      expect((await inject('POST', `/v1/submissions/${id}/submit`, as.east, {})).statusCode).toBe(200);
      for (const who of ['curator', 'admin']) {
        const res = await inject('GET', '/v1/review-queue', as[who]);
        expect(res.statusCode).toBe(200);
        const queue = res.json().submissions as {
          id: string;
          status: string;
          updatedAt: string;
          scan: unknown;
        }[];
        expect(queue.every((s) => s.status === 'submitted')).toBe(true);
        const times = queue.map((s) => s.updatedAt);
        expect(times).toEqual([...times].sort());
        expect(queue.find((s) => s.id === id)?.scan).toMatchObject({
          ok: true,
          findings: [],
          smallCounts: [{ path: 'outcomes.0.baseline.value', value: 6, threshold: 10 }],
        });
      }
    });

    it('refuses council members, API keys (403) and anonymous callers (401)', async () => {
      expectProblem(await inject('GET', '/v1/review-queue', as.east), 403, 'forbidden');
      expectProblem(await inject('GET', '/v1/review-queue', as.fullKey), 403, 'forbidden');
      expectProblem(await inject('GET', '/v1/review-queue', as.public), 401, 'unauthenticated');
    });
  });

  describe('POST /v1/submissions/:id/review', () => {
    it('requests changes with comments by field; the council sees them', async () => {
      const id = await submitted();
      const res = await inject('POST', `/v1/submissions/${id}/review`, as.curator, {
        action: 'request-changes',
        comments: [
          { path: 'costs.0', message: 'Is there really no figure?' },
          { message: 'Cite the council report.' },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().submission.status).toBe('changes-requested');
      const events = (await inject('GET', `/v1/submissions/${id}/events`, as.east)).json().events as {
        action: string;
        comment: string;
      }[];
      expect(events.map((e) => [e.action, e.comment])).toEqual([
        ['submit', null],
        ['request-changes', '2 change(s) requested'],
        ['comment', 'costs.0: Is there really no figure?'],
        ['comment', 'Cite the council report.'],
      ]);
    });

    it('rejects back to draft with the reason recorded', async () => {
      const id = await submitted();
      const res = await inject('POST', `/v1/submissions/${id}/review`, as.admin, {
        action: 'reject',
        reason: 'This is a duplicate of an existing case study.',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().submission.status).toBe('draft');
      const events = (await t.store.submissions.events(id)).map((e) => [e.action, e.comment]);
      expect(events.at(-1)).toEqual([
        'return-to-draft',
        'Rejected: This is a duplicate of an existing case study.',
      ]);
    });

    it('publishes with the evidence assessment and answers the case-study version', async () => {
      const id = await submitted();
      const slug = (await t.store.submissions.get(id))?.document.slug as string;
      const res = await inject('POST', `/v1/submissions/${id}/review`, as.curator, {
        action: 'publish',
        evidence: CURATOR_EVIDENCE,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        submission: { status: 'published' },
        caseStudy: { slug, version: 1 },
      });
      expect((await t.store.caseStudies.get(slug))?.document.evidence).toEqual(CURATOR_EVIDENCE);
      expect(await t.services.search.get(slug)).toBeDefined();
      // Once published it belongs to East Riding: another council cannot propose its next version.
      const takeover = await inject('POST', '/v1/submissions', as.suffolk, {
        targetSlug: slug,
        document: {},
      });
      expectProblem(takeover, 403, 'forbidden');
      const update = await inject('POST', '/v1/submissions', as.east, { targetSlug: slug, document: {} });
      expect(update.statusCode).toBe(201);
      expect(update.json()).toMatchObject({ targetSlug: slug, document: { slug } });
    });

    it('refuses an invalid evidence assessment with its field paths, and publishes nothing', async () => {
      const id = await submitted();
      const res = await inject('POST', `/v1/submissions/${id}/review`, as.curator, {
        action: 'publish',
        evidence: { ...CURATOR_EVIDENCE, level: 3 },
      });
      expectProblem(res, 400, 'validation-failed');
      expect(paths(res)).toEqual(['body.evidence.level']);
      expect((await t.store.submissions.get(id))?.status).toBe('submitted');
    });

    it('refuses unknown actions, empty comments and personal data in comments', async () => {
      const id = await submitted();
      expectProblem(
        await inject('POST', `/v1/submissions/${id}/review`, as.curator, { action: 'approve' }),
        400,
        'validation-failed',
      );
      const empty = await inject('POST', `/v1/submissions/${id}/review`, as.curator, {
        action: 'request-changes',
        comments: [],
      });
      expectProblem(empty, 400, 'validation-failed');
      expect(paths(empty)).toEqual(['body.comments']);
      const personal = await inject('POST', `/v1/submissions/${id}/review`, as.curator, {
        action: 'request-changes',
        comments: [{ message: "Ring the family on 07700 900456 to check Tom's age." }],
      });
      expectProblem(personal, 422, 'personal-data-found');
      expect(paths(personal)).toContain('body.comments.0.message');
      expect((await t.store.submissions.get(id))?.status).toBe('submitted');
    });

    it('refuses transitions the workflow does not allow (409 invalid-transition)', async () => {
      const { id } = await draft(true);
      for (const payload of [
        { action: 'request-changes', comments: [{ message: 'Not yet submitted.' }] },
        { action: 'publish', evidence: CURATOR_EVIDENCE },
        { action: 'reject', reason: 'Not yet submitted.' },
      ]) {
        expectProblem(
          await inject('POST', `/v1/submissions/${id}/review`, as.curator, payload),
          409,
          'invalid-transition',
        );
      }
      expect((await t.store.submissions.get(id))?.status).toBe('draft');
    });

    it('refuses council members and keys (403), anonymous (401), unknown ids (404)', async () => {
      const id = await submitted();
      const payload = { action: 'reject', reason: 'Not for councils to decide.' };
      expectProblem(await inject('POST', `/v1/submissions/${id}/review`, as.east, payload), 403, 'forbidden');
      expectProblem(
        await inject('POST', `/v1/submissions/${id}/review`, as.suffolk, payload),
        403,
        'forbidden',
      );
      expectProblem(
        await inject('POST', `/v1/submissions/${id}/review`, as.fullKey, payload),
        403,
        'forbidden',
      );
      expectProblem(
        await inject('POST', `/v1/submissions/${id}/review`, as.public, payload),
        401,
        'unauthenticated',
      );
      expectProblem(
        await inject(
          'POST',
          '/v1/submissions/00000000-0000-4000-8000-000000000000/review',
          as.curator,
          payload,
        ),
        404,
        'not-found',
      );
    });
  });

  describe('POST /v1/case-studies/:slug/withdraw', () => {
    const slug = 'hackney-learning-trust';

    it('refuses councils, keys (403), anonymous (401) and a missing reason (400)', async () => {
      const body = { reason: 'Withdrawn for testing.' };
      expectProblem(
        await inject('POST', `/v1/case-studies/${slug}/withdraw`, as.east, body),
        403,
        'forbidden',
      );
      expectProblem(
        await inject('POST', `/v1/case-studies/${slug}/withdraw`, as.fullKey, body),
        403,
        'forbidden',
      );
      expectProblem(
        await inject('POST', `/v1/case-studies/${slug}/withdraw`, as.public, body),
        401,
        'unauthenticated',
      );
      const missing = await inject('POST', `/v1/case-studies/${slug}/withdraw`, as.curator, {});
      expectProblem(missing, 400, 'validation-failed');
      expect(paths(missing)).toEqual(['body.reason']);
      expectProblem(
        await inject('POST', '/v1/case-studies/no-such-case-study/withdraw', as.curator, body),
        404,
        'not-found',
      );
      expect((await t.store.caseStudies.get(slug))?.status).toBe('published');
    });

    it('withdraws a published case study once (admin too); again is 409; its versions remain', async () => {
      const before = await t.store.caseStudies.versions(slug);
      const res = await inject('POST', `/v1/case-studies/${slug}/withdraw`, as.admin, {
        reason: 'Superseded by the 2024 evaluation.',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ slug, status: 'withdrawn', version: before.length + 1 });
      expect(await t.services.search.get(slug)).toBeUndefined();
      const after = await t.store.caseStudies.versions(slug);
      expect(after.slice(0, before.length)).toEqual(before);
      expectProblem(
        await inject('POST', `/v1/case-studies/${slug}/withdraw`, as.curator, {
          reason: 'Withdraw it again.',
        }),
        409,
        'invalid-transition',
      );
    });
  });

  describe('GET /v1/audit', () => {
    it('gives admins the log newest first, filtered and paged', async () => {
      const all = await inject('GET', '/v1/audit?limit=5', as.admin);
      expect(all.statusCode).toBe(200);
      const ids = (all.json().events as { id: number }[]).map((e) => e.id);
      expect(ids).toHaveLength(5);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const next = all.json().nextBeforeId as number;
      expect(next).toBe(ids.at(-1));
      const page2 = await inject('GET', `/v1/audit?limit=5&beforeId=${next}`, as.admin);
      expect((page2.json().events as { id: number }[]).every((e) => e.id < next)).toBe(true);

      const { id } = await draft();
      const filtered = await inject('GET', `/v1/audit?entityType=submission&entityId=${id}`, as.admin);
      expect(filtered.json()).toMatchObject({
        events: [{ action: 'submission.create', entityType: 'submission', entityId: id, actor: east.userId }],
        nextBeforeId: null,
      });
    });

    it('refuses curators, councils, keys (403), anonymous (401) and bad limits (400)', async () => {
      expectProblem(await inject('GET', '/v1/audit', as.curator), 403, 'forbidden');
      expectProblem(await inject('GET', '/v1/audit', as.east), 403, 'forbidden');
      expectProblem(await inject('GET', '/v1/audit', as.fullKey), 403, 'forbidden');
      expectProblem(await inject('GET', '/v1/audit', as.public), 401, 'unauthenticated');
      const bad = await inject('GET', '/v1/audit?limit=0', as.admin);
      expectProblem(bad, 400, 'validation-failed');
      expect(paths(bad)).toEqual(['querystring.limit']);
    });
  });

  it('documents every route in OpenAPI', async () => {
    const spec = (await inject('GET', '/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, method] of [
      ['/v1/submissions', 'post'],
      ['/v1/submissions', 'get'],
      ['/v1/submissions/{id}', 'get'],
      ['/v1/submissions/{id}', 'patch'],
      ['/v1/submissions/{id}/submit', 'post'],
      ['/v1/submissions/{id}/events', 'get'],
      ['/v1/review-queue', 'get'],
      ['/v1/submissions/{id}/review', 'post'],
      ['/v1/case-studies/{slug}/withdraw', 'post'],
      ['/v1/audit', 'get'],
    ] as const) {
      expect(spec.paths[path]?.[method], `${method} ${path}`).toMatchObject({ summary: expect.any(String) });
    }
  });
});
