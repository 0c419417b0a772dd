import { hashInlineScript, SUPPORTED_CLASS_SCRIPT } from './inline-script.ts';

/**
 * The Content-Security-Policy for every page. Everything is served from the site itself: scripts from files
 * plus the hashed inline script, styles only from files (so no inline <style> or style="" attributes),
 * images from the site or data: URLs (GOV.UK Frontend's inline SVGs), nothing framed, no plugins.
 */
export function buildContentSecurityPolicy(
  inlineScripts: readonly string[] = [SUPPORTED_CLASS_SCRIPT],
): string {
  const hashes = inlineScripts.map(hashInlineScript).join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers every HTML response carries (static files get the last two in serve.ts). */
export function buildSecurityHeaders(
  options: { contentSecurityPolicy?: boolean } = {},
): Record<string, string> {
  return {
    ...(options.contentSecurityPolicy === false
      ? {}
      : { 'Content-Security-Policy': buildContentSecurityPolicy() }),
    'X-Content-Type-Options': 'nosniff',
    // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` with a same-origin form post,
    // which the origin checks must refuse; same-origin still sends nothing to any other site.
    'Referrer-Policy': 'same-origin',
  };
}
