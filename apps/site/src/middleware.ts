import { defineMiddleware } from 'astro:middleware';
import { runWithClientAddress } from './lib/client-address.ts';
import { buildSecurityHeaders } from './lib/security-headers.ts';

/** The visitor's address, where the adapter knows it (it throws for prerendered pages). */
function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

// `astro dev` injects styles and its client as inline code, which the strict policy would block; the policy
// is therefore left out under `astro dev` only. MODE, not DEV: DEV follows NODE_ENV, so a build started
// with NODE_ENV=test (as under vitest) would otherwise ship without a policy.
const SECURITY_HEADERS = buildSecurityHeaders({
  contentSecurityPolicy: import.meta.env.MODE !== 'development',
});

/** Sends the strict CSP and the other security headers with every rendered page, errors included. */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await runWithClientAddress(clientAddressOf(context), () => next());
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
});
