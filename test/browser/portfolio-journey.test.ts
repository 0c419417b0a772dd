/**
 * A commissioner reviews their council's services against the evidence, in Chromium, through the real API
 * and the built site: sign in → create a portfolio → upload the example CSV → read the flags → open a
 * service → record a decision (first without a rationale) → download the CSV export; a file with a bad row
 * shows its row and column; the same steps with JavaScript off; axe-core (WCAG 2.2 A/AA) on every page
 * state, errors included; and a member of another council gets the not-found page for the portfolio.
 * Then a service is added by the form (mistakes first), edited (an error only the API finds first) and a
 * review threshold moved (out of range first), each change seen in the flags, with and without JavaScript.
 *
 * The stack (API on a temporary data directory seeded from data/ with two councils, and the built site)
 * comes from the shared harness, `startStack`, which also adds the test users to their councils.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  describeViolations,
  type LaunchedBrowser,
  launchBrowser,
  REPO_ROOT,
  type RunningServer,
  type Stack,
  saveScreenshot,
  signInThroughSite,
  startStack,
  textOf,
  withScreenshotOnFailure,
} from './harness.ts';

const EXAMPLE_CSV = join(REPO_ROOT, 'data', 'templates', 'portfolio-example.csv');
const PASSWORD = 'correct horse battery staple';
const MEMBER = { email: 'commissioner@east-riding.example.org', name: 'Pat Commissioner' };
const OTHER = { email: 'commissioner@suffolk.example.org', name: 'Sam Other' };
const NO_COUNCIL = { email: 'visitor@example.org', name: 'Alex Visitor' };
const RATIONALE =
  'Outcomes for babies improved and the team is the only local offer; keep it and evaluate next year.';

let stack: Stack;
let api: RunningServer;
let site: RunningServer;
let browser: LaunchedBrowser;
let noJsBrowser: LaunchedBrowser;
let otherBrowser: LaunchedBrowser;

beforeAll(async () => {
  // The shared harness builds the site if stale, seeds a temporary data directory from data/ with the two
  // councils, starts the API and the built site, and adds the test users to their councils as an admin would.
  stack = await startStack({
    name: 'portfolio',
    organisations: [
      { id: 'east-riding', name: 'East Riding of Yorkshire Council', kind: 'council', gssCode: 'E06000011' },
      { id: 'suffolk', name: 'Suffolk County Council', kind: 'council', gssCode: 'E10000029' },
    ],
    users: [
      { ...MEMBER, password: PASSWORD, organisationId: 'east-riding' },
      { ...OTHER, password: PASSWORD, organisationId: 'suffolk' },
      { ...NO_COUNCIL, password: PASSWORD },
    ],
  });
  api = stack.api;
  site = stack.site;
  browser = await launchBrowser({ acceptDownloads: true });
  noJsBrowser = await launchBrowser({ javaScriptEnabled: false });
  otherBrowser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await noJsBrowser?.close();
  await otherBrowser?.close();
  await stack?.stop();
});

async function expectNoViolations(page: Page): Promise<void> {
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Watches a page for CSP refusals, which the strict policy reports on the console. */
function watchCsp(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

/** Submits the form that holds `button` and waits for the next page. */
async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

async function signIn(page: Page, path: string, email: string): Promise<void> {
  await signInThroughSite(page, site.url, { email, password: PASSWORD }, path);
  expect(new URL(page.url()).pathname).toBe(path);
}

/**
 * The journey up to a recorded decision, with or without JavaScript; returns the portfolio's path.
 * Axe runs on each state when `checkAxe` is set (once per page state is enough; the no-JS run repeats it).
 */
async function runJourney(context: BrowserContext, label: string, checkAxe: boolean): Promise<string> {
  const page = await context.newPage();
  const csp = watchCsp(page);
  let portfolioPath = '';
  await withScreenshotOnFailure(page, `portfolio-${label}`, async () => {
    await signIn(page, '/portfolios', MEMBER.email);
    expect(await textOf(page.locator('h1'))).toBe('Your service portfolios');
    if (checkAxe) await expectNoViolations(page);

    // Creating without a name: the error summary and the field say what to do.
    await submit(page, page.getByRole('button', { name: 'Create portfolio' }));
    expect(await page.title()).toMatch(/^Error: /);
    expect(await textOf(page.locator('.govuk-error-summary'))).toContain('Enter a name for the portfolio');
    expect(await textOf(page.locator('#name-error'))).toContain('Enter a name for the portfolio');
    if (checkAxe) await expectNoViolations(page);

    await page.fill('#name', `Children's services 2025-26 (${label})`);
    await submit(page, page.getByRole('button', { name: 'Create portfolio' }));
    portfolioPath = new URL(page.url()).pathname;
    expect(portfolioPath).toMatch(/^\/portfolios\/[0-9a-f-]{36}$/);
    expect(await textOf(page.locator('#no-services'))).toContain('no services yet');
    const templates = page.locator('#templates a');
    expect(await templates.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '/portfolios/templates/portfolio-template.csv',
      '/portfolios/templates/portfolio-template.xlsx',
    ]);
    if (checkAxe) await expectNoViolations(page);

    // A file with a bad amount in row 3: every problem listed with its row and column, nothing imported.
    const bad = readFileSync(EXAMPLE_CSV, 'utf8').replace('80000.50', 'about 80k');
    await page.setInputFiles('#file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await submit(page, page.getByRole('button', { name: 'Upload and review' }));
    const summary = await textOf(page.locator('.govuk-error-summary'));
    expect(summary).toContain('The file was not imported');
    expect(summary).toMatch(/row 3, column "annual_cost": .*about 80k/);
    expect(await textOf(page.locator('#file-error'))).toContain('Nothing was imported');
    expect(await page.locator('#no-services').count()).toBe(1);
    if (checkAxe) await expectNoViolations(page);
    if (checkAxe) await saveScreenshot(page, 'portfolio-upload-error');

    await page.setInputFiles('#file', EXAMPLE_CSV);
    await submit(page, page.getByRole('button', { name: 'Upload and review' }));
    expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('imported and reviewed');
    const table = await textOf(page.locator('#services'));
    expect(table).toContain('Family Support Team');
    expect(table).toContain('Youth Mentoring');
    expect(table).toContain('£250,000');
    // Both services have weak or missing evidence after years of delivery: a gap to fill, not a reason to cut.
    expect(await page.locator('#services .govuk-tag').count()).toBeGreaterThan(0);
    expect(await textOf(page.locator('#evaluate-note'))).toContain(
      'Missing evidence is not a reason to cut on its own',
    );
    expect(await textOf(page.locator('#method'))).toMatch(/Method .*rules 1\.0\.0/);
    expect(await textOf(page.locator('#method'))).toContain('12 months');
    if (checkAxe) await expectNoViolations(page);
    if (checkAxe) await saveScreenshot(page, 'portfolio-review');

    await submit(page, page.locator('#services a', { hasText: 'Family Support Team' }));
    expect(await textOf(page.locator('h1'))).toBe('Family Support Team');
    const flags = await textOf(page.locator('#flags'));
    expect(flags).toContain('Weak evidence after several years');
    expect(flags).toMatch(/Threshold: Years of delivery before weak evidence is flagged\s+3 years/);
    expect(await textOf(page.locator('#no-decisions'))).toContain('No decision');
    if (checkAxe) await expectNoViolations(page);
    if (checkAxe) await saveScreenshot(page, 'portfolio-service');

    // A decision without a rationale is refused, with the message on the field.
    await page.check('#decision');
    await submit(page, page.getByRole('button', { name: 'Record decision' }));
    expect(await page.title()).toMatch(/^Error: /);
    const decisionErrors = await textOf(page.locator('.govuk-error-summary'));
    expect(decisionErrors).toMatch(/at least 40 characters/);
    expect(await textOf(page.locator('#rationale-error'))).toMatch(/at least 40 characters/);
    expect(await page.locator('#decision').isChecked()).toBe(true);
    if (checkAxe) await expectNoViolations(page);
    if (checkAxe) await saveScreenshot(page, 'portfolio-decision-error');

    await page.fill('#rationale', RATIONALE);
    await submit(page, page.getByRole('button', { name: 'Record decision' }));
    expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('decision was recorded');
    const history = await textOf(page.locator('#decisions'));
    expect(history).toContain('Keep');
    expect(history).toContain(RATIONALE);
    expect(history).toContain(MEMBER.name);
    if (checkAxe) await expectNoViolations(page);
    expect(csp).toEqual([]);
  });
  await page.close();
  return portfolioPath;
}

let journeyPath = '';

describe('decommissioning review in Chromium', { timeout: 120_000 }, () => {
  it('signs in, creates a portfolio, uploads, reads the flags and records a decision, with JavaScript', async () => {
    journeyPath = await runJourney(browser.context, 'js', true);
  });

  it('downloads the review as CSV with the decision in it, and the template from the site', async () => {
    const page = await browser.context.newPage();
    await page.goto(site.url + journeyPath, { waitUntil: 'load' });
    await withScreenshotOnFailure(page, 'portfolio-export', async () => {
      expect(await textOf(page.locator('#services'))).toMatch(/Keep, \d+ \w+ \d{4}/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#exports a', { hasText: 'CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('portfolio-review.csv');
      const csv = await readFile((await download.path()) ?? '', 'utf8');
      expect(csv.split('\n')[0]).toContain('service_id');
      expect(csv).toContain('Family Support Team');
      expect(csv).toContain(RATIONALE);

      const [template] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#templates a', { hasText: 'CSV' }).click(),
      ]);
      const header = (await readFile((await template.path()) ?? '', 'utf8')).split('\n')[0] ?? '';
      expect(header).toContain('annual_cost');

      // The list now shows the portfolio with its number of services.
      await page.goto(`${site.url}/portfolios`, { waitUntil: 'load' });
      expect(await textOf(page.locator('#portfolios'))).toMatch(
        /Children's services 2025-26 \(js\)\s+east-riding\s+2/,
      );
      await expectNoViolations(page);

      // A price year the API refuses: the review still shows (at the default year) and the field says why.
      const refused = await page.goto(`${site.url}${journeyPath}?priceYear=next+year`, { waitUntil: 'load' });
      expect(refused?.status()).toBe(200);
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('#priceYear-error').count()).toBe(1);
      expect(await page.locator('.govuk-error-summary a[href="#priceYear"]').count()).toBe(1);
      expect(await textOf(page.locator('#services'))).toContain('Family Support Team');
      await expectNoViolations(page);
    });
    await page.close();
  });

  it('does the same with JavaScript turned off', async () => {
    await runJourney(noJsBrowser.context, 'no-js', false);
  });

  it("shows another council's member the not-found page for the portfolio and its services", async () => {
    const page = await otherBrowser.context.newPage();
    await withScreenshotOnFailure(page, 'portfolio-other-council', async () => {
      await signIn(page, '/portfolios', OTHER.email);
      expect(await textOf(page.locator('#no-portfolios'))).toContain('no portfolios yet');
      const response = await page.goto(site.url + journeyPath, { waitUntil: 'load' });
      expect(response?.status()).toBe(404);
      expect(await textOf(page.locator('h1'))).toBe('Page not found');
      const exported = await page.request.get(`${site.url}${journeyPath}/review.csv`);
      expect(exported.status()).toBe(404);
      await expectNoViolations(page);
    });
    await page.close();
  });

  it('tells a signed-in user without a council how to get access, and hides portfolios from them', async () => {
    // axe needs JavaScript, so this runs in the JS browser, signed out of the other council first.
    await otherBrowser.context.clearCookies();
    const page = await otherBrowser.context.newPage();
    await withScreenshotOnFailure(page, 'portfolio-no-council', async () => {
      await signIn(page, '/portfolios', NO_COUNCIL.email);
      expect(await textOf(page.locator('#no-council'))).toContain('not a member of a council');
      expect(await page.locator('form[action="/portfolios"]').count()).toBe(0);
      await expectNoViolations(page);
      const response = await page.goto(site.url + journeyPath, { waitUntil: 'load' });
      expect(response?.status()).toBe(404);
    });
    await page.close();
  });

  it('sends a visitor who is not signed in to sign in, coming back to the page afterwards', async () => {
    const response = await fetch(`${site.url}${journeyPath}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/sign-in?returnTo=${encodeURIComponent(journeyPath)}`);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Entering and editing services by form, and the review thresholds (issue 7, site side).

const SERVICE = 'Edge of Care Outreach';

/** A contract end date about six months from today: inside the default 12-month window, outside 3 months. */
function contractEndInSixMonths(): { day: string; month: string; year: string } {
  const date = new Date();
  date.setUTCDate(15);
  date.setUTCMonth(date.getUTCMonth() + 6);
  return { day: '15', month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
}

/** Opens `path`, signing in as `email` first if the site asks. */
async function openSignedIn(page: Page, path: string, email: string): Promise<void> {
  await page.goto(site.url + path, { waitUntil: 'load' });
  if (new URL(page.url()).pathname === '/sign-in') {
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await submit(page, page.getByRole('button', { name: 'Sign in' }));
  }
  expect(new URL(page.url()).pathname).toBe(path);
}

/** The flags of one service in the portfolio table. */
function flagsInTable(page: Page, service: string): Promise<string> {
  return textOf(page.locator('#services tbody tr', { hasText: service }).locator('td').nth(1));
}

let editingPortfolioPath = '';
let editingServicePath = '';

/**
 * Adds a service by the form (first with mistakes), edits it, and moves a threshold (first out of range),
 * checking the review follows each change. Axe runs on every new page state when `checkAxe` is set.
 */
async function runEditing(context: BrowserContext, label: string, checkAxe: boolean): Promise<void> {
  const page = await context.newPage();
  const csp = watchCsp(page);
  const check = async (name?: string) => {
    if (checkAxe) await expectNoViolations(page);
    if (checkAxe && name) await saveScreenshot(page, name);
  };
  await withScreenshotOnFailure(page, `portfolio-editing-${label}`, async () => {
    await openSignedIn(page, '/portfolios', MEMBER.email);
    await page.fill('#name', `Services entered by hand (${label})`);
    await submit(page, page.getByRole('button', { name: 'Create portfolio' }));
    const portfolioPath = new URL(page.url()).pathname;
    expect(await textOf(page.locator('#no-services'))).toContain('no services yet');

    // "Add a service" from the portfolio page; the form with every field, three indicator rows.
    await submit(page, page.locator('#add-service'));
    expect(new URL(page.url()).pathname).toBe(`${portfolioPath}/services/new`);
    expect(await textOf(page.locator('h1'))).toBe('Add a service');
    expect(await page.locator('select[id$="-indicator"]').count()).toBe(3);
    expect(await textOf(page.locator('#indicators-hint'))).toContain('Up to 3 outcome indicators');
    await check('portfolio-service-new');

    // Mistakes first: no name, a cost that is not money, a date that does not exist, a row with no indicator.
    await page.fill('#annualCost', 'about 12k');
    await page.fill('#annualCostPriceYear', '2024-25');
    await page.fill('#contractEnd-day', '31');
    await page.fill('#contractEnd-month', '2');
    await page.fill('#contractEnd-year', '2027');
    await page.fill('#indicators-1-baselineValue', '40');
    await page.fill('#indicators-1-baselineYear', '2021-22');
    await page.fill('#caseStudySlugs', '/case-studies/no-such-study');
    const [refused] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Add service' }).click(),
    ]);
    expect(refused?.status()).toBe(422);
    expect(await page.title()).toMatch(/^Error: Add a service/);
    const summary = await textOf(page.locator('.govuk-error-summary'));
    expect(summary).toContain('Enter the name of the service');
    expect(summary).toContain('Annual cost must be an amount of money in pounds and pence, like £12,345.67');
    expect(summary).toContain('Contract end date must be a real date');
    expect(summary).toContain('Choose the outcome indicator for row 1');
    expect(await textOf(page.locator('#caseStudySlugs-error'))).toContain(
      'there is no case study at /case-studies/no-such-study',
    );
    expect(await textOf(page.locator('#name-error'))).toContain('Enter the name of the service');
    expect(await textOf(page.locator('#annualCost-error'))).toContain('Annual cost must be an amount');
    expect(await textOf(page.locator('#contractEnd-error'))).toContain('Contract end date');
    expect(await textOf(page.locator('#indicators-1-indicator-error'))).toContain(
      'Choose the outcome indicator',
    );
    // Each summary line links to its field, and what was typed is shown back.
    expect(await page.locator('.govuk-error-summary a[href="#annualCost"]').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary a[href="#contractEnd-day"]').count()).toBe(1);
    expect(await page.inputValue('#annualCost')).toBe('about 12k');
    await check('portfolio-service-new-errors');

    // Corrected: the service is added and reviewed at once; nothing was written by the refused post.
    const end = contractEndInSixMonths();
    await page.fill('#name', SERVICE);
    await page.fill('#provider', 'Council in-house');
    await page.fill('#annualCost', '£12,345.67');
    await page.fill('#contractEnd-day', end.day);
    await page.fill('#contractEnd-month', end.month);
    await page.fill('#contractEnd-year', end.year);
    await page.fill('#indicators-1-baselineValue', '');
    await page.fill('#indicators-1-baselineYear', '');
    await page.fill('#cohortDescription', 'Adolescents at the edge of care and their families');
    await page.fill('#ageMin', '11');
    await page.fill('#ageMax', '17');
    await page.check('#needLevels-3');
    await page.fill('#participantsPerYear', '45');
    await page.check('#evidenceLevel-2'); // level 0
    await page.fill('#deliveryStartYear', '2018');
    await page.fill('#caseStudySlugs', 'http://localhost:4321/case-studies/east-riding-early-help-shift');
    await submit(page, page.getByRole('button', { name: 'Add service' }));
    editingServicePath = new URL(page.url()).pathname;
    expect(editingServicePath).toMatch(/\/services\/[0-9a-f-]{36}$/);
    expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('service was added');
    expect(await textOf(page.locator('h1'))).toBe(SERVICE);
    expect(await textOf(page.locator('#service-facts'))).toContain('£12,346 (2024-25 prices)');
    expect(
      await page.locator('#service-facts a[href="/case-studies/east-riding-early-help-shift"]').count(),
    ).toBe(1);
    let flags = await textOf(page.locator('#flags'));
    expect(flags).toContain('No outcome data');
    expect(flags).toContain('Weak evidence after several years');
    expect(flags).toContain('Contract ending soon');
    await check();

    await page.goto(site.url + portfolioPath, { waitUntil: 'load' });
    expect(await page.locator('#services tbody tr').count()).toBe(1);

    // "Change service details": the form starts from what is stored, pounds and pence as typed.
    await page.goto(site.url + editingServicePath, { waitUntil: 'load' });
    await submit(page, page.locator('#change-service'));
    expect(new URL(page.url()).pathname).toBe(`${editingServicePath}/edit`);
    expect(await textOf(page.locator('h1'))).toBe('Change service details');
    expect(await page.inputValue('#annualCost')).toBe('12,345.67');
    expect(await page.inputValue('#annualCostPriceYear')).toBe('2024-25');
    expect(await page.inputValue('#contractEnd-year')).toBe(end.year);
    expect(await page.locator('#evidenceLevel-2').isChecked()).toBe(true);
    await check('portfolio-service-edit');

    // The same indicator twice: only the API knows, and its error lands on the second row's field.
    for (const row of [1, 2]) {
      await page.selectOption(`#indicators-${row}-indicator`, 'care-proceedings');
      await page.fill(`#indicators-${row}-baselineValue`, '40');
      await page.fill(`#indicators-${row}-baselineYear`, '2021-22');
      await page.fill(`#indicators-${row}-latestValue`, '30');
      await page.fill(`#indicators-${row}-latestYear`, '2023-24');
    }
    await submit(page, page.getByRole('button', { name: 'Save changes' }));
    expect(await page.title()).toMatch(/^Error: /);
    expect(await textOf(page.locator('#indicators-2-indicator-error'))).toMatch(
      /Indicator 2: .*listed twice/,
    );
    expect(await page.locator('.govuk-error-summary a[href="#indicators-2-indicator"]').count()).toBe(1);
    await check('portfolio-service-edit-error');

    // Corrected: outcome data and stronger evidence clear two flags; the contract still ends soon.
    await page.selectOption('#indicators-2-indicator', '');
    for (const part of ['baselineValue', 'baselineYear', 'latestValue', 'latestYear']) {
      await page.fill(`#indicators-2-${part}`, '');
    }
    await page.check('#evidenceLevel-5'); // level 3
    await submit(page, page.getByRole('button', { name: 'Save changes' }));
    expect(new URL(page.url()).pathname).toBe(editingServicePath);
    expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('service details were saved');
    expect(await textOf(page.locator('#service-indicators'))).toMatch(
      /Care proceedings.*: 40 \(2021-22\) to 30 \(2023-24\)/,
    );
    flags = await textOf(page.locator('#flags'));
    expect(flags).not.toContain('No outcome data');
    expect(flags).not.toContain('Weak evidence after several years');
    expect(flags).toContain('Contract ending soon');
    await check('portfolio-service-changed');

    // Thresholds: all defaults at first; the portfolio page links to the thresholds page.
    await page.goto(site.url + portfolioPath, { waitUntil: 'load' });
    expect(await textOf(page.locator('#thresholds-state'))).toContain('default thresholds');
    expect(await flagsInTable(page, SERVICE)).toContain('Contract ending soon');
    await submit(page, page.locator('#change-thresholds'));
    expect(new URL(page.url()).pathname).toBe(`${portfolioPath}/thresholds`);
    expect(await page.inputValue('#contractWindowMonths')).toBe('12');
    expect(await textOf(page.locator('#contractWindowMonths-hint'))).toContain('Default: 12 months');
    await check('portfolio-thresholds');

    // Out of range: the field says the bounds, and nothing changes.
    await page.fill('#contractWindowMonths', '121');
    await submit(page, page.getByRole('button', { name: 'Save thresholds' }));
    expect(await page.title()).toMatch(/^Error: Review thresholds/);
    expect(await textOf(page.locator('#contractWindowMonths-error'))).toContain(
      'Decision window before a contract ends must be between 0 months and 120 months',
    );
    expect(await page.locator('.govuk-error-summary a[href="#contractWindowMonths"]').count()).toBe(1);
    expect(await page.inputValue('#contractWindowMonths')).toBe('121');
    await check('portfolio-thresholds-error');

    // A 3-month window: the contract (about six months away) is no longer in it, and the flag goes.
    await page.fill('#contractWindowMonths', '3');
    await submit(page, page.getByRole('button', { name: 'Save thresholds' }));
    expect(new URL(page.url()).pathname).toBe(portfolioPath);
    expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('thresholds were saved');
    expect(await textOf(page.locator('#thresholds-differ'))).toContain(
      'Decision window before a contract ends: 3 months (default 12 months)',
    );
    expect(await flagsInTable(page, SERVICE)).not.toContain('Contract ending soon');
    expect(await textOf(page.locator('#method'))).toContain('3 months');
    await check('portfolio-thresholds-changed');

    // Reset to defaults: the flag comes back.
    await page.goto(`${site.url}${portfolioPath}/thresholds`, { waitUntil: 'load' });
    expect(await page.inputValue('#contractWindowMonths')).toBe('3');
    expect(await textOf(page.locator('#thresholds-state'))).toContain('One threshold differs');
    await submit(page, page.getByRole('button', { name: 'Reset to defaults' }));
    expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('reset to the defaults');
    expect(await textOf(page.locator('#thresholds-state'))).toContain('default thresholds');
    expect(await flagsInTable(page, SERVICE)).toContain('Contract ending soon');
    expect(csp).toEqual([]);
    editingPortfolioPath = portfolioPath;
  });
  await page.close();
}

interface JsonSchema {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  type?: string;
}

describe('entering and editing services and thresholds in Chromium', { timeout: 180_000 }, () => {
  it('adds a service by the form (errors first), edits it and moves a threshold, with JavaScript', async () => {
    await runEditing(browser.context, 'js', true);
  });

  it('does the same with JavaScript turned off', async () => {
    await runEditing(noJsBrowser.context, 'no-js', false);
  });

  it('shows every threshold with the default and bounds the API documents', async () => {
    // The site keeps its own copy of the thresholds' defaults and bounds (it reaches the API only over
    // HTTP); this compares what the page says with the API's OpenAPI description of PATCH /v1/portfolios/{id}.
    const openapi = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
      >;
      components?: { schemas?: Record<string, JsonSchema> };
    };
    const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
      if (!schema?.$ref) return schema;
      return openapi.components?.schemas?.[schema.$ref.split('/').pop() ?? ''];
    };
    const body = resolve(
      openapi.paths['/v1/portfolios/{id}']?.patch?.requestBody?.content['application/json']?.schema,
    );
    const thresholds = resolve(body?.properties?.thresholds);
    const properties = Object.entries(thresholds?.properties ?? {});
    expect(properties.length).toBe(9);

    const page = await browser.context.newPage();
    await withScreenshotOnFailure(page, 'portfolio-thresholds-contract', async () => {
      await openSignedIn(page, `${editingPortfolioPath}/thresholds`, MEMBER.email);
      for (const [key, raw] of properties) {
        const schema = resolve(raw) ?? {};
        const hint = await textOf(page.locator(`#${key}-hint`));
        expect(hint, key).toMatch(new RegExp(`Default: ${String(schema.default).replace('.', '\\.')}\\b`));
        // zod writes an integer with no upper bound as maximum: Number.MAX_SAFE_INTEGER.
        const unbounded = schema.maximum === undefined || schema.maximum >= Number.MAX_SAFE_INTEGER;
        const allowed = unbounded
          ? `Allowed: ${schema.minimum} or more`
          : `Allowed: ${schema.minimum} to ${schema.maximum}`;
        expect(hint, key).toContain(allowed);
      }
    });
    await page.close();
  });

  it("shows another council's member the not-found page for the new pages", async () => {
    await otherBrowser.context.clearCookies();
    const page = await otherBrowser.context.newPage();
    await withScreenshotOnFailure(page, 'portfolio-editing-other-council', async () => {
      await openSignedIn(page, '/portfolios', OTHER.email);
      for (const path of [
        `${editingPortfolioPath}/services/new`,
        `${editingServicePath}/edit`,
        `${editingServicePath}/remove`,
        `${editingPortfolioPath}/thresholds`,
      ]) {
        const response = await page.goto(site.url + path, { waitUntil: 'load' });
        expect(response?.status(), path).toBe(404);
        expect(await textOf(page.locator('h1')), path).toBe('Page not found');
      }
      await expectNoViolations(page);
    });
    await page.close();
  });

  it('removes a service after asking once; "No" keeps it, and the decisions stay on record', async () => {
    const page = await browser.context.newPage();
    await withScreenshotOnFailure(page, 'portfolio-remove-service', async () => {
      await openSignedIn(page, editingServicePath, MEMBER.email);
      await submit(page, page.locator('#remove-service'));
      expect(new URL(page.url()).pathname).toBe(`${editingServicePath}/remove`);
      expect(await textOf(page.locator('h1'))).toBe(`Remove ${SERVICE} from this portfolio?`);
      await expectNoViolations(page);
      await saveScreenshot(page, 'portfolio-remove-service-confirm');

      await submit(page, page.getByRole('link', { name: 'No, keep it' }));
      expect(new URL(page.url()).pathname).toBe(editingServicePath);

      await submit(page, page.locator('#remove-service'));
      await submit(page, page.getByRole('button', { name: 'Yes, remove it' }));
      const portfolioPath = new URL(page.url()).pathname;
      expect(editingServicePath.startsWith(`${portfolioPath}/services/`)).toBe(true);
      expect(await textOf(page.locator('#removed-banner'))).toBe(
        `${SERVICE} was removed. The decisions recorded about it stay in the record.`,
      );
      expect(await page.locator('#services tbody tr', { hasText: SERVICE }).count()).toBe(0);
      await expectNoViolations(page);
      // The service's pages are gone with it.
      const gone = await page.goto(site.url + editingServicePath, { waitUntil: 'load' });
      expect(gone?.status()).toBe(404);
    });
    await page.close();
  });
});
