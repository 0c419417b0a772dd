/**
 * The site's frame in a real browser: accessibility (axe, WCAG 2.2 AA), the strict CSP and its script
 * hash, no request leaving the machine, no GOV.UK identity in what we ship, and pages that work without
 * JavaScript. Builds apps/site once unless the existing build is newer than every source file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  describeViolations,
  ensureSiteBuild,
  type LaunchedBrowser,
  launchBrowser,
  type RunningServer,
  SITE_DIR,
  saveScreenshot,
  startSite,
  textOf,
  withScreenshotOnFailure,
} from './harness.ts';

const ASSET_DIR = join(SITE_DIR, 'dist', 'client', '_astro');

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || hostname === '127.0.0.1' || hostname === 'localhost';
}

let server: RunningServer;
let browser: LaunchedBrowser;
let noJsBrowser: LaunchedBrowser;
const requests: string[] = [];

beforeAll(async () => {
  ensureSiteBuild();
  // The API is not needed by these pages; a closed port proves no page depends on it.
  server = await startSite({ apiUrl: 'http://127.0.0.1:9' });
  browser = await launchBrowser();
  noJsBrowser = await launchBrowser({ javaScriptEnabled: false });
  for (const b of [browser, noJsBrowser])
    b.context.on('request', (r: Request) => void requests.push(r.url()));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await noJsBrowser?.close();
  await server?.stop();
});

/** Opens a page and records CSP violations, both as events and as console errors. */
async function open(path: string, context = browser.context) {
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  // A string, because the test package is typed without the DOM library; it runs before any page script.
  await page.addInitScript(
    "globalThis.__csp = []; document.addEventListener('securitypolicyviolation', (e) => globalThis.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
  );
  const response = await page.goto(server.url + path, { waitUntil: 'load' });
  if (context === browser.context) {
    const fromEvents = await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
    cspViolations.push(...fromEvents);
  }
  return { page, response, cspViolations };
}

describe('site shell in Chromium', { timeout: 60_000 }, () => {
  it('the accessibility statement has no WCAG 2.2 A/AA violations and the agreed frame', async () => {
    const { page, response } = await open('/accessibility');
    await withScreenshotOnFailure(page, 'accessibility', async () => {
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('Accessibility statement – Costed');
      expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
      expect(await textOf(page.locator('.govuk-service-navigation__service-name'))).toBe('Costed');
      expect(await textOf(page.locator('.govuk-phase-banner__content__tag'))).toBe('Beta');
      expect(await textOf(page.locator('.govuk-phase-banner__text'))).toBe('This is a new service.');
      expect(await page.locator('.govuk-skip-link').getAttribute('href')).toBe('#main-content');
      expect(await textOf(page.locator('footer a[href="http://127.0.0.1:9/docs"]'))).toBe('API docs');
      expect(await textOf(page.locator('footer'))).toMatch(/CC BY 4\.0[\s\S]*MIT licence/);
      const violations = await axe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
    await saveScreenshot(page, 'site-shell-accessibility');
    await page.close();
  });

  it('an unknown path answers 404 with the "Page not found" page and no violations', async () => {
    const { page, response } = await open('/no-such-page');
    await withScreenshotOnFailure(page, 'not-found', async () => {
      expect(response?.status()).toBe(404);
      expect(await page.title()).toBe('Page not found – Costed');
      expect(await textOf(page.locator('h1'))).toBe('Page not found');
      const violations = await axe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
    await page.close();
  });

  it('sends the strict CSP whose hash matches the inline script, and nothing is blocked', async () => {
    const { page, response, cspViolations } = await open('/accessibility');
    await withScreenshotOnFailure(page, 'csp', async () => {
      const headers = response?.headers() ?? {};
      const csp = headers['content-security-policy'] ?? '';
      expect(csp).toMatch(
        /^default-src 'self'; script-src 'self' 'sha256-[A-Za-z0-9+/=]+'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'$/,
      );
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('same-origin');

      const html = (await response?.text()) ?? '';
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
        (m) => m[1] ?? '',
      );
      expect(inline.length).toBe(1);
      for (const text of inline) {
        const hash = createHash('sha256').update(text, 'utf8').digest('base64');
        expect(csp).toContain(`'sha256-${hash}'`);
      }
      expect(html).not.toMatch(/<style|\sstyle="/);

      // The hashed script ran, and GOV.UK Frontend's module script (a file) initialised the navigation.
      expect(await page.locator('body').getAttribute('class')).toContain('govuk-frontend-supported');
      await expect
        .poll(() => page.locator('[data-govuk-service-navigation-init]').count(), { timeout: 5_000 })
        .toBe(1);
      expect(cspViolations).toEqual([]);
    });
    await page.close();
  });

  it('makes no request that leaves the machine, and every asset it asks for exists', async () => {
    const { page } = await open('/accessibility');
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.reload({ waitUntil: 'networkidle' });
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('ships no GOV.UK crown, logotype, header or GDS Transport font', async () => {
    const cssFiles = readdirSync(ASSET_DIR).filter((f) => f.endsWith('.css'));
    expect(cssFiles.length).toBeGreaterThan(0);
    const css = cssFiles.map((f) => readFileSync(join(ASSET_DIR, f), 'utf8')).join('\n');
    for (const banned of [
      'GDS Transport',
      '@font-face',
      'govuk-footer__crown',
      'govuk-crest',
      'govuk-header',
      'govuk-logo',
    ]) {
      expect(css, `built CSS contains ${banned}`).not.toContain(banned);
    }
    // The parts we do want are there: GOV.UK components in our font stack, and MOJ's filter.
    expect(css).toContain('.govuk-service-navigation');
    expect(css).toContain('.moj-filter');
    expect(css).toMatch(/font-family:system-ui/);
    const html = await (await fetch(`${server.url}/accessibility`)).text();
    expect(html).not.toMatch(/govuk-header|govuk-logo|govuk-footer__crown|govuk-crest|GDS Transport/);
  });

  it('works with JavaScript turned off', async () => {
    const { page, response } = await open('/accessibility', noJsBrowser.context);
    await withScreenshotOnFailure(page, 'no-js', async () => {
      expect(response?.status()).toBe(200);
      expect(await page.locator('body').getAttribute('class')).not.toContain('govuk-frontend-supported');
      // Without JavaScript the navigation is a plain visible list (no Menu toggle) and every link works.
      expect(await page.locator('.govuk-service-navigation__toggle').isVisible()).toBe(false);
      const links = page.locator('.govuk-service-navigation__list a');
      // Signed out: the public pages, Submit (which leads to sign-in) and Sign in; no account area.
      expect(await links.allInnerTexts()).toEqual([
        'Search',
        'Compare',
        'Appraise',
        'Submit',
        'Open data',
        'Sign in',
      ]);
      expect(await page.locator('#signed-in-as').count()).toBe(0);
      for (const link of await links.all()) expect(await link.isVisible()).toBe(true);
      expect(await textOf(page.locator('h1'))).toBe('Accessibility statement for Costed');
      // The skip link is the first thing the keyboard reaches, and it works as a plain link.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      expect(page.url()).toMatch(/#main-content$/);
    });
    await page.close();
  });
});
