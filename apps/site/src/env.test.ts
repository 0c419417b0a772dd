import { describe, expect, it } from 'vitest';
import { parseSiteEnv, SiteEnvError } from './env.ts';

describe('parseSiteEnv', () => {
  it('applies the defaults when nothing is set (blank counts as unset)', () => {
    expect(parseSiteEnv({ SITE_HOST: '  ' })).toEqual({
      SITE_PORT: 4321,
      SITE_HOST: '127.0.0.1',
      API_URL: 'http://localhost:4000',
      PUBLIC_SITE_URL: 'http://localhost:4321',
    });
  });

  it('reads the variables and drops a trailing slash from API_URL', () => {
    const env = parseSiteEnv({
      SITE_PORT: '8080',
      SITE_HOST: '0.0.0.0',
      API_URL: 'https://api.example.org/',
    });
    expect(env.SITE_PORT).toBe(8080);
    expect(env.SITE_HOST).toBe('0.0.0.0');
    expect(env.API_URL).toBe('https://api.example.org');
  });

  it('names every bad variable in one error with a stable code', () => {
    let error: unknown;
    try {
      parseSiteEnv({ SITE_PORT: 'eighty', API_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SiteEnvError);
    expect((error as SiteEnvError).code).toBe('invalid-site-env');
    expect((error as Error).message).toMatch(/SITE_PORT/);
    expect((error as Error).message).toMatch(/API_URL/);
  });
});
