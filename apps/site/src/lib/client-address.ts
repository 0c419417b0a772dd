import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The visitor's address for the request being rendered. The site calls the API from its own server, so
 * without it the API would count every visitor as one client (the site) and one busy minute would rate
 * limit everybody. The middleware records the address; `forwardingFetch` sends it as X-Forwarded-For, which
 * the API believes only from addresses it trusts (TRUST_PROXY, loopback by default).
 */
const storage = new AsyncLocalStorage<{ address: string }>();

export function runWithClientAddress<T>(address: string | undefined, fn: () => T): T {
  return address ? storage.run({ address }, fn) : fn();
}

/** The X-Forwarded-For header for the visitor of this request, or none outside a request. */
export function forwardedForHeader(): Record<string, string> {
  const address = storage.getStore()?.address;
  return address ? { 'x-forwarded-for': address } : {};
}

/** `fetch`, plus the visitor's address: the default fetch of every call the site makes to the API. */
export const forwardingFetch: typeof globalThis.fetch = (input, init) => {
  const forwarded = forwardedForHeader();
  if (!forwarded['x-forwarded-for']) return globalThis.fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set('x-forwarded-for', forwarded['x-forwarded-for']);
  return globalThis.fetch(input, { ...init, headers });
};
