import { defineMiddleware } from 'astro:middleware';
import { buildSecurityHeaders } from './lib/security-headers.ts';

const SECURITY_HEADERS = buildSecurityHeaders();

/** Sends the strict CSP and the other security headers with every rendered page, errors included. */
export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
});
