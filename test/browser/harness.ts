/**
 * Browser test harness: starts an already-built server on a free port, drives Debian's Chromium through
 * playwright-core (never a downloaded browser), runs axe-core and saves screenshots when a check fails.
 * It builds nothing itself; a suite decides what to build before calling `startServer`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

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

export class HarnessError extends Error {
  readonly code: 'chromium-missing' | 'server-exited' | 'server-timeout';
  constructor(code: HarnessError['code'], message: string) {
    super(message);
    this.name = 'HarnessError';
    this.code = code;
  }
}

/** A free TCP port on 127.0.0.1, found by letting the OS pick one. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
  const port = await findFreePort();
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

/** Saves a full-page PNG under test-results/screenshots/ and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
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
