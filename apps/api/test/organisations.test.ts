import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORGS, type TestApp } from './helpers.ts';

const ADMIN = { email: 'admin@example.org', password: 'a long admin password' };

describe('organisations, members and the first admin', () => {
  let t: TestApp;
  let adminCookie: string;
  beforeAll(async () => {
    t = await createTestApp({ config: { adminEmail: ADMIN.email, adminPassword: ADMIN.password } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in/email',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:4321' },
      payload: ADMIN,
    });
    expect(res.statusCode).toBe(200);
    adminCookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterAll(async () => t?.close());

  it('bootstraps the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, once', async () => {
    const me = (await t.app.inject({ url: '/v1/me', headers: { cookie: adminCookie } })).json();
    expect(me.role).toBe('admin');
    expect(await t.store.organisations.hasAdmin()).toBe(true);
  });

  it('lets an admin create a council (GSS code checked) and add a member by e-mail', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/organisations',
      headers: { cookie: adminCookie },
      payload: { id: 'nowhere', name: 'Nowhere', kind: 'council' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.gssCode');
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/organisations',
      headers: { cookie: adminCookie },
      payload: { id: 'calderdale', name: 'Calderdale Council', kind: 'council', gssCode: 'E08000033' },
    });
    expect(created.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/v1/organisations',
      headers: { cookie: adminCookie },
      payload: { id: 'calderdale', name: 'Calderdale Council', kind: 'council', gssCode: 'E08000033' },
    });
    expect(dup.statusCode).toBe(409);

    // Someone signs up (no role yet), then the admin makes them a member.
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up/email',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:4321' },
      payload: { email: 'officer@calderdale.example', password: 'another long password', name: 'Officer' },
    });
    const cookie = String(signUp.headers['set-cookie']).split(';')[0] ?? '';
    expect((await t.app.inject({ url: '/v1/me', headers: { cookie } })).json().role).toBe('public');
    const added = await t.app.inject({
      method: 'PUT',
      url: '/v1/organisations/calderdale/members',
      headers: { cookie: adminCookie },
      payload: { email: 'Officer@Calderdale.example', role: 'council-member' },
    });
    expect(added.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/me', headers: { cookie } })).json().role).toBe('council-member');
    const mine = (await t.app.inject({ url: '/v1/organisations', headers: { cookie } })).json();
    expect(mine.organisations.map((o: { id: string }) => o.id)).toEqual(['calderdale']);
    // The member list names each member, so an administrator knows whom a role belongs to.
    const listed = (
      await t.app.inject({ url: '/v1/organisations/calderdale/members', headers: { cookie: adminCookie } })
    ).json();
    expect(listed.members).toEqual([
      expect.objectContaining({
        userId: added.json().userId,
        role: 'council-member',
        name: 'Officer',
        email: 'officer@calderdale.example',
      }),
    ]);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/v1/organisations/calderdale/members/${added.json().userId}`,
      headers: { cookie: adminCookie },
    });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: { cookie } })).json().role).toBe('public');
    const audit = await t.store.audit.list({ entityType: 'organisation', entityId: 'calderdale' });
    expect(audit.map((a) => a.action)).toContain('member.remove');
  });

  it('refuses non-admins, and hides other organisations from members', async () => {
    const member = await t.signIn('council-member', ORGS.suffolk.id);
    for (const [method, url, payload] of [
      ['POST', '/v1/organisations', { id: 'x-org', name: 'X', kind: 'other' }],
      ['PUT', `/v1/organisations/${ORGS.suffolk.id}/members`, { email: 'a@example.org', role: 'admin' }],
      ['DELETE', `/v1/organisations/${ORGS.suffolk.id}/members/someone`, undefined],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: { cookie: member.cookie },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode).toBe(403);
    }
    const other = await t.app.inject({
      url: `/v1/organisations/${ORGS.eastRiding.id}/members`,
      headers: { cookie: member.cookie },
    });
    expect(other.statusCode).toBe(404);
    expect((await t.app.inject('/v1/organisations')).statusCode).toBe(401);
  });
});
