/**
 * Compare and Appraise in Chromium against the real API and the built site: three seed case studies side by
 * side at 2024-25 prices; two test case studies that share an outcome, for the cost-effectiveness plane and
 * the API's reading of dominance; East Riding localised to Suffolk (no reported cost, so break-even only);
 * a case study that cannot be localised (422); and an own-figures appraisal with a validation error and
 * then success — with JavaScript on and off, and axe-core (WCAG 2.2 A/AA) on every state.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  describeViolations,
  type LaunchedBrowser,
  launchBrowser,
  makeCostedCopies,
  type Stack,
  saveScreenshot,
  startStack,
  textOf,
  withScreenshotOnFailure,
} from './harness.ts';

const THREE = ['east-riding-early-help-shift', 'hackney-learning-trust', 'north-yorkshire-no-wrong-door'];
const CHEAP = 'test-compare-cheaper-team';
const DEAR = 'test-compare-dearer-team';
const SUFFOLK = 'E10000029';

let stack: Stack;
let browser: LaunchedBrowser;
let noJsBrowser: LaunchedBrowser;

beforeAll(async () => {
  stack = await startStack({
    name: 'compare',
    extraCaseStudies: (evidence) => {
      const template = evidence.caseStudies.find((c) => c.value.slug === THREE[0]);
      if (!template) throw new Error(`${THREE[0]} is not in data/`);
      // The cheaper one improves more, so the dearer one is dominated.
      return makeCostedCopies(template.value, [
        { slug: CHEAP, title: 'Test: a cheaper early help team', pounds: 500_000, followUp: 45 },
        { slug: DEAR, title: 'Test: a dearer early help team', pounds: 900_000, followUp: 75 },
      ]);
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

/**
 * axe runs in the page, so it needs JavaScript; with JavaScript off the same server-rendered states are
 * checked by the JavaScript-on runs of the same steps.
 */
async function expectNoViolations(page: Page): Promise<void> {
  if (page.context() === noJsBrowser?.context) return;
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function apiJson<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(stack.api.url + path, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as T;
}

const pounds = (pence: number) => `£${Math.round(pence / 100).toLocaleString('en-GB')}`.replace('£-', '-£');

/** Picks three seed case studies and 2024-25 on the compare page, and reads the side-by-side table. */
async function compareThree(context: BrowserContext, label: string): Promise<void> {
  const { page, cspViolations } = await stack.openSite(context, '/compare');
  await withScreenshotOnFailure(page, `compare-${label}`, async () => {
    await expectNoViolations(page);
    for (const [i, slug] of THREE.entries()) await page.selectOption(`#slug-${i + 1}`, slug);
    await page.selectOption('#priceYear', '2024-25');
    await Promise.all([page.waitForURL(/\/compare\?slug=/), page.click('button:has-text("Compare")')]);
    const table = page.locator('#side-by-side');
    expect(await textOf(table.locator('caption'))).toBe('3 case studies, costs at 2024-25 prices');
    const fromApi = await apiJson<{
      caseStudies: { slug: string; costs: { total: { pence: number } | null } }[];
    }>(`/v1/compare?slugs=${THREE.join(',')}&priceYear=2024-25`);
    const hackney = fromApi.caseStudies.find((c) => c.slug === 'hackney-learning-trust');
    const total = await textOf(table.locator('tr', { hasText: 'Total cost' }));
    expect(total).toContain(`At least ${pounds(hackney?.costs.total?.pence ?? 0)}`);
    // Unreported costs and outcomes are "Not reported", never £0.
    expect(total).toContain('Not reported');
    expect(await textOf(table)).not.toMatch(/£0\b/);
    expect(await textOf(table.locator('tr', { hasText: 'Cost per participant' }))).toContain('Not reported');
    expect(await textOf(table.locator('tr', { hasText: 'Care proceedings for children under 2' }))).toContain(
      '95 (2012) to 45 (2014)',
    );
    expect(await textOf(table.locator('tr', { hasText: 'Evidence' }))).toContain('Level 1: Before and after');
    expect(await textOf(page.locator('#no-plane'))).toContain('share no outcome measure');
    expect(await textOf(page.locator('#method-stamp'))).toContain('method version 1.0.0');
    expect(cspViolations).toEqual([]);
    await expectNoViolations(page);
  });
  await saveScreenshot(page, `compare-three-${label}`);
  await page.close();
}

/** Own figures: a horizon of 0 is refused by the API and shown on its field; then a valid plan appraises. */
async function appraiseOwnFigures(context: BrowserContext, label: string): Promise<void> {
  const { page, cspViolations } = await stack.openSite(context, '/appraise');
  await withScreenshotOnFailure(page, `own-figures-${label}`, async () => {
    await page.fill('#o-label', 'Edge of care team');
    await page.fill('#o-horizonYears', '0');
    await page.fill('#o-setUpCost', '100,000');
    await page.fill('#o-runningCost', '200000');
    await page.selectOption('#o-unitCostId', 'lac-average-fiscal-per-year');
    await page.fill('#o-outcomesPerYear', '4');
    await page.fill('#o-outcomesLow', '2');
    await page.fill('#o-outcomesHigh', '6');
    await page.fill('#o-seed', '7');
    await page.fill('#o-iterations', '2000');
    const [refused] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/appraise?form=own') && r.request().isNavigationRequest(),
      ),
      page.click('button:has-text("Appraise")'),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.locator('.govuk-error-summary');
    expect(await textOf(summary)).toContain('Years to appraise must be 1 or more');
    expect(await summary.locator('a').first().getAttribute('href')).toBe('#o-horizonYears');
    expect(await textOf(page.locator('#o-horizonYears-error'))).toContain(
      'Years to appraise must be 1 or more',
    );
    // What the user typed is kept.
    expect(await page.locator('#o-setUpCost').inputValue()).toBe('100,000');
    expect(await page.locator('#o-unitCostId').inputValue()).toBe('lac-average-fiscal-per-year');
    await expectNoViolations(page);
    await saveScreenshot(page, `own-figures-error-${label}`);

    await page.fill('#o-horizonYears', '5');
    const [accepted] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/appraise?form=own') && r.request().isNavigationRequest(),
      ),
      page.click('button:has-text("Appraise")'),
    ]);
    await page.waitForLoadState('load');
    expect(accepted.status()).toBe(200);
    const fromApi = await apiJson<{
      appraisal: { npv: { pence: number } };
      simulation: { probabilityNpvPositive: number; npv: { p10: { pence: number }; p90: { pence: number } } };
    }>('/v1/appraisals', {
      scenario: {
        label: 'Edge of care team',
        priceYear: '2024-25',
        horizonYears: 5,
        costs: [
          { label: 'Set-up', kind: 'set-up', amount: { pence: 10_000_000, priceYear: '2024-25' } },
          { label: 'Running costs', kind: 'recurring', amount: { pence: 20_000_000, priceYear: '2024-25' } },
        ],
        benefits: [
          {
            label: 'Outcomes avoided',
            outcomesPerYear: { type: 'triangular', low: 2, likely: 4, high: 6 },
            valuation: { unitCostId: 'lac-average-fiscal-per-year' },
            startYear: 1,
            durationYears: 4,
          },
        ],
      },
      monteCarlo: { seed: 7, iterations: 2000 },
    });
    const results = page.locator('#own-results');
    expect(await textOf(results.locator('h3').first())).toBe('Results: Edge of care team');
    const figures = await textOf(results.locator('.govuk-summary-list'));
    expect(figures).toContain(`${pounds(fromApi.appraisal.npv.pence)} (2024-25 prices)`);
    expect(figures).toMatch(/Benefit-cost ratio \(BCR\)\s+\d\.\d\d/);
    const probability = `${(fromApi.simulation.probabilityNpvPositive * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
    expect(figures).toMatch(
      new RegExp(`Probability of a positive return\\s+${probability.replace('.', '\\.')}`),
    );
    expect(figures).toContain(
      `${pounds(fromApi.simulation.npv.p10.pence)} to ${pounds(fromApi.simulation.npv.p90.pence)}`,
    );
    expect(figures).toMatch(/Discounted payback\s+(Year \d|Does not pay back)/);
    expect(figures).toMatch(/Break-even effect\s+Breaks even at [\d.]+% of the outcomes assumed/);
    expect(await results.locator('figure svg[role=img] rect').count()).toBe(5);
    expect(await textOf(results.locator('figcaption'))).toContain('Cumulative discounted net benefit');
    const stamp = await textOf(page.locator('#own-appraisal-stamp'));
    expect(stamp).toContain('method version 1.0.0');
    expect(stamp).toContain('Simulation seed 7, 2,000 iterations');
    expect(stamp).toMatch(/Discounting: standard schedule/);
    expect(cspViolations).toEqual([]);
    await expectNoViolations(page);
  });
  await saveScreenshot(page, `own-figures-${label}`);
  await page.close();
}

describe('compare and appraise in Chromium', { timeout: 120_000 }, () => {
  it('compares three seed case studies at 2024-25 prices, with JavaScript', async () => {
    await compareThree(browser.context, 'js');
  });

  it('compares the same three with JavaScript turned off', async () => {
    await compareThree(noJsBrowser.context, 'no-js');
  });

  it('draws the cost-effectiveness plane and reads dominance in plain English where an outcome is shared', async () => {
    const { page, response } = await stack.openSite(
      browser.context,
      `/compare?slugs=${CHEAP},${DEAR},${THREE[0]}&priceYear=2024-25`,
    );
    await withScreenshotOnFailure(page, 'compare-plane', async () => {
      expect(response?.status()).toBe(200);
      const fromApi = await apiJson<{
        sharedIndicators: { readings: string[]; options: { slug: string; status: string }[] }[];
      }>(`/v1/compare?slugs=${CHEAP},${DEAR},${THREE[0]}&priceYear=2024-25`);
      const shared = fromApi.sharedIndicators[0];
      expect(shared?.options.find((o) => o.slug === DEAR)?.status).toBe('strictly-dominated');
      expect(await textOf(page.locator('#readings-0'))).toBe((shared?.readings ?? []).join('\n'));
      const plane = page.locator('#plane-0-title');
      expect(await plane.count()).toBe(1);
      expect(await page.locator('svg[aria-labelledby="plane-0-title"] circle').count()).toBe(2);
      const description = await textOf(page.locator('#plane-0-desc'));
      expect(description).toContain(
        'A, Test: a cheaper early help team: £500,000 for 50 children or cases, on the frontier.',
      );
      expect(description).toContain(
        'B, Test: a dearer early help team: £900,000 for 20 children or cases, dominated',
      );
      const dataTable = await textOf(page.locator('table', { hasText: "The plane's data" }));
      expect(dataTable).toContain('Dominated by Test: a cheaper early help team');
      // A dominated pair has no ratio to read: the page says so instead of a negative ICER.
      const icers = await textOf(page.locator('table', { hasText: 'Incremental cost-effectiveness ratios' }));
      expect(icers).toContain('None: it costs more and achieves less');
      expect(icers).not.toMatch(/-£/);
      // East Riding reports no cost, so it is left off the plane and says why.
      expect(await textOf(page.locator('main'))).toContain('Left off the plane: East Riding of Yorkshire');
      await expectNoViolations(page);
    });
    await saveScreenshot(page, 'compare-plane');
    await page.close();
  });

  it('shows an error summary when fewer than two case studies are chosen', async () => {
    const { page, response } = await stack.openSite(
      browser.context,
      `/compare?slug=${THREE[0]}&slug=&priceYear=2024-25`,
    );
    await withScreenshotOnFailure(page, 'compare-error', async () => {
      expect(response?.status()).toBe(400);
      expect(await page.title()).toMatch(/^Error: Compare/);
      expect(await textOf(page.locator('.govuk-error-summary'))).toContain('Select at least 2 case studies');
      expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#slug-1');
      expect(await page.locator('#slug-1').inputValue()).toBe(THREE[0]);
      await expectNoViolations(page);
    });
    await page.close();
  });

  for (const [context, label] of [
    [() => browser.context, 'js'],
    [() => noJsBrowser.context, 'no-js'],
  ] as const) {
    it(`localises East Riding to Suffolk: break-even only, with what is missing explained (${label})`, async () => {
      const { page } = await stack.openSite(context(), '/appraise');
      await withScreenshotOnFailure(page, `localise-${label}`, async () => {
        await expectNoViolations(page);
        await page.selectOption('#l-case', THREE[0] as string);
        await page.selectOption('#l-council', SUFFOLK);
        await Promise.all([page.waitForURL(/case=east-riding/), page.click('button:has-text("Localise")')]);
        const fromApi = await apiJson<{
          breakEven: { maximumCostPerYear: { pence: number } };
          missing: string[];
        }>(`/v1/case-studies/${THREE[0]}/localise`, {
          targetCouncil: SUFFOLK,
          priceYear: '2024-25',
          horizonYears: 5,
        });
        const results = page.locator('#localise-results');
        expect(await textOf(results.locator('h3').first())).toBe('What it might return in Suffolk');
        expect(await textOf(page.locator('#localise-missing'))).toContain(fromApi.missing[0] ?? 'missing');
        expect(await textOf(page.locator('#localise-break-even'))).toContain(
          `${pounds(fromApi.breakEven.maximumCostPerYear.pence)} (2024-25 prices)`,
        );
        // Never a made-up result: no NPV, BCR or chart without a reported cost.
        expect(await textOf(results)).not.toContain('Net present value');
        expect(await results.locator('svg').count()).toBe(0);
        expect(await textOf(page.locator('#localise-left-out'))).toContain('not reported by the source');
        expect(await textOf(page.locator('#localise-stamp'))).toContain('method version 1.0.0');
        await expectNoViolations(page);
      });
      await saveScreenshot(page, `localise-east-riding-suffolk-${label}`);
      await page.close();
    });

    it(`appraises own figures: a validation error, then results (${label})`, async () => {
      await appraiseOwnFigures(context(), label);
    });
  }

  it('localises a case study with a reported cost: NPV, simulation, chart and stamp, as the API computed them', async () => {
    const path = `/appraise?case=${CHEAP}&council=${SUFFOLK}&priceYear=2024-25&horizonYears=6&seed=3&iterations=1000`;
    const { page, response } = await stack.openSite(browser.context, path);
    await withScreenshotOnFailure(page, 'localise-full', async () => {
      expect(response?.status()).toBe(200);
      const fromApi = await apiJson<{
        appraisal: { npv: { pence: number }; years: unknown[] };
        simulation: { probabilityNpvPositive: number };
      }>(`/v1/case-studies/${CHEAP}/localise`, {
        targetCouncil: SUFFOLK,
        priceYear: '2024-25',
        horizonYears: 6,
        monteCarlo: { seed: 3, iterations: 1000 },
      });
      const results = page.locator('#localise-results');
      const figures = await textOf(results.locator('.govuk-summary-list'));
      expect(figures).toContain(`${pounds(fromApi.appraisal.npv.pence)} (2024-25 prices)`);
      expect(figures).toMatch(/Probability of a positive return\s+[\d.]+%/);
      expect(figures).toMatch(/NPV range \(P10 to P90\)/);
      expect(await results.locator('figure svg[role=img] rect').count()).toBe(fromApi.appraisal.years.length);
      expect(await page.locator('#localise-missing').count()).toBe(0);
      expect(await textOf(page.locator('#localise-appraisal-stamp'))).toContain(
        'Simulation seed 3, 1,000 iterations',
      );
      await expectNoViolations(page);
    });
    await saveScreenshot(page, 'localise-full');
    await page.close();
  });

  it('explains when a case study cannot be localised (422) and when fields are missing', async () => {
    const { page, response } = await stack.openSite(
      browser.context,
      `/appraise?case=hackney-learning-trust&council=${SUFFOLK}&priceYear=2024-25&horizonYears=5`,
    );
    await withScreenshotOnFailure(page, 'localise-422', async () => {
      expect(response?.status()).toBe(422);
      expect(await textOf(page.locator('#localise-refusal-heading'))).toBe(
        'This case study cannot be appraised for your council',
      );
      expect(await textOf(page.locator('#localise-results'))).toContain(
        'cannot be appraised for another council',
      );
      await expectNoViolations(page);
    });
    await page.close();
    const missing = await stack.openSite(browser.context, '/appraise?case=&council=&horizonYears=five');
    await withScreenshotOnFailure(missing.page, 'localise-missing-fields', async () => {
      expect(missing.response?.status()).toBe(400);
      const summary = await textOf(missing.page.locator('.govuk-error-summary'));
      expect(summary).toContain('Select a case study');
      expect(summary).toContain('Select your council');
      expect(summary).toContain('Enter the years to appraise as a whole number');
      await expectNoViolations(missing.page);
    });
    await missing.page.close();
  });
});
