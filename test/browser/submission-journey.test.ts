/**
 * The council and curator journeys in Chromium against the real API and the built site: a council member
 * signs in, starts a submission, meets a validation error and a personal-data refusal (both at the field),
 * saves a draft, checks answers and submits; a curator requests changes; the member edits and resubmits; the
 * curator rates the evidence and publishes; the case study appears in search. Plus API keys, withdrawal,
 * a keyboard-only pass of the submit form, CSRF refusals, and sign-out revoking the session on the API.
 * axe-core (WCAG 2.2 A/AA) runs on every page state, error states included.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  clickAndWait,
  describeViolations,
  errorAt,
  type LaunchedBrowser,
  launchBrowser,
  type Stack,
  saveScreenshot,
  signInThroughSite,
  startStack,
  TEST_ADMIN,
  textOf,
  withScreenshotOnFailure,
} from './harness.ts';

const ADMIN = TEST_ADMIN;
const MEMBER = { email: 'member@example.org', password: 'member-password-123', name: 'Council Member' };
const CURATOR = { email: 'curator@example.org', password: 'curator-password-123', name: 'Sector Curator' };
const TITLE = 'Kestrelford: family hubs with a zebrafinch key worker model';
const SLUG = 'kestrelford-zebrafinch-family-hubs';
/** A seeded case study the member submits an update to. */
const UPDATED = 'hackney-learning-trust';

let stack: Stack;
let browser: LaunchedBrowser;
let curatorBrowser: LaunchedBrowser;
let noJsBrowser: LaunchedBrowser;

beforeAll(async () => {
  stack = await startStack({
    name: 'submission',
    admin: ADMIN,
    organisations: [
      { id: 'kestrelford', name: 'Kestrelford Council', kind: 'other' },
      { id: 'sector-curators', name: 'Sector curators', kind: 'sector-body' },
    ],
    users: [
      { ...MEMBER, organisationId: 'kestrelford', role: 'council-member' },
      { ...CURATOR, organisationId: 'sector-curators', role: 'curator' },
    ],
  });
  browser = await launchBrowser();
  curatorBrowser = await launchBrowser();
  noJsBrowser = await launchBrowser({ javaScriptEnabled: false });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await curatorBrowser?.close();
  await noJsBrowser?.close();
  await stack?.stop();
});

function apiFetch(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  return stack.apiFetch(path, init);
}

async function expectNoViolations(page: Page, state: string): Promise<void> {
  await withScreenshotOnFailure(page, `submission-axe-${state}`, async () => {
    const violations = await axe(page);
    expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
  });
}

async function signIn(context: BrowserContext, user: { email: string; password: string }, path: string) {
  const page = await context.newPage();
  await signInThroughSite(page, stack.site.url, user, path);
  expect(new URL(page.url()).pathname).toBe(path);
  return page;
}

/** Fills every field a complete case study needs, with one deliberate mistake left to the caller. */
async function fillCompleteDraft(page: Page): Promise<void> {
  await page.fill('#f-title', TITLE);
  await page.fill('#f-slug', SLUG);
  await page.fill(
    '#f-summary',
    'Kestrelford opened three family hubs staffed by key workers and cut referrals to social care over two years.',
  );
  await page.fill(
    '#f-body',
    'The council opened three hubs in 2019 and measured referrals before and after.',
  );
  await page.fill('#f-councils', 'E06000011');
  await page.fill('#f-intervention-name', 'Zebrafinch key worker model');
  await page.fill('#f-intervention-description', 'Key workers based in family hubs support families early.');
  await page.check('#f-policyStrand');
  await page.check('#f-serviceAreas');
  await page.check('#f-deliveryModel');
  await page.fill('#f-cohort-description', 'Families with children under 11 and emerging needs');
  await page.check('#f-cohort-needLevels-2');
  await page.fill('#f-period-start', '2019');
  await page.fill('#f-costs-0-label', 'Key worker salaries');
  await page.fill('#f-costs-0-money-pence', '450000');
  await page.selectOption('#f-costs-0-kind', 'recurring');
  await page.selectOption('#f-costs-0-basis', 'per-year');
  await page.fill('#f-costs-0-citation-source', 'kestrelford-report');
  await page.fill('#f-costs-0-citation-quote', 'The hubs cost £450,000 a year to staff.');
  await page.fill('#f-costs-1-label', 'Set-up of the hubs');
  await page.check('#f-costs-1-money-notReported');
  await page.fill('#f-costs-1-money-reason', 'The report gives no set-up cost.');
  await page.selectOption('#f-costs-1-kind', 'set-up');
  await page.selectOption('#f-costs-1-basis', 'total');
  await page.fill('#f-sources-0-id', 'kestrelford-report');
  await page.fill('#f-sources-0-title', 'Family hubs: two years on');
  await page.fill('#f-sources-0-publisher', 'Kestrelford Council');
  await page.fill('#f-sources-0-date', '2021');
}

describe('council submission and curator review', { timeout: 60_000 }, () => {
  let member: BrowserContext;
  let curator: BrowserContext;
  let submissionId = '';

  beforeAll(async () => {
    member = browser.context;
    curator = curatorBrowser.context;
  });

  it('a protected page sends a signed-out visitor to sign in, with errors shown at the fields', async () => {
    const page = await member.newPage();
    await page.goto(`${stack.site.url}/submit/form`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectNoViolations(page, 'sign-in');
    await clickAndWait(page, 'button:has-text("Sign in")');
    await expect(page.title()).resolves.toMatch(/^Error: Sign in/);
    expect(await errorAt(page, 'email')).toContain('Enter your email address');
    await expectNoViolations(page, 'sign-in-empty');
    await page.fill('#email', MEMBER.email);
    await page.fill('#password', 'not-the-password-1');
    await clickAndWait(page, 'button:has-text("Sign in")');
    expect(await errorAt(page, 'password')).toContain('Enter a correct email address and password');
    await expectNoViolations(page, 'sign-in-wrong-password');
    // A return URL that leaves the site is ignored.
    await page.goto(`${stack.site.url}/sign-in?returnTo=${encodeURIComponent('//evil.example/x')}`);
    expect(await page.locator('input[name="returnTo"]').getAttribute('value')).toBe('/submit');
    await page.close();
  });

  it('the member signs in and meets a personal-data refusal and a validation error at the field', async () => {
    const page = await signIn(member, MEMBER, '/submit');
    await withScreenshotOnFailure(page, 'submission-start', async () => {
      const cookies = await member.cookies(stack.site.url);
      const session = cookies.find((c) => c.name === 'costed_session');
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe('Lax');
      await expectNoViolations(page, 'your-submissions-empty');
      await clickAndWait(page, 'text=Start a new case study');
      expect(new URL(page.url()).pathname).toBe('/submit/form');
      await expectNoViolations(page, 'submit-form');

      await fillCompleteDraft(page);
      await page.fill(
        '#f-summary',
        'Call the family on 07700 900123 to hear how the family hub helped them.',
      );
      await clickAndWait(page, 'button:has-text("Save draft")');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      const summaryLink = page.locator('.govuk-error-summary a[href="#f-summary"]');
      await expect(summaryLink.count()).resolves.toBe(1);
      expect(await errorAt(page, 'f-summary')).toMatch(/phone/i);
      expect(await textOf(page.locator('#f-summary-privacy'))).toMatch(/characters \d+–\d+/);
      expect(await textOf(page.locator('.govuk-warning-text'))).toContain('Nothing was saved');
      // What the member typed is kept, so they can correct it.
      expect(await page.inputValue('#f-title')).toBe(TITLE);
      await saveScreenshot(page, 'submission-personal-data');
      await expectNoViolations(page, 'submit-form-personal-data');

      await page.fill(
        '#f-summary',
        'Kestrelford opened three family hubs staffed by key workers and cut referrals to social care over two years.',
      );
      await page.fill('#f-costs-0-money-priceYear', '2019-21');
      await clickAndWait(page, 'button:has-text("Save and check your answers")');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      expect(await errorAt(page, 'f-costs-0-money-priceYear')).toContain('2019-20');
      await expect(
        page.locator('.govuk-error-summary a[href="#f-costs-0-money-priceYear"]').count(),
      ).resolves.toBe(1);
      // The summary link moves focus to the field.
      await page.click('.govuk-error-summary a[href="#f-costs-0-money-priceYear"]');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(
        'f-costs-0-money-priceYear',
      );
      await saveScreenshot(page, 'submission-validation-error');
      await expectNoViolations(page, 'submit-form-validation-error');
      submissionId = new URL(page.url()).searchParams.get('id') ?? '';
      expect(submissionId).toMatch(/^[0-9a-f-]{36}$/);
    });
    await page.close();
  });

  it('saves a draft, checks answers and sends it for review', async () => {
    const page = await member.newPage();
    await page.goto(`${stack.site.url}/submit/form?id=${submissionId}`);
    await withScreenshotOnFailure(page, 'submission-send', async () => {
      // The draft kept everything, including the wrong price year and the "not reported" line.
      expect(await page.inputValue('#f-costs-0-money-priceYear')).toBe('2019-21');
      expect(await page.isChecked('#f-costs-1-money-notReported')).toBe(true);
      await page.fill('#f-costs-0-money-priceYear', '2019-20');
      await clickAndWait(page, 'button:has-text("Save draft")');
      expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('Your draft is saved');
      await expectNoViolations(page, 'submit-form-saved');
      await clickAndWait(page, 'button:has-text("Save and check your answers")');
      expect(new URL(page.url()).pathname).toBe('/submit/check');
      const answers = await textOf(page.locator('.govuk-summary-list'));
      expect(answers).toContain(TITLE);
      expect(answers).toContain('£450000 at 2019-20 prices');
      expect(answers).toContain('Not reported: The report gives no set-up cost.');
      await expectNoViolations(page, 'check-answers');
      await clickAndWait(page, 'button:has-text("Send for review")');
      expect(new URL(page.url()).pathname).toBe('/submit/confirmation');
      expect(await textOf(page.locator('.govuk-panel__title'))).toContain('sent for review');
      await expectNoViolations(page, 'confirmation');
      await page.goto(`${stack.site.url}/submit`);
      expect(await textOf(page.locator('table'))).toContain('Submitted');
    });
    await page.close();
  });

  it('the curator sees it in the queue and requests changes', async () => {
    const page = await signIn(curator, CURATOR, '/review');
    await withScreenshotOnFailure(page, 'review-request-changes', async () => {
      const queue = await textOf(page.locator('table'));
      expect(queue).toContain(TITLE);
      expect(queue).toContain('None found');
      await expectNoViolations(page, 'review-queue');
      await clickAndWait(page, `a:has-text("${TITLE}")`);
      expect(new URL(page.url()).pathname).toBe(`/review/${submissionId}`);
      await expectNoViolations(page, 'review-page');
      await clickAndWait(page, 'button:has-text("Request changes")');
      expect(await errorAt(page, 'comment')).toContain('Enter what the council should change');
      await expectNoViolations(page, 'review-request-changes-empty');
      await page.fill('#commentPath', 'outcomes');
      await page.fill(
        '#comment',
        'Add the referral figures before and after, with the sentence they come from.',
      );
      await clickAndWait(page, 'button:has-text("Request changes")');
      expect(await textOf(page.locator('.govuk-panel__title'))).toBe('Changes requested');
      await expectNoViolations(page, 'review-changes-requested');
    });
    await page.close();
  });

  it('the member reads the comment, edits and resubmits', async () => {
    const page = await member.newPage();
    await page.goto(`${stack.site.url}/submit`);
    await withScreenshotOnFailure(page, 'submission-resubmit', async () => {
      const list = await textOf(page.locator('table'));
      expect(list).toContain('Changes requested');
      expect(list).toContain('outcomes: Add the referral figures');
      await expectNoViolations(page, 'your-submissions-changes-requested');
      await clickAndWait(page, `a:has-text("${TITLE}")`);
      expect(await textOf(page.locator('#curator-comments'))).toContain('Add the referral figures');
      await expectNoViolations(page, 'submit-form-with-comments');
      await page.fill('#f-outcomes-0-indicator', 'care-proceedings');
      await page.selectOption('#f-outcomes-0-unit', 'count');
      await page.selectOption('#f-outcomes-0-betterDirection', 'lower');
      await page.fill('#f-outcomes-0-baseline-value', '120');
      await page.fill('#f-outcomes-0-baseline-year', '2018');
      await page.fill('#f-outcomes-0-followUp-value', '95');
      await page.fill('#f-outcomes-0-followUp-year', '2021');
      await page.fill('#f-outcomes-0-citation-source', 'kestrelford-report');
      await page.fill('#f-outcomes-0-citation-quote', 'Referrals fell from 120 in 2018 to 95 in 2021.');
      await clickAndWait(page, 'button:has-text("Save and check your answers")');
      expect(new URL(page.url()).pathname).toBe('/submit/check');
      await clickAndWait(page, 'button:has-text("Send for review")');
      expect(new URL(page.url()).pathname).toBe('/submit/confirmation');
    });
    await page.close();
  });

  it('the curator rates the evidence and publishes, and search finds it', async () => {
    const page = await curator.newPage();
    await page.goto(`${stack.site.url}/review/${submissionId}`);
    await withScreenshotOnFailure(page, 'review-publish', async () => {
      // The level definitions are on the form, and "not evaluated" is a different answer from "no effect".
      const form = page.locator('form:has(input[value="publish"])');
      expect(await textOf(form)).toContain(
        'An outcome was measured before and after the change in the same area',
      );
      expect(await form.locator('label:has-text("Not evaluated")').count()).toBe(1);
      expect(await form.locator('label:has-text("Evaluated – no effect")').count()).toBe(1);
      await clickAndWait(page, 'button:has-text("Publish")');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      expect(await errorAt(page, 'level')).toContain('Select the evidence level');
      await saveScreenshot(page, 'review-publish-errors');
      await expectNoViolations(page, 'review-publish-errors');
      await page.check('#design-2');
      await page.check('#level-1');
      await page.check('#result-2');
      await page.check('#independence-3');
      await page.fill('#evaluator', 'Kestrelford Council performance team');
      await page.fill(
        '#rationale',
        'Referrals were counted before and after in the same area, with no comparison group.',
      );
      await clickAndWait(page, 'button:has-text("Publish")');
      expect(await textOf(page.locator('.govuk-panel__title'))).toBe('Case study published');
      await expectNoViolations(page, 'review-published');
    });
    const search = await member.newPage();
    await search.goto(`${stack.site.url}/search?q=zebrafinch`);
    await withScreenshotOnFailure(search, 'search-finds-published', async () => {
      expect(await textOf(search.locator('main'))).toContain(TITLE);
    });
    await search.close();
    await page.close();
  });

  it('the curator withdraws it with a reason (required)', async () => {
    const page = await curator.newPage();
    await page.goto(`${stack.site.url}/review/withdraw?slug=${SLUG}`);
    await withScreenshotOnFailure(page, 'withdraw', async () => {
      await expectNoViolations(page, 'withdraw');
      await clickAndWait(page, 'button:has-text("Withdraw case study")');
      expect(await errorAt(page, 'reason')).toContain('Enter the reason');
      await expectNoViolations(page, 'withdraw-empty');
      await page.fill('#reason', 'Withdrawn in the test: superseded by a fuller account.');
      await clickAndWait(page, 'button:has-text("Withdraw case study")');
      expect(await textOf(page.locator('.govuk-panel__title'))).toBe('Case study withdrawn');
      const gone = await fetch(`${stack.api.url}/v1/case-studies/${SLUG}`);
      expect(gone.status).toBe(410);
    });
    await page.close();
  });

  it('the member creates an API key (shown once) and revokes it', async () => {
    const page = await member.newPage();
    await page.goto(`${stack.site.url}/account/api-keys`);
    await withScreenshotOnFailure(page, 'api-keys', async () => {
      await expectNoViolations(page, 'api-keys-empty');
      await clickAndWait(page, 'button:has-text("Create key")');
      expect(await errorAt(page, 'name')).toContain('Enter what the key is for');
      await expectNoViolations(page, 'api-keys-error');
      await page.fill('#name', 'Case-management export');
      await clickAndWait(page, 'button:has-text("Create key")');
      const key = await textOf(page.locator('#new-api-key'));
      expect(key.length).toBeGreaterThan(20);
      expect(await textOf(page.locator('.govuk-warning-text'))).toContain('will not be shown again');
      await expectNoViolations(page, 'api-keys-created');
      const usable = await fetch(`${stack.api.url}/v1/submissions`, { headers: { 'x-api-key': key } });
      expect(usable.status).toBe(200);
      // The key is never shown again: a fresh load lists only its prefix.
      await page.goto(`${stack.site.url}/account/api-keys`);
      expect(await page.content()).not.toContain(key);
      await clickAndWait(page, 'button:has-text("Revoke")');
      expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('is revoked');
      expect(await textOf(page.locator('table'))).toContain('Revoked');
      await expectNoViolations(page, 'api-keys-revoked');
      const refused = await fetch(`${stack.api.url}/v1/submissions`, { headers: { 'x-api-key': key } });
      expect(refused.status).toBe(401);
    });
    await page.close();
  });

  it('an update of a published case study shows the curator a side-by-side diff; the curator rejects it', async () => {
    const page = await member.newPage();
    await page.goto(`${stack.site.url}/submit`);
    await withScreenshotOnFailure(page, 'update-diff', async () => {
      await page.fill('#update', UPDATED);
      await clickAndWait(page, 'button:has-text("Start an update")');
      expect(await textOf(page.locator('h1'))).toBe('Submit an update');
      const oldTitle = await page.inputValue('#f-title');
      expect(oldTitle.length).toBeGreaterThan(5);
      await expectNoViolations(page, 'submit-update-form');
      await page.fill('#f-title', `${oldTitle} (updated figures)`);
      await clickAndWait(page, 'button:has-text("Save and check your answers")');
      expect(new URL(page.url()).pathname).toBe('/submit/check');
      await clickAndWait(page, 'button:has-text("Send for review")');
      const updateId = new URL(page.url()).searchParams.get('id') ?? '';

      const review = await curator.newPage();
      await review.goto(`${stack.site.url}/review`);
      expect(await textOf(review.locator('table'))).toContain(`update of ${UPDATED}`);
      await review.goto(`${stack.site.url}/review/${updateId}`);
      const diff = await textOf(review.locator('table'));
      expect(diff).toContain('title');
      expect(diff).toContain(oldTitle);
      expect(diff).toContain(`${oldTitle} (updated figures)`);
      // Only what changed is listed (the form kept every field it does not show).
      expect(await review.locator('table tbody tr').count(), diff).toBe(1);
      await saveScreenshot(review, 'review-update-diff');
      await expectNoViolations(review, 'review-update-diff');
      await clickAndWait(review, 'button:has-text("Reject")');
      expect(await errorAt(review, 'reason')).toContain('Enter the reason');
      await expectNoViolations(review, 'review-reject-empty');
      await review.fill('#reason', 'The new figures have no source yet.');
      await clickAndWait(review, 'button:has-text("Reject")');
      expect(await textOf(review.locator('.govuk-panel__title'))).toBe('Submission rejected');
      await review.close();
    });
    await page.close();
  });

  it('the submit form can be used by keyboard alone: every control is reached, focus is visible, no trap', async () => {
    const page = await member.newPage();
    await page.goto(`${stack.site.url}/submit/form`);
    await withScreenshotOnFailure(page, 'keyboard', async () => {
      const controls = await page
        .locator(
          'main form input:not([type="hidden"]), main form textarea, main form select, main form button',
        )
        .count();
      const seen = new Set<string>();
      let reachedSaveDraft = false;
      let invisible: string[] = [];
      for (let i = 0; i < controls + 40; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return undefined;
          // GOV.UK draws a radio's or checkbox's focus ring on its label (the input itself is transparent).
          const input = el as HTMLInputElement;
          const ringOn =
            input.type === 'radio' || input.type === 'checkbox'
              ? getComputedStyle(document.querySelector(`label[for="${el.id}"]`) as Element, '::before')
              : getComputedStyle(el);
          const label = el.id || `${el.tagName}:${el.textContent?.trim().slice(0, 30)}`;
          const visible =
            (ringOn.outlineStyle !== 'none' && ringOn.outlineWidth !== '0px') || ringOn.boxShadow !== 'none';
          return { label, visible, inForm: Boolean(el.closest('main form')) };
        });
        if (!focus) continue;
        if (focus.inForm) seen.add(focus.label);
        if (!focus.visible) invisible.push(focus.label);
        if (focus.label.includes('Save draft')) {
          reachedSaveDraft = true;
          break;
        }
      }
      invisible = [...new Set(invisible)];
      expect(invisible, `no visible focus on: ${invisible.join(', ')}`).toEqual([]);
      expect(reachedSaveDraft).toBe(true);
      // Every form control was reached on the way (radios and checkboxes count once per group or box).
      expect(seen.has('f-title')).toBe(true);
      expect(seen.has('f-costs-0-money-priceYear')).toBe(true);
      expect(seen.has('f-sources-1-url')).toBe(true);
      // One more Tab leaves the form: no trap.
      await page.keyboard.press('Tab');
      const after = await page.evaluate(() => Boolean(document.activeElement?.closest('main form')));
      expect(after).toBe(false);
    });
    await page.close();
  });

  it('works without JavaScript: sign in, save a draft, see it saved', async () => {
    const page = await noJsBrowser.context.newPage();
    page.setDefaultTimeout(10_000);
    await withScreenshotOnFailure(page, 'no-js-draft', async () => {
      await page.goto(`${stack.site.url}/submit`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.fill('#email', MEMBER.email);
      await page.fill('#password', MEMBER.password);
      await clickAndWait(page, 'button:has-text("Sign in")');
      expect(new URL(page.url()).pathname).toBe('/submit');
      await clickAndWait(page, 'text=Start a new case study');
      await page.fill('#f-title', 'Kestrelford: a draft saved without JavaScript');
      await clickAndWait(page, 'button:has-text("Save draft")');
      expect(await textOf(page.locator('.govuk-notification-banner'))).toContain('Your draft is saved');
      expect(await page.inputValue('#f-title')).toBe('Kestrelford: a draft saved without JavaScript');
      // axe runs in the page's JavaScript, which is off here; the same page state is checked with it on above.
    });
    await page.close();
  });

  it('a post from another site is refused (origin check and CSRF token)', async () => {
    const cookies = await member.cookies(stack.site.url);
    const session = cookies.find((c) => c.name === 'costed_session')?.value ?? '';
    const foreign = await fetch(`${stack.site.url}/submit/form`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `costed_session=${session}`,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'title=Forged&action=save',
    });
    expect(foreign.status).toBe(403);
    const noToken = await fetch(`${stack.site.url}/submit/form`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `costed_session=${session}`,
        origin: stack.site.url,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'title=Forged&action=save',
    });
    expect(noToken.status).toBe(403);
  });

  it('sign-out revokes the session on the API: the old cookie no longer works', async () => {
    const page = await member.newPage();
    await page.goto(`${stack.site.url}/submit`);
    const old = (await member.cookies(stack.site.url)).find((c) => c.name === 'costed_session')?.value ?? '';
    expect(old).not.toBe('');
    await clickAndWait(page, 'button:has-text("Sign out")');
    expect(new URL(page.url()).pathname).toBe('/sign-out');
    expect(await textOf(page.locator('h1'))).toBe('You have signed out');
    await expectNoViolations(page, 'signed-out');
    expect((await member.cookies(stack.site.url)).some((c) => c.name === 'costed_session')).toBe(false);
    const me = (await (await apiFetch('/v1/me', { token: old })).json()) as { kind: string };
    expect(me.kind).toBe('anonymous');
    const replay = await fetch(`${stack.site.url}/submit`, {
      redirect: 'manual',
      headers: { cookie: `costed_session=${old}` },
    });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toContain('/sign-in');
    await page.close();
  });
});
