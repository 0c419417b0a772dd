/**
 * A commissioner's journey through the real API and the built site in Chromium: search "edge of care",
 * filter, open a case study, change the price year and read the converted costs — with JavaScript on and
 * off — plus axe-core (WCAG 2.2 A/AA) on every commissioner-facing page and state, the withdrawn (410) and
 * unknown (404) case studies, and the weight of the case-study page and of the search page's JavaScript.
 *
 * The API runs from a temporary data directory seeded from data/, with one case study withdrawn first
 * (through the store, before the API opens it), so nothing here touches a developer's data.
 */
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  describeViolations,
  type LaunchedBrowser,
  launchBrowser,
  type Stack,
  saveScreenshot,
  startStack,
  textOf,
  withScreenshotOnFailure,
} from './harness.ts';

const WITHDRAWN = 'suffolk-signs-of-safety';
const WITHDRAWN_REASON = 'Withdrawn for the test: a fuller account replaces it.';
const COSTED = 'hackney-learning-trust';

let stack: Stack;
let browser: LaunchedBrowser;
let noJsBrowser: LaunchedBrowser;

beforeAll(async () => {
  // One case study is withdrawn through the store, as a curator would, before the API opens it.
  stack = await startStack({
    name: 'journey',
    prepare: async (store) => {
      await store.caseStudies.setStatus(WITHDRAWN, 'withdrawn', 'system:test', WITHDRAWN_REASON);
    },
  });
  browser = await launchBrowser();
  noJsBrowser = await launchBrowser({ javaScriptEnabled: false });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await noJsBrowser?.close();
  await stack?.stop();
});

async function expectNoViolations(page: Page): Promise<void> {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Search → filter → open a case study → change the price year; the same steps with and without JavaScript. */
async function runJourney(context: BrowserContext, label: string): Promise<void> {
  const { page } = await stack.openSite(context, '/');
  await withScreenshotOnFailure(page, `journey-${label}`, async () => {
    expect(await textOf(page.locator('#counts'))).toMatch(/10\s+published case studies/);
    await page.fill('#home-q', 'edge of care');
    await Promise.all([
      page.waitForURL(/\/search\?q=edge\+of\+care/),
      page.click('form[role=search] button'),
    ]);

    const heading = await textOf(page.locator('#results-heading'));
    const total = Number(/^(\d+) case stud/.exec(heading)?.[1]);
    expect(heading).toMatch(/^\d+ case stud(y|ies) matching “edge of care”$/);
    expect(total).toBeGreaterThan(0);
    // The withdrawn case study is not found; the matches are highlighted.
    expect(await page.locator(`a[href="/case-studies/${WITHDRAWN}"]`).count()).toBe(0);
    expect(await page.locator('#search-results mark').count()).toBeGreaterThan(0);

    // Filter by policy strand with the MOJ filter's checkboxes and "Apply filters".
    await page.check('input[name=policyStrand][value=edge-of-care]');
    await Promise.all([
      page.waitForURL(/policyStrand=edge-of-care/),
      page.click('button:has-text("Apply filters")'),
    ]);
    expect(await textOf(page.locator('.moj-filter__selected'))).toContain(
      'Interventions at the edge of care',
    );
    const filtered = Number(/^(\d+)/.exec(await textOf(page.locator('#results-heading')))?.[1]);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThanOrEqual(total);

    // Open the first result and change the price year: a cost that is not reported stays "Not reported".
    const first = page.locator('.costed-result h3 a').first();
    const title = await textOf(first);
    await Promise.all([page.waitForURL(/\/case-studies\//), first.click()]);
    expect(await textOf(page.locator('h1'))).toBe(title);
    expect(await textOf(page.locator('#costs-table caption'))).toContain('2024-25 prices');
    await page.selectOption('#priceYear', '2015-16');
    await Promise.all([page.waitForURL(/priceYear=2015-16/), page.click('button:has-text("Show costs")')]);
    expect(await textOf(page.locator('#costs-table caption'))).toContain('2015-16 prices');
    const costs = await textOf(page.locator('#costs-table tbody'));
    expect(costs).toContain('Not reported');
    expect(costs).not.toMatch(/£0\b/);

    // A case study with a reported cost: the converted amount is the API's, at the chosen year.
    await page.goto(`${stack.site.url}/case-studies/${COSTED}`);
    await page.selectOption('#priceYear', '2015-16');
    await Promise.all([page.waitForURL(/priceYear=2015-16/), page.click('button:has-text("Show costs")')]);
    const fromApi = (await (
      await fetch(`${stack.api.url}/v1/case-studies/${COSTED}?priceYear=2015-16`)
    ).json()) as {
      converted: { costs: { converted: { pence: number } | null }[] };
    };
    const pence = fromApi.converted.costs[0]?.converted?.pence ?? 0;
    const pounds = `£${Math.round(pence / 100).toLocaleString('en-GB')}`;
    const firstRow = await textOf(page.locator('#costs-table tbody tr').first());
    expect(firstRow).toContain('£108,000,000 (2002-03 prices)');
    expect(firstRow).toContain(pounds);
    expect(await textOf(page.locator('#method-stamp'))).toMatch(
      /HM Treasury GDP deflators.*method version 1\.0\.0/s,
    );
  });
  await saveScreenshot(page, `commissioner-journey-${label}`);
  await page.close();
}

describe('commissioner journey in Chromium', { timeout: 90_000 }, () => {
  it('searches, filters, opens a case study and converts its costs, with JavaScript', async () => {
    await runJourney(browser.context, 'js');
  });

  it('does the same with JavaScript turned off', async () => {
    await runJourney(noJsBrowser.context, 'no-js');
  });

  it('with JavaScript, updates the results as the user types, without leaving the page', async () => {
    const { page, cspViolations } = await stack.openSite(browser.context, '/search');
    await withScreenshotOnFailure(page, 'search-as-you-type', async () => {
      const before = await textOf(page.locator('#results-heading'));
      await page.locator('#q').pressSequentially('edge of care', { delay: 20 });
      await page.waitForURL(/\/search\?q=edge\+of\+care$/);
      await expect.poll(() => textOf(page.locator('#results-heading'))).toMatch(/matching “edge of care”$/);
      expect(await textOf(page.locator('#results-heading'))).not.toBe(before);
      expect(await textOf(page.locator('#search-status'))).toMatch(/matching “edge of care”/);
      expect(await page.locator('#q').inputValue()).toBe('edge of care');
      expect(cspViolations).toEqual([]);
    });
    await page.close();
  });

  it('renders the case study in full: costs, outcomes chart and table, evidence, sources, history, citation', async () => {
    const { page, response, cspViolations } = await stack.openSite(
      browser.context,
      `/case-studies/${COSTED}`,
    );
    await withScreenshotOnFailure(page, 'case-study', async () => {
      expect(response?.status()).toBe(200);
      const chart = page.locator('figure svg[role=img]');
      expect(await chart.count()).toBe(1);
      const description = await textOf(page.locator('figure figcaption'));
      expect(description).toContain('from 32% in 2000 to 50% in 2012 (better; higher is better)');
      expect(await textOf(page.locator('#outcomes-table'))).toMatch(
        /32%[\s\S]*50%[\s\S]*\+18 percentage points/,
      );
      // "Not evaluated" is explained, never shown as "no effect".
      const result = await textOf(page.locator('#evidence-result'));
      expect(result).toContain('Not evaluated');
      expect(result).toContain('not the same as finding no effect');
      // Each figure links to a note that quotes its source.
      const noteHref = await page.locator('#costs-table a[href^="#note-"]').first().getAttribute('href');
      expect(await textOf(page.locator(noteHref ?? '#missing'))).toContain('£108 million');
      expect(await textOf(page.locator('#citation'))).toMatch(
        /Costed \(\d{4}\) .*version 1, published .*\/case-studies\/hackney-learning-trust/,
      );
      expect(await textOf(page.locator('details summary').first())).toContain('Version history');
      // The body's raw Markdown is rendered, not shown as source.
      expect(await textOf(page.locator('.costed-markdown'))).not.toContain('## ');
      expect(cspViolations).toEqual([]);
      await expectNoViolations(page);
    });
    await saveScreenshot(page, 'commissioner-case-study');
    await page.close();
  });

  it('shows a withdrawn case study as withdrawn (410) with when and why, and an unknown one as 404', async () => {
    const { page, response } = await stack.openSite(browser.context, `/case-studies/${WITHDRAWN}`);
    await withScreenshotOnFailure(page, 'withdrawn', async () => {
      expect(response?.status()).toBe(410);
      expect(await textOf(page.locator('h1'))).toBe('This case study has been withdrawn');
      const main = await textOf(page.locator('main'));
      expect(main).toContain(WITHDRAWN_REASON);
      expect(main).toMatch(/withdrawn on \d{1,2} \w+ \d{4}/);
      expect(await page.locator(`a[href$="/v1/case-studies/${WITHDRAWN}/versions"]`).count()).toBe(1);
      await expectNoViolations(page);
    });
    await page.close();

    const missing = await stack.openSite(browser.context, '/case-studies/no-such-case-study');
    expect(missing.response?.status()).toBe(404);
    expect(await textOf(missing.page.locator('h1'))).toBe('Page not found');
    await missing.page.close();
  });

  it('shows a refused search as an error summary on the form (400) and helps when nothing matches', async () => {
    const refused = await stack.openSite(browser.context, '/search?q=care&evidenceLevel=9');
    await withScreenshotOnFailure(refused.page, 'search-error', async () => {
      expect(refused.response?.status()).toBe(400);
      expect(await refused.page.title()).toMatch(/^Error: /);
      expect(await textOf(refused.page.locator('.govuk-error-summary'))).toContain('Evidence level');
      expect(
        await refused.page.locator('.govuk-error-summary a[href="#filter-evidenceLevel-1"]').count(),
      ).toBe(1);
      expect(await refused.page.locator('#filter-evidenceLevel-1').count()).toBe(1);
      await expectNoViolations(refused.page);
    });
    await refused.page.close();

    const none = await stack.openSite(
      browser.context,
      '/search?q=zzqqxxy+nonsense&policyStrand=edge-of-care',
    );
    await withScreenshotOnFailure(none.page, 'search-no-results', async () => {
      expect(none.response?.status()).toBe(200);
      expect(await textOf(none.page.locator('#results-heading'))).toMatch(/^0 case studies matching/);
      const help = await textOf(none.page.locator('#no-results'));
      expect(help).toContain('removing filters');
      expect(await none.page.locator('#no-results a[href="/search"]').count()).toBe(1);
      await expectNoViolations(none.page);
    });
    await none.page.close();
  });

  it('has no WCAG 2.2 A/AA violations on home, search results, methodology and open data', async () => {
    for (const path of ['/', '/search?q=edge+of+care', '/methodology', '/open-data']) {
      const { page, response, cspViolations } = await stack.openSite(browser.context, path);
      await withScreenshotOnFailure(page, `axe-${path}`, async () => {
        expect(response?.status(), path).toBe(200);
        expect(cspViolations, path).toEqual([]);
        await expectNoViolations(page);
      });
      await page.close();
    }
  });

  it('keeps the case-study page light and the search page within its JavaScript budget', async () => {
    const weigh = async (path: string) => {
      const html = await (await fetch(stack.site.url + path)).text();
      const assets = [
        ...[...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(
          (m) => ['css', m[1] ?? ''] as const,
        ),
        ...[...html.matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => ['js', m[1] ?? ''] as const),
      ];
      const sizes = { html: gzipSync(html).length, css: 0, js: 0 };
      for (const [kind, url] of assets) {
        const body = Buffer.from(await (await fetch(stack.site.url + url)).arrayBuffer());
        sizes[kind] += gzipSync(body).length;
      }
      return sizes;
    };
    const caseStudy = await weigh(`/case-studies/${COSTED}?priceYear=2024-25`);
    const search = await weigh('/search?q=edge+of+care');
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `case-study page (gzip): html ${kb(caseStudy.html)}, css ${kb(caseStudy.css)}, js ${kb(caseStudy.js)}, total ${kb(caseStudy.html + caseStudy.css + caseStudy.js)}`,
    );
    console.log(`search page JavaScript (gzip): ${kb(search.js)}`);
    expect(caseStudy.html + caseStudy.css + caseStudy.js).toBeLessThan(150 * 1024);
    expect(search.js).toBeLessThanOrEqual(30 * 1024);
  });
});
