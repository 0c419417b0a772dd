import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashInlineScript, SUPPORTED_CLASS_SCRIPT } from './inline-script.ts';
import { buildContentSecurityPolicy, buildSecurityHeaders } from './security-headers.ts';

describe('hashInlineScript', () => {
  it('is the base64 SHA-256 of the exact text, in CSP source syntax', () => {
    const expected = createHash('sha256').update(SUPPORTED_CLASS_SCRIPT).digest('base64');
    expect(hashInlineScript(SUPPORTED_CLASS_SCRIPT)).toBe(`'sha256-${expected}'`);
    // One changed character is a different hash, so an edited script is blocked until the policy follows.
    expect(hashInlineScript(`${SUPPORTED_CLASS_SCRIPT} `)).not.toBe(hashInlineScript(SUPPORTED_CLASS_SCRIPT));
  });
});

describe('buildContentSecurityPolicy', () => {
  it('allows only the site itself plus the hashed inline script', () => {
    const directives = Object.fromEntries(
      buildContentSecurityPolicy()
        .split('; ')
        .map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': `'self' ${hashInlineScript(SUPPORTED_CLASS_SCRIPT)}`,
      'style-src': "'self'",
      'img-src': "'self' data:",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'object-src': "'none'",
    });
    expect(buildContentSecurityPolicy()).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});

describe('buildSecurityHeaders', () => {
  it('sends nosniff and no referrer with the CSP', () => {
    expect(buildSecurityHeaders()).toEqual({
      'Content-Security-Policy': buildContentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    });
  });

  it('leaves only the CSP out for the dev server', () => {
    expect(Object.keys(buildSecurityHeaders({ contentSecurityPolicy: false }))).toEqual([
      'X-Content-Type-Options',
      'Referrer-Policy',
    ]);
  });
});
