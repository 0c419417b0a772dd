/**
 * Joining Costed through the site, in Chromium against the real API and the built site: a new person creates
 * an account (first with mistakes: error summary and field errors; then an e-mail already in use), sees what
 * happens next and has no council access; the administrator signs in, adds a council (first with a missing and
 * an unknown GSS code), adds the person by e-mail (first an unknown e-mail), and the person's next page shows
 * their council access; the administrator removes them after a confirmation step and the access goes. Someone
 * who is not an administrator gets the not-found page on /admin. A second pass runs with JavaScript off and
 * changes a member's role. axe-core (WCAG 2.2 A/AA) runs on every page state with JavaScript on, errors included.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  clickAndWait,
  describeViolations,
  errorAt,
  type LaunchedBrowser,
  launchBrowser,
  type Stack,
  signInThroughSite,
  startStack,
  TEST_ADMIN,
  textOf,
  withScreenshotOnFailure,
} from './harness.ts';

const EXISTING = {
  email: 'existing@example.org',
  password: 'existing-password-123',
  name: 'Existing Person',
};
const PERSON = {
  name: 'Priya Officer',
  email: 'priya.officer@example.org',
  password: 'a long and quiet river',
};
const NO_JS_PERSON = { name: 'Nadia Nojs', email: 'nadia@example.org', password: 'no scripts here please' };
const COUNCIL = { name: 'East Riding of Yorkshire Council', id: 'east-riding', gssCode: 'E06000011' };

let stack: Stack;
let personBrowser: LaunchedBrowser;
let adminBrowser: LaunchedBrowser;
let noJsBrowser: LaunchedBrowser;

beforeAll(async () => {
  stack = await startStack({
    name: 'admin-journey',
    admin: TEST_ADMIN,
    organisations: [{ id: 'sector-curators', name: 'Sector curators', kind: 'sector-body' }],
    users: [EXISTING],
  });
  personBrowser = await launchBrowser();
  adminBrowser = await launchBrowser();
  noJsBrowser = await launchBrowser({ javaScriptEnabled: false });
}, 300_000);

afterAll(async () => {
  await personBrowser?.close();
  await adminBrowser?.close();
  await noJsBrowser?.close();
  await stack?.stop();
});

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const violations = await axe(page);
  expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
}

async function summaryLinks(page: Page): Promise<{ text: string; href: string | null }[]> {
  const links = page.locator('.govuk-error-summary a');
  const out: { text: string; href: string | null }[] = [];
  for (let i = 0; i < (await links.count()); i++) {
    out.push({ text: (await textOf(links.nth(i))).trim(), href: await links.nth(i).getAttribute('href') });
  }
  return out;
}

async function fillAccount(
  page: Page,
  values: { name: string; email: string; password: string; confirm: string },
) {
  await page.fill('#name', values.name);
  await page.fill('#email', values.email);
  await page.fill('#password', values.password);
  await page.fill('#confirmPassword', values.confirm);
}

describe('joining Costed: create an account, be added by an administrator, lose access when removed', {
  timeout: 60_000,
}, () => {
  let person: Page;
  let admin: Page;

  beforeAll(async () => {
    person = await personBrowser.context.newPage();
    admin = await adminBrowser.context.newPage();
  });

  it('the sign-in page links to create an account, and the form shows every mistake at its field', async () => {
    await withScreenshotOnFailure(person, 'admin-journey-create-errors', async () => {
      await person.goto(`${stack.site.url}/sign-in`);
      await clickAndWait(person, 'a:has-text("Create an account")');
      expect(new URL(person.url()).pathname).toBe('/create-account');
      expect(await textOf(person.locator('h1'))).toBe('Create an account');
      expect(await person.locator('main a[href="/sign-in"]').count()).toBe(1);
      await expectNoViolations(person, 'create-account empty');

      await fillAccount(person, {
        name: '',
        email: PERSON.email,
        password: 'too short',
        confirm: 'different',
      });
      const response = await clickAndWait(person, 'button:has-text("Create account")');
      expect(response?.status()).toBe(422);
      expect(await person.title()).toMatch(/^Error: Create an account/);
      expect(await summaryLinks(person)).toEqual([
        { text: 'Enter your full name', href: '#name' },
        { text: 'Password must be 12 characters or more', href: '#password' },
        { text: 'The passwords do not match. Enter the same password twice', href: '#confirmPassword' },
      ]);
      expect(await errorAt(person, 'name')).toBe('Enter your full name');
      expect(await errorAt(person, 'password')).toBe('Password must be 12 characters or more');
      // What was typed stays, except the passwords.
      expect(await person.inputValue('#email')).toBe(PERSON.email);
      expect(await person.inputValue('#password')).toBe('');
      await expectNoViolations(person, 'create-account errors');
      // The summary's links move focus to the field.
      await person.click('.govuk-error-summary a[href="#name"]');
      expect(await person.evaluate(() => document.activeElement?.id)).toBe('name');
    });
  });

  it('an e-mail that already has an account is refused at the e-mail field', async () => {
    await withScreenshotOnFailure(person, 'admin-journey-create-exists', async () => {
      await fillAccount(person, {
        name: PERSON.name,
        email: EXISTING.email,
        password: PERSON.password,
        confirm: PERSON.password,
      });
      const response = await clickAndWait(person, 'button:has-text("Create account")');
      expect(response?.status()).toBe(422);
      expect(await summaryLinks(person)).toEqual([
        {
          text: 'An account already uses this email address. Sign in, or use another email address',
          href: '#email',
        },
      ]);
      expect(await errorAt(person, 'email')).toMatch(/already uses this email address/);
      await expectNoViolations(person, 'create-account e-mail in use');
    });
  });

  it('a new account is signed in and told what happens next; it has no council access yet', async () => {
    await withScreenshotOnFailure(person, 'admin-journey-created', async () => {
      await fillAccount(person, {
        name: PERSON.name,
        email: PERSON.email,
        password: PERSON.password,
        confirm: PERSON.password,
      });
      await clickAndWait(person, 'button:has-text("Create account")');
      expect(new URL(person.url()).pathname).toBe('/create-account');
      expect(await textOf(person.locator('h1'))).toBe('Your account is ready');
      expect(await textOf(person.locator('#account-email'))).toContain(PERSON.email);
      const next = await textOf(person.locator('main'));
      expect(next).toContain('An administrator adds you to your council or organisation');
      expect(next).toMatch(
        /Until then you can:\s*search the case studies\s*compare case studies at one price year\s*appraise/,
      );
      expect(await textOf(person.locator('#signed-in-as'))).toContain(PERSON.name);
      await expectNoViolations(person, 'account created');

      await person.goto(`${stack.site.url}/portfolios`);
      expect(await person.locator('#no-council').count()).toBe(1);
      await person.goto(`${stack.site.url}/submit`);
      expect(await textOf(person.locator('main'))).toContain('Only council members can submit case studies');
    });
  });

  it('someone who is not an administrator gets the not-found page on /admin', async () => {
    await withScreenshotOnFailure(person, 'admin-journey-not-admin', async () => {
      for (const path of ['/admin', '/admin/organisations', '/admin/organisations/sector-curators']) {
        const response = await person.goto(stack.site.url + path);
        expect(response?.status(), path).toBe(404);
        expect(await textOf(person.locator('h1')), path).toBe('Page not found');
      }
      await expectNoViolations(person, 'admin not found');
      // A post from their own session is answered the same way, and creates nothing.
      const cookie = (await personBrowser.context.cookies(stack.site.url)).find(
        (c) => c.name === 'costed_session',
      );
      const post = await fetch(`${stack.site.url}/admin/organisations`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: `costed_session=${cookie?.value}`,
          origin: stack.site.url,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'name=Person+made&kind=other',
      });
      expect(post.status).toBe(404);
      const token = await stack.apiSignIn(TEST_ADMIN.email, TEST_ADMIN.password);
      const list = (await (await stack.apiFetch('/v1/organisations', { token })).json()) as {
        organisations: { name: string }[];
      };
      expect(list.organisations.map((o) => o.name)).not.toContain('Person made');
    });
  });

  it('the administrator adds a council, with a missing and then an unknown GSS code shown at the field', async () => {
    await withScreenshotOnFailure(admin, 'admin-journey-organisation', async () => {
      await signInThroughSite(admin, stack.site.url, TEST_ADMIN, '/admin/organisations');
      expect(await textOf(admin.locator('h1'))).toBe('Organisations');
      expect(await textOf(admin.locator('#organisations'))).toContain('Sector curators');
      await expectNoViolations(admin, 'organisations');

      await admin.fill('#name', COUNCIL.name);
      await admin.fill('#id', COUNCIL.id);
      await admin.check('#kind');
      let response = await clickAndWait(admin, 'button:has-text("Add organisation")');
      expect(response?.status()).toBe(422);
      expect(await summaryLinks(admin)).toEqual([
        { text: 'Enter the council’s GSS code, like E06000011', href: '#gssCode' },
      ]);
      expect(await admin.inputValue('#name')).toBe(COUNCIL.name);
      await expectNoViolations(admin, 'organisation missing GSS code');

      await admin.fill('#gssCode', 'E06000099');
      response = await clickAndWait(admin, 'button:has-text("Add organisation")');
      expect(response?.status()).toBe(422);
      expect(await errorAt(admin, 'gssCode')).toBe(
        'No council in England has this GSS code. Check the code, like E06000011',
      );
      await expectNoViolations(admin, 'organisation unknown GSS code');

      await admin.fill('#gssCode', COUNCIL.gssCode);
      await clickAndWait(admin, 'button:has-text("Add organisation")');
      expect(new URL(admin.url()).pathname).toBe(`/admin/organisations/${COUNCIL.id}`);
      expect(await textOf(admin.locator('h1'))).toBe(COUNCIL.name);
      expect(await textOf(admin.locator('#change-banner'))).toContain(`${COUNCIL.name} is added`);
      expect(await admin.locator('#no-members').count()).toBe(1);
      await expectNoViolations(admin, 'organisation created');

      // The same short name again is refused at that field.
      await admin.goto(`${stack.site.url}/admin/organisations`);
      await admin.fill('#name', 'Another East Riding');
      await admin.fill('#id', COUNCIL.id);
      await admin.check('#kind-3');
      await clickAndWait(admin, 'button:has-text("Add organisation")');
      expect(await errorAt(admin, 'id')).toBe(
        'An organisation already uses this short name. Choose another short name',
      );
    });
  });

  it('adds the person as a council member by e-mail, after an unknown e-mail is refused at the field', async () => {
    await withScreenshotOnFailure(admin, 'admin-journey-add-member', async () => {
      await admin.goto(`${stack.site.url}/admin/organisations/${COUNCIL.id}`);
      await admin.fill('#email', 'nobody-yet@example.org');
      const response = await clickAndWait(admin, 'button:has-text("Save member")');
      expect(response?.status()).toBe(422);
      expect(await summaryLinks(admin)).toEqual([
        {
          text: 'No account uses this email address. The person must create an account on Costed first, then you can add them',
          href: '#email',
        },
      ]);
      expect(await admin.inputValue('#email')).toBe('nobody-yet@example.org');
      await expectNoViolations(admin, 'member unknown e-mail');

      await admin.fill('#email', PERSON.email);
      await admin.check('#role');
      await clickAndWait(admin, 'button:has-text("Save member")');
      expect(await textOf(admin.locator('#change-banner'))).toContain(
        `${PERSON.email} is now a council member of ${COUNCIL.name}`,
      );
      const rows = admin.locator('#members tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await textOf(rows.first())).toContain('Council member');
      await expectNoViolations(admin, 'member added');

      await admin.goto(`${stack.site.url}/admin/organisations`);
      const row = admin.locator('#organisations tr', { hasText: COUNCIL.name });
      expect(await textOf(row)).toMatch(/East Riding of Yorkshire Council\s+Council\s+E06000011\s+1/);
    });
  });

  it("the person's next page shows their council access", async () => {
    await withScreenshotOnFailure(person, 'admin-journey-access', async () => {
      await person.goto(`${stack.site.url}/portfolios`);
      expect(await person.locator('#no-council').count()).toBe(0);
      expect(await textOf(person.locator('main'))).toContain('Create a portfolio');
      await person.goto(`${stack.site.url}/submit`);
      expect(await person.locator('a:has-text("Start a new case study")').count()).toBe(1);
      // Still not an administrator.
      const response = await person.goto(`${stack.site.url}/admin/organisations`);
      expect(response?.status()).toBe(404);
    });
  });

  it('the administrator removes the person after a confirmation step, and their access goes', async () => {
    await withScreenshotOnFailure(admin, 'admin-journey-remove', async () => {
      await admin.goto(`${stack.site.url}/admin/organisations/${COUNCIL.id}`);
      await clickAndWait(admin, '#members a:has-text("Remove")');
      expect(await textOf(admin.locator('h1'))).toMatch(
        /^Remove .* from East Riding of Yorkshire Council\?$/,
      );
      await expectNoViolations(admin, 'remove confirmation');
      // "No" changes nothing.
      await clickAndWait(admin, 'a:has-text("No, keep them")');
      expect(await admin.locator('#members tbody tr').count()).toBe(1);

      await clickAndWait(admin, '#members a:has-text("Remove")');
      await clickAndWait(admin, 'button:has-text("Yes, remove them")');
      expect(await textOf(admin.locator('#change-banner'))).toContain(
        `The member is removed from ${COUNCIL.name}`,
      );
      expect(await admin.locator('#no-members').count()).toBe(1);
      await expectNoViolations(admin, 'member removed');
    });
    await withScreenshotOnFailure(person, 'admin-journey-access-gone', async () => {
      await person.goto(`${stack.site.url}/portfolios`);
      expect(await person.locator('#no-council').count()).toBe(1);
      await person.goto(`${stack.site.url}/submit`);
      expect(await textOf(person.locator('main'))).toContain('Only council members can submit case studies');
    });
  });

  it('a signed-out visitor to /admin is sent to sign in, and forged posts are refused', async () => {
    const signedOut = await fetch(`${stack.site.url}/admin/organisations`, { redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/sign-in?returnTo=%2Fadmin%2Forganisations');

    const session = (await adminBrowser.context.cookies(stack.site.url)).find(
      (c) => c.name === 'costed_session',
    );
    expect(session?.value).toBeTruthy();
    const noToken = await fetch(`${stack.site.url}/admin/organisations`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `costed_session=${session?.value}`,
        origin: stack.site.url,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'name=Forged&kind=other',
    });
    expect(noToken.status).toBe(403);
    const foreignSignUp = await fetch(`${stack.site.url}/create-account`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Forged&email=forged%40example.org&password=forged-password-1&confirmPassword=forged-password-1',
    });
    expect(foreignSignUp.status).toBe(403);
    const token = await stack.apiSignIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const list = (await (await stack.apiFetch('/v1/organisations', { token })).json()) as {
      organisations: { name: string }[];
    };
    expect(list.organisations.map((o) => o.name)).not.toContain('Forged');
    const forgedSignIn = await stack.apiFetch('/v1/auth/sign-in/email', {
      method: 'POST',
      body: JSON.stringify({ email: 'forged@example.org', password: 'forged-password-1' }),
    });
    expect(forgedSignIn.ok).toBe(false);
  });
});

describe('without JavaScript: create an account, then an administrator adds, re-roles and removes the member', {
  timeout: 60_000,
}, () => {
  async function roleOf(
    email: string,
    password: string,
  ): Promise<{ role: string; organisations: unknown[] }> {
    const token = await stack.apiSignIn(email, password);
    return (await (await stack.apiFetch('/v1/me', { token })).json()) as {
      role: string;
      organisations: unknown[];
    };
  }

  it('works end to end with forms alone', async () => {
    const page = await noJsBrowser.context.newPage();
    page.setDefaultTimeout(10_000);
    await withScreenshotOnFailure(page, 'admin-journey-no-js', async () => {
      await page.goto(`${stack.site.url}/create-account`);
      await fillAccount(page, { ...NO_JS_PERSON, confirm: NO_JS_PERSON.password, password: 'short' });
      await clickAndWait(page, 'button:has-text("Create account")');
      expect(await errorAt(page, 'password')).toBe('Password must be 12 characters or more');
      await fillAccount(page, { ...NO_JS_PERSON, confirm: NO_JS_PERSON.password });
      await clickAndWait(page, 'button:has-text("Create account")');
      expect(await textOf(page.locator('h1'))).toBe('Your account is ready');
      await clickAndWait(page, 'button:has-text("Sign out")');

      await signInThroughSite(page, stack.site.url, TEST_ADMIN, '/admin/organisations/sector-curators');
      await page.fill('#email', NO_JS_PERSON.email);
      await page.check('#role-2');
      await clickAndWait(page, 'button:has-text("Save member")');
      expect(await textOf(page.locator('#change-banner'))).toContain('is now a curator of Sector curators');
      expect((await roleOf(NO_JS_PERSON.email, NO_JS_PERSON.password)).role).toBe('curator');

      // Changing a role: the same e-mail with another role.
      await page.fill('#email', NO_JS_PERSON.email);
      await page.check('#role');
      await clickAndWait(page, 'button:has-text("Save member")');
      expect(await textOf(page.locator('#change-banner'))).toContain(
        'is now a council member of Sector curators',
      );
      expect(await page.locator('#members tbody tr').count()).toBe(1);
      expect(await textOf(page.locator('#members tbody tr').first())).toContain('Council member');
      expect((await roleOf(NO_JS_PERSON.email, NO_JS_PERSON.password)).role).toBe('council-member');

      await clickAndWait(page, '#members a:has-text("Remove")');
      await clickAndWait(page, 'button:has-text("Yes, remove them")');
      expect(await page.locator('#no-members').count()).toBe(1);
      const after = await roleOf(NO_JS_PERSON.email, NO_JS_PERSON.password);
      expect(after.role).toBe('public');
      expect(after.organisations).toEqual([]);
      // axe runs in the page's JavaScript, which is off here; the same page states are checked with it on above.
    });
    await page.close();
  });
});

describe('create an account when the API is rate-limiting sign-ups', { timeout: 60_000 }, () => {
  let limited: Stack;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    limited = await startStack({ name: 'admin-journey-limited', apiEnv: { SIGN_IN_RATE_LIMIT_MAX: '2' } });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await limited?.stop();
  });

  it('says to wait and try again, at the e-mail field, with HTTP 429', async () => {
    // Use up the minute's sign-ups from this machine (the site's requests to the API come from it too).
    for (const n of [1, 2]) {
      const response = await limited.apiFetch('/v1/auth/sign-up/email', {
        method: 'POST',
        body: JSON.stringify({
          name: `Early ${n}`,
          email: `early${n}@example.org`,
          password: 'early-password-123',
        }),
      });
      expect(response.status).toBe(200);
    }
    const page = await browser.context.newPage();
    await withScreenshotOnFailure(page, 'admin-journey-rate-limited', async () => {
      await page.goto(`${limited.site.url}/create-account`);
      await fillAccount(page, { ...PERSON, confirm: PERSON.password });
      const response = await clickAndWait(page, 'button:has-text("Create account")');
      expect(response?.status()).toBe(429);
      expect(await summaryLinks(page)).toEqual([
        { text: 'Too many attempts to create an account. Wait a minute, then try again', href: '#email' },
      ]);
      expect(await page.inputValue('#email')).toBe(PERSON.email);
      await expectNoViolations(page, 'create-account rate limited');
    });
    await page.close();
  });
});
