import { afterEach, describe, expect, it, vi } from 'vitest';
import { forwardedForHeader, forwardingFetch, runWithClientAddress } from './client-address.ts';

describe('client address forwarding', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the visitor of this request as X-Forwarded-For, keeping the other headers', async () => {
    const seen: Headers[] = [];
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      return new Response('{}');
    });
    await runWithClientAddress('203.0.113.7', () =>
      forwardingFetch('http://api.test/v1/me', { headers: { accept: 'application/json' } }),
    );
    expect(seen[0]?.get('x-forwarded-for')).toBe('203.0.113.7');
    expect(seen[0]?.get('accept')).toBe('application/json');
  });

  it('keeps two concurrent requests apart, and sends nothing outside a request', async () => {
    const [a, b] = await Promise.all([
      runWithClientAddress('198.51.100.1', async () => {
        await new Promise((r) => setTimeout(r, 5));
        return forwardedForHeader();
      }),
      runWithClientAddress('198.51.100.2', async () => forwardedForHeader()),
    ]);
    expect(a).toEqual({ 'x-forwarded-for': '198.51.100.1' });
    expect(b).toEqual({ 'x-forwarded-for': '198.51.100.2' });
    expect(forwardedForHeader()).toEqual({});
    expect(runWithClientAddress(undefined, () => forwardedForHeader())).toEqual({});
  });
});
