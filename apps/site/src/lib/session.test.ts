import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  apiCookieHeader,
  classifyPostOrigin,
  csrfTokenFor,
  isSameOriginPost,
  isValidCsrfToken,
  readApiSessionToken,
  readMeForRequest,
  safeReturnPath,
  signInWithApi,
  signOutWithApi,
} from './session.ts';

describe('readApiSessionToken', () => {
  it("reads the API's session token (URL-decoded) from its set-cookie headers", () => {
    const token = readApiSessionToken([
      'costed.session_data=x; Path=/',
      'costed.session_token=abc.def%2Fg%3D; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax',
    ]);
    expect(token).toBe('abc.def/g=');
    expect(apiCookieHeader('abc.def/g=')).toBe('costed.session_token=abc.def%2Fg%3D');
  });

  it('accepts the __Secure- prefix and finds nothing in other cookies', () => {
    expect(readApiSessionToken(['__Secure-costed.session_token=t1; Secure'])).toBe('t1');
    expect(readApiSessionToken(['other=1', 'costed.session_token=; Max-Age=0'])).toBeUndefined();
  });
});

describe('CSRF token', () => {
  it('is bound to the session: the right token passes, another session’s or none fails', () => {
    const token = csrfTokenFor('session-a');
    expect(isValidCsrfToken('session-a', token)).toBe(true);
    expect(isValidCsrfToken('session-b', token)).toBe(false);
    expect(isValidCsrfToken('session-a', '')).toBe(false);
    expect(isValidCsrfToken('session-a', null)).toBe(false);
    expect(token).not.toContain('session-a');
  });
});

describe('classifyPostOrigin', () => {
  const post = (headers: Record<string, string>) =>
    new Request('http://site.test/submit', { method: 'POST', headers });
  const site = ['http://site.test'];

  it('trusts Sec-Fetch-Site first (Chromium sends Origin: null under no-referrer)', () => {
    expect(classifyPostOrigin(post({ 'sec-fetch-site': 'same-origin', origin: 'null' }), site)).toBe('same');
    expect(
      classifyPostOrigin(post({ 'sec-fetch-site': 'cross-site', origin: 'http://site.test' }), site),
    ).toBe('cross');
    expect(classifyPostOrigin(post({ 'sec-fetch-site': 'same-site' }), site)).toBe('cross');
  });

  it('falls back to Origin, then Referer', () => {
    expect(classifyPostOrigin(post({ origin: 'http://site.test' }), site)).toBe('same');
    expect(classifyPostOrigin(post({ origin: 'https://evil.example' }), site)).toBe('cross');
    expect(classifyPostOrigin(post({ referer: 'http://site.test/submit/form' }), site)).toBe('same');
    expect(classifyPostOrigin(post({ origin: 'null', referer: 'https://evil.example/' }), site)).toBe(
      'cross',
    );
  });

  it('says unknown when the browser says nothing (the CSRF token still has to match)', () => {
    expect(classifyPostOrigin(post({}), site)).toBe('unknown');
    expect(isSameOriginPost(post({}), 'http://site.test')).toBe(true);
    expect(isSameOriginPost(post({ origin: 'https://evil.example' }), 'http://site.test')).toBe(false);
  });
});

describe('safeReturnPath', () => {
  it('keeps same-site relative paths with their query', () => {
    expect(safeReturnPath('/submit/form?id=1')).toBe('/submit/form?id=1');
  });

  it('refuses anything that could leave the site', () => {
    for (const value of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\nx',
      undefined,
    ]) {
      expect(safeReturnPath(value, '/fallback')).toBe('/fallback');
    }
  });
});

describe('signInWithApi and signOutWithApi', () => {
  it('returns the token from set-cookie and names the site as the Origin', async () => {
    const seen: RequestInit[] = [];
    const fetchFake: typeof fetch = async (_url, init) => {
      seen.push(init ?? {});
      return new Response('{}', {
        status: 200,
        headers: {
          'set-cookie': 'costed.session_token=tok; Path=/; HttpOnly',
          'content-type': 'application/json',
        },
      });
    };
    const { token } = await signInWithApi(
      'http://api.test',
      'http://site.test',
      { email: 'a@b.c', password: 'p' },
      fetchFake,
    );
    expect(token).toBe('tok');
    expect((seen[0]?.headers as Record<string, string> | undefined)?.origin).toBe('http://site.test');
  });

  it('throws the API problem on a wrong password', async () => {
    const fetchFake: typeof fetch = async () =>
      new Response(
        JSON.stringify({ status: 401, code: 'unauthenticated', detail: 'Invalid email or password' }),
        {
          status: 401,
          headers: { 'content-type': 'application/problem+json' },
        },
      );
    await expect(
      signInWithApi('http://api.test', 'http://site.test', { email: 'a@b.c', password: 'x' }, fetchFake),
    ).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('sends the session cookie to sign out and fails loudly when the API refuses', async () => {
    let cookie = '';
    const ok: typeof fetch = async (_url, init) => {
      cookie = (init?.headers as Record<string, string> | undefined)?.cookie ?? '';
      return new Response('{}', { status: 200 });
    };
    await signOutWithApi('http://api.test', 'http://site.test', 'tok', ok);
    expect(cookie).toBe('costed.session_token=tok');
    const refused: typeof fetch = async () => new Response('{}', { status: 403 });
    await expect(signOutWithApi('http://api.test', 'http://site.test', 'tok', refused)).rejects.toMatchObject(
      {
        status: 403,
      },
    );
  });
});

describe('readMeForRequest', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the API once per request and token, however many parts of the page need it', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      asked.push(`${url} ${new Headers(init?.headers).get('cookie')}`);
      return Response.json({
        kind: 'user',
        role: 'curator',
        userId: 'u1',
        email: 'c@x.test',
        name: 'C',
        organisations: [],
      });
    });
    const request = new Request('http://site.test/review');
    const [page, header] = await Promise.all([
      readMeForRequest(request, 'http://api.test', 'token-a'),
      readMeForRequest(request, 'http://api.test', 'token-a'),
    ]);
    expect(page).toEqual(header);
    expect(page?.role).toBe('curator');
    expect(asked).toHaveLength(1);
    // Another token (signed in during this request) or another request is asked afresh.
    await readMeForRequest(request, 'http://api.test', 'token-b');
    await readMeForRequest(new Request('http://site.test/review'), 'http://api.test', 'token-a');
    expect(asked).toHaveLength(3);
  });
});
