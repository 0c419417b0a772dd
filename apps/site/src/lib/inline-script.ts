import { createHash } from 'node:crypto';

/**
 * The one inline script on every page: GOV.UK Frontend's body-class switch, which lets components style
 * themselves for JavaScript only when the browser supports ES modules. It must run before first paint, so it
 * cannot wait for a file; the CSP allows it by the hash of this exact text.
 */
export const SUPPORTED_CLASS_SCRIPT =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

/** The CSP source expression for an inline script: `'sha256-<base64 of the SHA-256 of its exact text>'`. */
export function hashInlineScript(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
