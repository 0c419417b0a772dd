import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORGS, type TestApp } from './helpers.ts';

describe('auth routes (real better-auth over the store)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => t?.close());

  it('signs up, signs in with a server-side session, and reports who the caller is', async () => {
    const member = await t.signIn('council-member');
    const me = await t.app.inject({ url: '/v1/me', headers: { cookie: member.cookie } });
    expect(me.json()).toMatchObject({
      kind: 'user',
      role: 'council-member',
      organisations: [{ organisationId: ORGS.eastRiding.id }],
    });
    expect((await t.app.inject('/v1/me')).json()).toMatchObject({ kind: 'anonymous', role: 'public' });
  });

  it('revokes a session on sign-out: the cookie stops working at once', async () => {
    const member = await t.signIn('council-member');
    // Used first, so the session is resolved (and cached) before it is revoked.
    const before = await t.app.inject({ url: '/v1/me', headers: { cookie: member.cookie } });
    expect(before.json().kind).toBe('user');
    const out = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: { cookie: member.cookie, origin: 'http://localhost:4321', 'content-type': 'application/json' },
      payload: {},
    });
    expect(out.statusCode).toBe(200);
    const me = await t.app.inject({ url: '/v1/me', headers: { cookie: member.cookie } });
    expect(me.json().kind).toBe('anonymous');
  });

  it('applies a membership change to the very next request of a signed-in user', async () => {
    const member = await t.signIn('council-member');
    const me = () => t.app.inject({ url: '/v1/me', headers: { cookie: member.cookie } });
    expect((await me()).json().organisations).toEqual([
      expect.objectContaining({ organisationId: ORGS.eastRiding.id }),
    ]);
    await t.store.organisations.removeMember(
      { userId: member.userId, organisationId: ORGS.eastRiding.id },
      'system:test',
    );
    expect((await me()).json().organisations).toEqual([]);
  });

  it('refuses a wrong password with problem+json', async () => {
    const member = await t.signIn('council-member');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in/email',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:4321' },
      payload: { email: member.email, password: 'wrong password entirely' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('creates an organisation API key shown once, stores only its hash, uses it, and revokes it', async () => {
    const member = await t.signIn('council-member');
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/organisations/${ORGS.eastRiding.id}/api-keys`,
      headers: { cookie: member.cookie },
      payload: { name: 'Case-management export', scopes: ['submissions:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json() as { key: string; id: string };
    const stored = await t.store.apiKeys.get(id);
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key);
    const listed = await t.app.inject({
      url: `/v1/organisations/${ORGS.eastRiding.id}/api-keys`,
      headers: { cookie: member.cookie },
    });
    expect(listed.body).not.toContain(key);
    expect((await t.app.inject({ url: '/v1/me', headers: { 'x-api-key': key } })).json()).toMatchObject({
      kind: 'api-key',
    });
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/v1/organisations/${ORGS.eastRiding.id}/api-keys/${id}`,
      headers: { cookie: member.cookie },
    });
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await t.app.inject({ url: '/v1/me', headers: { 'x-api-key': key } })).statusCode).toBe(401);
  });

  it("refuses to manage another council's keys", async () => {
    const member = await t.signIn('council-member', ORGS.suffolk.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/organisations/${ORGS.eastRiding.id}/api-keys`,
      headers: { cookie: member.cookie },
      payload: { name: 'x', scopes: ['submissions:read'] },
    });
    expect(res.statusCode).toBe(403);
  });
});
