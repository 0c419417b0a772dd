/**
 * Browser test harness: builds the site when its sources are newer than the build, seeds a temporary
 * PGlite data directory, starts the real API and the built site on free ports (`startStack`), drives
 * Debian's Chromium through playwright-core (never a downloaded browser), signs users in through the site,
 * runs axe-core and saves screenshots when a check fails.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Evidence, loadEvidence } from '@costed/evidence';
import type { CaseStudy } from '@costed/schema';
import { createStore, type OrganisationKind, type Store, seedEvidence } from '@costed/store';
import {
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
  type Response as PageResponse,
} from 'playwright-core';
import { freePort } from '../reliability/api-process.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep Chromium from reaching the network on its own (updates, sync, field trials, QUIC). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** WCAG 2.2 A and AA, as axe-core tags them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
export const SITE_DIR = join(REPO_ROOT, 'apps', 'site');
export const API_DIR = join(REPO_ROOT, 'apps', 'api');
const SITE_ENTRY = join(SITE_DIR, 'dist', 'server', 'entry.mjs');
/**
 * The origin the site names itself by (PUBLIC_SITE_URL) and the API trusts (SITE_URL): one made-up origin
 * on both sides, so sign-in and sign-out do not depend on which port the site gets.
 */
export const SITE_IDENTITY = 'http://costed-site.test';
/** The API's first admin, created from ADMIN_EMAIL/ADMIN_PASSWORD on start-up. */
export const TEST_ADMIN = { email: 'admin@example.org', password: 'admin-password-123' } as const;

export class HarnessError extends Error {
  readonly code:
    | 'chromium-missing'
    | 'server-exited'
    | 'server-timeout'
    | 'site-build-failed'
    | 'data-invalid'
    | 'stack-setup-failed'
    | 'sign-in-failed'
    | 'axe-violations';
  constructor(code: HarnessError['code'], message: string) {
    super(message);
    this.name = 'HarnessError';
    this.code = code;
  }
}

export interface StartServerOptions {
  command: string;
  args?: readonly string[];
  cwd: string;
  /** The environment variable the server reads its port from (e.g. `SITE_PORT`). */
  portEnv: string;
  env?: Record<string, string>;
  /** A path that answers once the server is ready (any HTTP status counts). */
  readyPath?: string;
  timeoutMs?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `command` on a free port and resolves once `readyPath` answers; rejects with its output if it dies. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(options.command, [...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, [options.portEnv]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (hasExited) {
      throw new HarnessError(
        'server-exited',
        `The server exited before it was ready. Its output:\n${output}`,
      );
    }
    try {
      await fetch(url + (options.readyPath ?? '/'), { signal: AbortSignal.timeout(1_000) });
      return { url, port, output: () => output, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new HarnessError(
    'server-timeout',
    `The server did not answer on ${url} in time. Its output:\n${output}`,
  );
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with a fresh profile directory (removed on close) and returns its context.
 * Playwright refuses `--user-data-dir` in launch args, so the fresh directory goes through
 * launchPersistentContext; each call is its own browser, which is also how a second context with different
 * options (JavaScript off) is made.
 */
export async function launchBrowser(contextOptions: BrowserContextOptions = {}): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new HarnessError(
      'chromium-missing',
      `Chromium is not at ${CHROMIUM_PATH}; the browser tests use the system browser, never a download. ` +
        'Install it with apt-get install -y chromium',
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'costed-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    ...contextOptions,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core on the page with the WCAG 2.2 A/AA rules and returns the violations. axe is evaluated
 * through the DevTools protocol rather than added as a <script>, so the page's CSP stays as it is.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(
    async (tags) => {
      // axe.run(options) checks the whole document (this package is typed without the DOM library).
      const { axe: axeApi } = globalThis as unknown as { axe: { run: (opts: unknown) => Promise<unknown> } };
      const result = (await axeApi.run({ runOnly: { type: 'tag', values: tags } })) as {
        violations: AxeViolation[];
      };
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    [...WCAG_TAGS],
  );
}

/** One line per violation, for a readable assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    )
    .join('\n');
}

/** Saves a PNG (the full page unless `fullPage: false`) under test-results/screenshots/; returns its path. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Runs `check`; if it throws, saves a screenshot named after it and rethrows with the path added. */
export async function withScreenshotOnFailure<T>(
  page: Page,
  name: string,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    const path = await saveScreenshot(page, `failed-${name}`).catch(() => undefined);
    if (path && error instanceof Error) error.message += `\n(screenshot: ${path})`;
    throw error;
  }
}

function newestSourceTime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time changes when a file in it is deleted or renamed.
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestSourceTime(join(path, name))));
}

/** Builds apps/site unless dist/ is newer than its sources and config (saves ~15 s on a re-run). */
export function ensureSiteBuild(): void {
  const sources = ['src', 'public', 'astro.config.ts', 'package.json'].map((p) =>
    newestSourceTime(join(SITE_DIR, p)),
  );
  if (existsSync(SITE_ENTRY) && statSync(SITE_ENTRY).mtimeMs > Math.max(...sources)) return;
  const result = spawnSync('pnpm', ['--filter', '@costed/site', 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new HarnessError(
      'site-build-failed',
      `The site build failed; run pnpm --filter @costed/site build to see why:\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/** An organisation created in the store before the API opens it. */
export interface StackOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  gssCode?: string | null;
}

export interface PrepareDataDirOptions {
  /** Case studies seeded with data/'s (e.g. made-up ones that share an outcome), or a function of data/'s. */
  extraCaseStudies?: readonly CaseStudy[] | ((evidence: Evidence) => readonly CaseStudy[]);
  organisations?: readonly StackOrganisation[];
  /** Last changes through the store, before the API opens it (e.g. withdraw a case study). */
  prepare?: (store: Store, evidence: Evidence) => Promise<void>;
}

/** Seeds a PGlite directory from data/ (plus `extraCaseStudies`), creates organisations and runs `prepare`. */
export async function prepareDataDir(dataDir: string, options: PrepareDataDirOptions = {}): Promise<void> {
  const { evidence, issues } = await loadEvidence(join(REPO_ROOT, 'data'));
  if (issues.length > 0) {
    throw new HarnessError(
      'data-invalid',
      `data/ has ${issues.length} problem(s); run pnpm costed validate to list them.`,
    );
  }
  const given = options.extraCaseStudies ?? [];
  const extra = (typeof given === 'function' ? given(evidence) : given).map((value) => ({
    value,
    file: 'test',
    line: 0,
  }));
  const store = await createStore({ engine: 'pglite', dataDir });
  try {
    await store.migrate();
    await seedEvidence(
      store,
      { ...evidence, caseStudies: [...evidence.caseStudies, ...extra] },
      { actor: 'system:test' },
    );
    for (const organisation of options.organisations ?? []) {
      await store.organisations.create(organisation, 'system:test');
    }
    await options.prepare?.(store, evidence);
  } finally {
    await store.close();
  }
}

/** One made-up case study for `makeCostedCopies`. */
export interface CostedCopy {
  slug: string;
  title: string;
  /** Its one cost: a one-off total at 2024-25 prices. */
  pounds: number;
  /** The follow-up value of the template's first outcome. */
  followUp: number;
  costLabel?: string;
}

/**
 * Made-up case studies for comparisons that share an outcome: copies of `template` with one reported cost
 * and only its first outcome, whose follow-up value each copy sets (so the suite decides who dominates).
 */
export function makeCostedCopies(template: CaseStudy, copies: readonly CostedCopy[]): CaseStudy[] {
  return copies.map((copy) => ({
    ...template,
    slug: copy.slug,
    title: copy.title,
    costs: [
      {
        ...(template.costs[0] as CaseStudy['costs'][number]),
        label: copy.costLabel ?? 'Early help team',
        money: { pence: copy.pounds * 100, priceYear: '2024-25' },
        kind: 'one-off',
        basis: 'total',
      },
    ],
    outcomes: template.outcomes
      .slice(0, 1)
      .map((o) => ({ ...o, followUp: { ...o.followUp, value: copy.followUp } })),
  }));
}

export interface StartSiteOptions {
  /** The API the site talks to; a closed port (http://127.0.0.1:9) proves pages do not depend on it. */
  apiUrl: string;
  /** PUBLIC_SITE_URL; SITE_IDENTITY unless given. */
  siteIdentity?: string;
}

/** Starts the built site (node serve.ts) on a free port. Call `ensureSiteBuild` first. */
export function startSite(options: StartSiteOptions): Promise<RunningServer> {
  return startServer({
    command: process.execPath,
    args: ['serve.ts'],
    cwd: SITE_DIR,
    portEnv: 'SITE_PORT',
    env: {
      SITE_HOST: '127.0.0.1',
      API_URL: options.apiUrl,
      PUBLIC_SITE_URL: options.siteIdentity ?? SITE_IDENTITY,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    readyPath: '/accessibility',
  });
}

export interface StartApiOptions {
  dataDir: string;
  admin?: { email: string; password: string };
  siteIdentity?: string;
  /** More API environment, e.g. a tighter rate limit for a test of it. */
  env?: Record<string, string>;
}

/**
 * Starts the API (node src/server.ts) on a seeded data directory. EVIDENCE_DIR is empty so it does not
 * re-seed (changes made by `prepare` stand); rate limits are raised and load shedding is off because the
 * machine is shared with builds and other suites (both are tested elsewhere).
 */
export function startApi(options: StartApiOptions): Promise<RunningServer> {
  const admin = options.admin ?? TEST_ADMIN;
  return startServer({
    command: process.execPath,
    args: ['src/server.ts'],
    cwd: API_DIR,
    portEnv: 'API_PORT',
    env: {
      DATA_DIR: options.dataDir,
      EVIDENCE_DIR: '',
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SITE_URL: options.siteIdentity ?? SITE_IDENTITY,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      SIGN_IN_RATE_LIMIT_MAX: '1000',
      RATE_LIMIT_MAX: '100000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...options.env,
    },
    readyPath: '/v1/case-studies?pageSize=1',
    timeoutMs: 180_000,
  });
}

/** A test account: signed up through the API, then (with `organisationId`) made a member by the admin. */
export interface StackUser {
  email: string;
  password: string;
  name: string;
  organisationId?: string;
  role?: 'council-member' | 'curator' | 'admin';
}

export interface StartStackOptions extends PrepareDataDirOptions {
  /** Prefix of the temporary data directory's name. */
  name?: string;
  users?: readonly StackUser[];
  admin?: { email: string; password: string };
  apiEnv?: Record<string, string>;
}

export interface ApiFetchInit extends RequestInit {
  /** An API session token, sent as the API's session cookie. */
  token?: string;
}

export interface Stack {
  api: RunningServer;
  site: RunningServer;
  dataDir: string;
  /** The origin both sides agree the site has (PUBLIC_SITE_URL = SITE_URL). */
  siteIdentity: string;
  admin: { email: string; password: string };
  /** fetch against the API with the site's Origin, JSON content type for a body, and an optional session. */
  apiFetch(path: string, init?: ApiFetchInit): Promise<Response>;
  /** Signs in through the API and returns the session token. */
  apiSignIn(email: string, password: string): Promise<string>;
  /** Opens a path of the site in a new page of `context` (see openPage). */
  openSite(context: BrowserContext, path: string): Promise<OpenedPage>;
  /** Stops the site and API and removes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** The API session token in a sign-in response, or undefined. */
function sessionTokenFrom(response: Response): string | undefined {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('costed.session_token='));
  const value = cookie?.split(';')[0]?.split('=')[1];
  return value ? decodeURIComponent(value) : undefined;
}

/**
 * The whole stack a browser suite needs: builds the site if stale, seeds a temporary data directory from
 * data/, starts the API and the built site on free ports, signs the users up and adds them to their
 * organisations as the admin would over HTTP. On any failure what was started is stopped again.
 */
export async function startStack(options: StartStackOptions = {}): Promise<Stack> {
  ensureSiteBuild();
  const admin = options.admin ?? TEST_ADMIN;
  const dataDir = await mkdtemp(join(tmpdir(), `costed-${options.name ?? 'stack'}-`));
  let api: RunningServer | undefined;
  let site: RunningServer | undefined;
  const stop = async () => {
    await site?.stop();
    await api?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await prepareDataDir(dataDir, options);
    const startedApi = await startApi({
      dataDir,
      admin,
      siteIdentity: SITE_IDENTITY,
      ...(options.apiEnv ? { env: options.apiEnv } : {}),
    });
    api = startedApi;
    const apiFetch = (path: string, init: ApiFetchInit = {}): Promise<Response> => {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('origin', SITE_IDENTITY);
      if (rest.body) headers.set('content-type', 'application/json');
      if (token) headers.set('cookie', `costed.session_token=${encodeURIComponent(token)}`);
      return fetch(startedApi.url + path, { ...rest, headers });
    };
    const apiSignIn = async (email: string, password: string): Promise<string> => {
      const response = await apiFetch('/v1/auth/sign-in/email', {
        method: 'POST',
        body: JSON.stringify({ email, password }),
      });
      const token = sessionTokenFrom(response);
      if (!token) {
        throw new HarnessError(
          'sign-in-failed',
          `The API refused to sign ${email} in (HTTP ${response.status}): ${await response.text()}`,
        );
      }
      return token;
    };
    await createUsers(options.users ?? [], admin, apiFetch, apiSignIn);
    site = await startSite({ apiUrl: startedApi.url, siteIdentity: SITE_IDENTITY });
    const siteUrl = site.url;
    const openSite = (context: BrowserContext, path: string) => openPage(context, siteUrl + path);
    return { api, site, dataDir, siteIdentity: SITE_IDENTITY, admin, apiFetch, apiSignIn, openSite, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createUsers(
  users: readonly StackUser[],
  admin: { email: string; password: string },
  apiFetch: Stack['apiFetch'],
  apiSignIn: Stack['apiSignIn'],
): Promise<void> {
  if (users.length === 0) return;
  const fail = async (what: string, response: Response) =>
    new HarnessError('stack-setup-failed', `${what}: HTTP ${response.status} ${await response.text()}`);
  for (const user of users) {
    const up = await apiFetch('/v1/auth/sign-up/email', {
      method: 'POST',
      body: JSON.stringify({ email: user.email, password: user.password, name: user.name }),
    });
    if (!up.ok) throw await fail(`Signing up ${user.email} failed`, up);
  }
  const members = users.filter((u) => u.organisationId);
  if (members.length === 0) return;
  const adminToken = await apiSignIn(admin.email, admin.password);
  for (const user of members) {
    const put = await apiFetch(`/v1/organisations/${user.organisationId}/members`, {
      method: 'PUT',
      token: adminToken,
      body: JSON.stringify({ email: user.email, role: user.role ?? 'council-member' }),
    });
    if (!put.ok) throw await fail(`Adding ${user.email} to ${user.organisationId} failed`, put);
  }
}

/**
 * Signs a user in through the site's form: opens `path` (a page that needs a session), expects to be sent
 * to /sign-in with `returnTo=path`, fills the form and waits until the site brings the user back to `path`.
 */
export async function signInThroughSite(
  page: Page,
  siteUrl: string,
  user: { email: string; password: string },
  path: string,
): Promise<void> {
  await page.goto(siteUrl + path);
  const at = new URL(page.url());
  if (at.pathname !== '/sign-in' || at.searchParams.get('returnTo') !== path) {
    throw new HarnessError(
      'sign-in-failed',
      `Opening ${path} signed out led to ${at.pathname}${at.search}, not to /sign-in?returnTo=${path}.`,
    );
  }
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('button:has-text("Sign in")'),
  ]);
  const back = new URL(page.url());
  if (back.pathname + back.search !== path && back.pathname !== path) {
    throw new HarnessError(
      'sign-in-failed',
      `Signing ${user.email} in ended on ${back.pathname}${back.search}, not on ${path}.`,
    );
  }
}

/** The text as rendered (Playwright's innerText: hidden text left out, whitespace as laid out). */
export function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator; rendered text is the point.
  return locator.innerText();
}

export interface OpenedPage {
  page: Page;
  response: PageResponse | null;
  /** Content-Security-Policy refusals the page reported on its console. */
  cspViolations: string[];
}

/** Opens `url` in a new page of `context`, collecting CSP refusals from the console. */
export async function openPage(context: BrowserContext, url: string): Promise<OpenedPage> {
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, response, cspViolations };
}

/** Runs axe (WCAG 2.2 A/AA) and throws `axe-violations`, listing them, when there are any. */
export async function assertNoAxeViolations(page: Page, state = page.url()): Promise<void> {
  const violations = await axe(page);
  if (violations.length > 0) {
    throw new HarnessError(
      'axe-violations',
      `${violations.length} WCAG 2.2 A/AA violation(s) on ${state}:\n${describeViolations(violations)}`,
    );
  }
}

/** Clicks something that loads a new page (a form post or a link), waits for it and returns its response. */
export async function clickAndWait(page: Page, selector: string): Promise<PageResponse | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  return response;
}

/** A field's GOV.UK error message as shown, without the visually hidden "Error:" prefix. */
export async function errorAt(page: Page, fieldId: string): Promise<string> {
  return (await textOf(page.locator(`#${fieldId}-error`))).replace(/^Error:\s*/, '').trim();
}
