import type { AstroCookies } from 'astro';
import { describe, expect, it } from 'vitest';
import type { NavigationUser } from './navigation.ts';
import { readNavigationSession } from './navigation-session.ts';
import { csrfTokenFor, SESSION_COOKIE } from './session.ts';

/** Just enough of AstroCookies for reading; any write fails the test (the header must not change cookies). */
function cookiesWith(value: string | undefined): AstroCookies {
  const refuse = () => {
    throw new Error('the header changed a cookie');
  };
  return {
    get: (name: string) => (name === SESSION_COOKIE && value !== undefined ? { value } : undefined),
    set: refuse,
    delete: refuse,
  } as unknown as AstroCookies;
}

const USER: NavigationUser = {
  role: 'council-member',
  email: 'm@example.org',
  organisations: [{ organisationId: 'east-riding', role: 'council-member' }],
};

describe('readNavigationSession', () => {
  it('asks the API who the token belongs to and derives the CSRF token from it', async () => {
    const asked: string[] = [];
    const session = await readNavigationSession(cookiesWith('tok'), 'http://api', async (url, token) => {
      asked.push(`${url} ${token}`);
      return USER;
    });
    expect(asked).toEqual(['http://api tok']);
    expect(session).toEqual({ user: USER, csrf: csrfTokenFor('tok') });
  });

  it('does not call the API without a session cookie', async () => {
    const session = await readNavigationSession(cookiesWith(undefined), 'http://api', async () => {
      throw new Error('called');
    });
    expect(session).toBeUndefined();
  });

  it('shows the visitor as signed out when the session is gone or the API fails, without touching cookies', async () => {
    expect(await readNavigationSession(cookiesWith('old'), 'http://api', async () => undefined)).toBe(
      undefined,
    );
    const failing = await readNavigationSession(cookiesWith('tok'), 'http://api', async () => {
      throw new Error('API unreachable');
    });
    expect(failing).toBeUndefined();
  });
});
