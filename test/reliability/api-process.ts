import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout root, so the API's server.ts is found whatever the working directory. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_ENTRY = join(REPO_ROOT, 'apps/api/src/server.ts');

export const ADMIN = { email: 'stress-admin@example.org', password: 'a long stress-test admin password' };
export const SITE_ORIGIN = 'http://localhost:4321';

/** True when the full (slow) versions were asked for: `STRESS=1`. */
export const STRESS = process.env.STRESS === '1';

export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  startMs: number;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** SIGKILL and wait for the exit: no drain, no flush, no lock release. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for /readyz (PGlite's first open takes seconds on a 2-core machine). */
  timeoutMs?: number;
}

/** A free TCP port on loopback (the OS picks one; it is released before the API binds it). */
export async function freePort(): Promise<number> {
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

export function tempDataDir(prefix = 'costed-stress-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts apps/api/src/server.ts as a child process (the real server, as deployed) and waits until it is ready. */
export async function startApi(options: StartOptions = {}): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    PUBLIC_API_URL: `http://127.0.0.1:${port}`,
    SITE_URL: SITE_ORIGIN,
    LOG_LEVEL: 'warn',
    AUTH_SECRET: 'stress-test-secret-that-is-long-enough-for-better-auth',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_MAX: '1000000',
    SIGN_IN_RATE_LIMIT_MAX: '100000',
    ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the API exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API was not ready within ${options.timeoutMs ?? 180_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startMs = performance.now() - started;
  return {
    url,
    port,
    child,
    startMs,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await waitForExit(child);
    },
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
}

export interface Session {
  cookie: string;
  userId: string;
  email: string;
}

function cookieOf(res: Response): string {
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}

export async function signIn(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/v1/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE_ORIGIN },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { cookie: cookieOf(res), userId: body.user.id, email };
}

export async function signUp(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/v1/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE_ORIGIN },
    body: JSON.stringify({ email, password, name: email.split('@')[0] }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { cookie: cookieOf(res), userId: body.user.id, email };
}

/** JSON request helper: returns status and parsed body (or text when the body is not JSON). */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string>; retryBusy?: boolean } = {},
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const headers: Record<string, string> = { origin: SITE_ORIGIN, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  // The API sheds load with 503 + Retry-After when its event loop lags (a busy 2-core CI machine); a harness read
  // honours that like a client would, a few times, rather than reporting a busy machine as a defect.
  for (let attempt = 0; res.status === 503 && options.retryBusy !== false && attempt < 5; attempt++) {
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    res = await fetch(`${url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON; keep the text.
  }
  return { status: res.status, body, text, headers: res.headers };
}

export interface Cast {
  admin: Session;
  curator: Session;
  members: Session[];
  organisationId: string;
}

/**
 * Bootstraps users through the API only: the admin from ADMIN_EMAIL, an organisation and a sector body created by
 * the admin, council members and a curator who sign up and are added by email.
 */
export async function createCast(url: string, tag: string, memberCount = 2): Promise<Cast> {
  const admin = await signIn(url, ADMIN.email, ADMIN.password);
  const organisationId = `stress-council-${tag}`;
  const sectorId = `stress-sector-${tag}`;
  for (const org of [
    { id: organisationId, name: `Stress Council ${tag}`, kind: 'council', gssCode: 'E06000011' },
    { id: sectorId, name: `Stress Sector ${tag}`, kind: 'sector-body' },
  ]) {
    const res = await call(url, 'POST', '/v1/organisations', { cookie: admin.cookie, body: org });
    if (res.status !== 201 && res.status !== 200 && res.status !== 409)
      throw new Error(`creating ${org.id} failed: ${res.status} ${res.text}`);
  }
  const add = async (email: string, org: string, role: string) => {
    const res = await call(url, 'PUT', `/v1/organisations/${org}/members`, {
      cookie: admin.cookie,
      body: { email, role },
    });
    if (res.status >= 300) throw new Error(`adding ${email} failed: ${res.status} ${res.text}`);
  };
  const password = 'correct horse battery staple';
  const members: Session[] = [];
  for (let i = 0; i < memberCount; i++) {
    const s = await signUp(url, `member-${i}-${tag}@example.org`, password);
    await add(s.email, organisationId, 'council-member');
    members.push(s);
  }
  const curator = await signUp(url, `curator-${tag}@example.org`, password);
  await add(curator.email, sectorId, 'curator');
  return { admin, curator, members, organisationId };
}

export const SITE_DIR = join(REPO_ROOT, 'apps/site');

export interface SiteProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built site (apps/site/serve.ts) against an API. Builds it first only when there is no build at all;
 * the browser suites rebuild a stale one.
 */
export async function startSite(apiUrl: string): Promise<SiteProcess> {
  if (!existsSync(join(SITE_DIR, 'dist/server/entry.mjs'))) {
    const built = spawnSync('pnpm', ['--filter', '@costed/site', 'build'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`the site build failed:\n${built.stdout}\n${built.stderr}`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['serve.ts'], {
    cwd: SITE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      SITE_PORT: String(port),
      SITE_HOST: '127.0.0.1',
      API_URL: apiUrl,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the site exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/`)).status < 500) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the site was not ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
}
