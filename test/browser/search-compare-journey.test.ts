/**
 * Search → case study → compare in Chromium, through the real API and the built site: a commissioner
 * searches a phrase, opens a result, follows "Compare with other case studies", adds a second case study
 * and reads both side by side at one price year with the plain-English dominance reading; or ticks two
 * results and presses "Compare selected" — with JavaScript on and off. Choosing too few or too many shows an
 * error summary on the compare page. Plus the header: "Sign in" when signed out; who is signed in, the
 * links their role can use and a working "Sign out" when signed in. axe-core (WCAG 2.2 A/AA) on every state.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNoAxeViolations,
  clickAndWait,
  type LaunchedBrowser,
  launchBrowser,
  makeCostedCopies,
  SCREENSHOT_DIR,
  type Stack,
  saveScreenshot,
  signInThroughSite,
  startStack,
  textOf,
  withScreenshotOnFailure,
} from './harness.ts';

const TEMPLATE = 'east-riding-early-help-shift';
const CHEAP = 'wrenfield-cheaper-edge-team';
const DEAR = 'wrenfield-dearer-edge-team';
const CHEAP_TITLE = 'Wrenfield: a cheaper edge of care team';
const DEAR_TITLE = 'Wrenfield: a dearer edge of care team';
const PASSWORD = 'a long test password 123';
const MEMBER = {
  email: 'member@wrenfield.example.org',
  password: PASSWORD,
  name: 'Robin Member',
  organisationId: 'east-riding',
  role: 'council-member',
} as const;
const CURATOR = {
  email: 'curator@example.org',
  password: PASSWORD,
  name: 'Casey Curator',
  organisationId: 'sector-curators',
  role: 'curator',
} as const;

let stack: Stack;
let browser: LaunchedBrowser;
let noJsBrowser: LaunchedBrowser;

beforeAll(async () => {
  stack = await startStack({
    name: 'search-compare',
    extraCaseStudies: (evidence) => {
      const template = evidence.caseStudies.find((c) => c.value.slug === TEMPLATE);
      if (!template) throw new Error(`${TEMPLATE} is not in data/`);
      // Made up, with a name to search for: the cheaper one improves more, so the dearer one is dominated.
      return makeCostedCopies(template.value, [
        { slug: CHEAP, title: CHEAP_TITLE, pounds: 500_000, followUp: 45, costLabel: 'Edge of care team' },
        { slug: DEAR, title: DEAR_TITLE, pounds: 900_000, followUp: 75, costLabel: 'Edge of care team' },
      ]);
    },
    organisations: [
      { id: 'east-riding', name: 'East Riding of Yorkshire Council', kind: 'council', gssCode: 'E06000011' },
      { id: 'sector-curators', name: 'Sector curators', kind: 'sector-body' },
    ],
    users: [MEMBER, CURATOR],
  });
  browser = await launchBrowser();
  noJsBrowser = await launchBrowser({ javaScriptEnabled: false });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await noJsBrowser?.close();
  await stack?.stop();
});

/** axe runs in the page, so only with JavaScript; the JavaScript-off runs render the same server HTML. */
async function expectNoViolations(page: Page, state: string): Promise<void> {
  if (page.context() === noJsBrowser.context) return;
  await assertNoAxeViolations(page, state);
}

/** Searches from the search page's form, as a user would. */
async function search(page: Page, words: string): Promise<void> {
  await page.fill('#q', words);
  await clickAndWait(page, '#search-form button:has-text("Search")');
  expect(new URL(page.url()).searchParams.get('q')).toBe(words);
}

interface CompareFromApi {
  priceYear: string;
  sharedIndicators: { readings: string[]; options: { slug: string; status: string }[] }[];
}

/** The side-by-side table and the API's dominance reading, word for word, at 2024-25 prices. */
async function expectSideBySide(page: Page): Promise<void> {
  expect(new URL(page.url()).pathname).toBe('/compare');
  const table = page.locator('#side-by-side');
  expect(await textOf(table.locator('caption'))).toBe('2 case studies, costs at 2024-25 prices');
  const header = await textOf(table.locator('thead'));
  expect(header).toContain(CHEAP_TITLE);
  expect(header).toContain(DEAR_TITLE);
  expect(await textOf(table.locator('tr', { hasText: 'Total cost' }))).toMatch(
    /£500,000[\s\S]*£900,000|£900,000[\s\S]*£500,000/,
  );
  const fromApi = (await (
    await fetch(`${stack.api.url}/v1/compare?slugs=${CHEAP},${DEAR}&priceYear=2024-25`)
  ).json()) as CompareFromApi;
  const shared = fromApi.sharedIndicators[0];
  expect(shared?.options.find((o) => o.slug === DEAR)?.status).toBe('strictly-dominated');
  const readings = await textOf(page.locator('#readings-0'));
  expect(readings).toBe((shared?.readings ?? []).join('\n'));
  // The plain-English reading of dominance: the cheaper one achieved at least as much for less.
  expect(readings).toMatch(
    new RegExp(`^${CHEAP_TITLE} achieved at least as much on .* for less .* than ${DEAR_TITLE}\\.$`),
  );
}

async function journeyThroughCaseStudy(context: BrowserContext, label: string): Promise<void> {
  const { page, cspViolations } = await stack.openSite(context, '/search');
  await withScreenshotOnFailure(page, `search-compare-case-study-${label}`, async () => {
    await search(page, 'Wrenfield edge of care');
    expect(await textOf(page.locator('#results-heading'))).toMatch(/matching “Wrenfield edge of care”$/);
    await expectNoViolations(page, 'search results with compare boxes');
    await saveScreenshot(page, `search-results-compare-boxes-${label}`, { fullPage: false });
    const first = page.locator('.costed-result h3 a', { hasText: 'Wrenfield' }).first();
    const title = await textOf(first);
    await Promise.all([page.waitForURL(/\/case-studies\/wrenfield-/), first.click()]);
    expect(await textOf(page.locator('h1'))).toBe(title);
    const thisSlug = new URL(page.url()).pathname.split('/').pop() ?? '';
    const other = thisSlug === CHEAP ? DEAR : CHEAP;

    await clickAndWait(page, '#compare-link');
    const at = new URL(page.url());
    expect(at.pathname).toBe('/compare');
    expect(at.searchParams.get('slugs')).toBe(thisSlug);
    // The case study stays selected, with no error, and the user adds another.
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await page.locator('#slug-1').inputValue()).toBe(thisSlug);
    expect(await textOf(page.locator('#starting-with'))).toContain(title);
    await expectNoViolations(page, 'compare started from a case study');
    await page.selectOption('#slug-2', other);
    expect(await page.locator('#priceYear').inputValue()).toBe('2024-25');
    await clickAndWait(page, 'button:has-text("Compare")');
    await expectSideBySide(page);
    await expectNoViolations(page, 'compare results');
    expect(cspViolations).toEqual([]);
  });
  await saveScreenshot(page, `search-compare-case-study-${label}`);
  await page.close();
}

async function journeyByTicking(context: BrowserContext, label: string): Promise<void> {
  const { page } = await stack.openSite(context, '/search');
  await withScreenshotOnFailure(page, `search-compare-ticked-${label}`, async () => {
    await search(page, 'Wrenfield');
    await page.check(`#compare-${CHEAP}`);
    await page.check(`#compare-${DEAR}`);
    await page.locator('#search-results').screenshot({
      path: join(SCREENSHOT_DIR, `search-results-ticked-${label}.png`),
    });
    await clickAndWait(page, 'button:has-text("Compare selected")');
    const at = new URL(page.url());
    expect(at.searchParams.getAll('slugs').sort()).toEqual([CHEAP, DEAR].sort());
    await expectSideBySide(page);
  });
  await saveScreenshot(page, `search-compare-ticked-${label}`);
  await page.close();
}

describe('search → case study → compare in Chromium', { timeout: 120_000 }, () => {
  it('follows a result’s compare link, adds another and reads dominance, with JavaScript', async () => {
    await journeyThroughCaseStudy(browser.context, 'js');
  });

  it('does the same with JavaScript turned off', async () => {
    await journeyThroughCaseStudy(noJsBrowser.context, 'no-js');
  });

  it('compares two ticked search results, with JavaScript and without', async () => {
    await journeyByTicking(browser.context, 'js');
    await journeyByTicking(noJsBrowser.context, 'no-js');
  });

  it('keeps the compare boxes working after search-as-you-type replaces the results', async () => {
    const { page } = await stack.openSite(browser.context, '/search');
    await withScreenshotOnFailure(page, 'search-compare-as-you-type', async () => {
      await page.locator('#q').pressSequentially('Wrenfield', { delay: 20 });
      await page.waitForURL(/\/search\?q=Wrenfield$/);
      await expect.poll(() => page.locator(`#compare-${DEAR}`).count()).toBe(1);
      await page.check(`#compare-${CHEAP}`);
      await page.check(`#compare-${DEAR}`);
      await clickAndWait(page, 'button:has-text("Compare selected")');
      await expectSideBySide(page);
    });
    await page.close();
  });

  it('explains on the compare page when fewer than 2 or more than 4 are ticked (400)', async () => {
    for (const [label, tick, message] of [
      ['one', 1, 'Select at least 2 case studies to compare: you selected 1'],
      ['none', 0, 'Select at least 2 case studies to compare'],
      ['five', 5, 'Select at most 4 case studies to compare: you selected 5'],
    ] as const) {
      const { page } = await stack.openSite(browser.context, '/search');
      await withScreenshotOnFailure(page, `search-compare-error-${label}`, async () => {
        const boxes = page.locator('input[name=slugs]');
        expect(await boxes.count()).toBeGreaterThanOrEqual(5);
        for (let i = 0; i < tick; i++) await boxes.nth(i).check();
        const [response] = await Promise.all([
          page.waitForNavigation({ waitUntil: 'load' }),
          page.click('button:has-text("Compare selected")'),
        ]);
        expect(response?.status()).toBe(400);
        expect(await page.title()).toMatch(/^Error: Compare/);
        const summary = page.locator('.govuk-error-summary');
        expect(await textOf(summary)).toContain(message);
        expect(await summary.locator('a').getAttribute('href')).toBe('#slug-1');
        expect(await textOf(page.locator('#slug-error'))).toContain(message);
        expect(await page.locator('#side-by-side').count()).toBe(0);
        await expectNoViolations(page, `compare error (${label} ticked)`);
        await saveScreenshot(page, `compare-error-${label}`, { fullPage: false });
      });
      await page.close();
    }
  });

  it('says so when a compare link names a case study that is not published (404)', async () => {
    const { page, response } = await stack.openSite(browser.context, '/compare?slugs=no-such-case-study');
    await withScreenshotOnFailure(page, 'search-compare-unknown', async () => {
      expect(response?.status()).toBe(404);
      expect(await textOf(page.locator('.govuk-error-summary'))).toContain(
        'There is no published case study called "no-such-case-study"',
      );
      await expectNoViolations(page, 'compare link to an unknown case study');
    });
    await page.close();
  });
});

describe('the header in Chromium', { timeout: 120_000 }, () => {
  const navTexts = async (page: Page) =>
    (await page.locator('.govuk-service-navigation__list a').allInnerTexts()).map((t) => t.trim());

  it('shows a signed-out visitor "Sign in" and no account area', async () => {
    const { page } = await stack.openSite(browser.context, '/search');
    await withScreenshotOnFailure(page, 'header-signed-out', async () => {
      const links = await navTexts(page);
      expect(links).toContain('Sign in');
      expect(links).not.toContain('Review queue');
      expect(await page.locator('#signed-in-as').count()).toBe(0);
    });
    await page.close();
  });

  it('shows a council member who is signed in, their links and Sign out on every page, then signs out', async () => {
    const member = await launchBrowser();
    const page = await member.context.newPage();
    try {
      await withScreenshotOnFailure(page, 'header-member', async () => {
        await signInThroughSite(page, stack.site.url, MEMBER, '/submit');
        for (const path of [
          '/',
          '/search?q=Wrenfield',
          `/case-studies/${CHEAP}`,
          '/compare',
          '/methodology',
        ]) {
          await page.goto(stack.site.url + path);
          expect(await textOf(page.locator('#signed-in-as')), path).toBe(`Signed in as ${MEMBER.name}`);
          const links = await navTexts(page);
          expect(links, path).not.toContain('Sign in');
          expect(links, path).toEqual(
            expect.arrayContaining(['Search', 'Compare', 'Submit', 'Portfolios', 'API keys']),
          );
          expect(links, path).not.toContain('Review queue');
        }
        await expectNoViolations(page, 'signed-in header');
        await saveScreenshot(page, 'header-member', { fullPage: false });
        // Sign out from the header of an ordinary page: a POST with the session's CSRF token.
        await clickAndWait(page, '#account button:has-text("Sign out")');
        expect(new URL(page.url()).pathname).toBe('/sign-out');
        expect(await textOf(page.locator('h1'))).toBe('You have signed out');
        expect(await navTexts(page)).toContain('Sign in');
        expect(await page.locator('#signed-in-as').count()).toBe(0);
        const cookies = await member.context.cookies(stack.site.url);
        expect(cookies.some((c) => c.name === 'costed_session')).toBe(false);
      });
    } finally {
      await member.close();
    }
  });

  it('shows a curator the review queue, with JavaScript off too', async () => {
    const curator = await launchBrowser({ javaScriptEnabled: false });
    const page = await curator.context.newPage();
    try {
      await withScreenshotOnFailure(page, 'header-curator', async () => {
        await signInThroughSite(page, stack.site.url, CURATOR, '/review');
        expect(await textOf(page.locator('#signed-in-as'))).toBe(`Signed in as ${CURATOR.name}`);
        const links = await navTexts(page);
        expect(links).toContain('Review queue');
        expect(links).not.toContain('Portfolios');
        expect(links).not.toContain('Sign in');
      });
    } finally {
      await curator.close();
    }
  });
});
