import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The API's configuration: the one place environment variables are read (server.ts calls parseEnv).
 * Everything else receives a `Config` object, so tests build apps with plain options.
 */
// A comma-separated list from the environment, or an array from code (an already-parsed Config).
const csv = z.union([
  z.array(z.string()),
  z.string().transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
]);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `false`, or what proxy-addr (Fastify's trustProxy) accepts: addresses, CIDR ranges and the three names. */
function isTrustProxy(value: string): boolean {
  if (value === 'false') return true;
  return value.split(',').every((part) => {
    const item = part.trim();
    if (PROXY_NAMES.has(item)) return true;
    const [address = '', prefix, extra] = item.split('/');
    if (extra !== undefined || isIP(address) === 0) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d+$/.test(prefix) && bits >= 0 && bits <= (isIP(address) === 4 ? 32 : 128);
  });
}

export const Config = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4000).describe('API_PORT'),
  host: z.string().default('127.0.0.1').describe('API_HOST'),
  dataDir: z.string().default('.data').describe('DATA_DIR: embedded store directory'),
  evidenceDir: z.string().optional().describe('EVIDENCE_DIR: the data/ folder seeded on first start'),
  databaseUrl: z.string().optional().describe('DATABASE_URL: PostgreSQL instead of embedded PGlite'),
  meiliUrl: z.string().optional().describe('MEILI_URL: Meilisearch instead of the in-process index'),
  meiliApiKey: z
    .string()
    .optional()
    .describe('MEILI_API_KEY: a search/index-scoped key, never the master key'),
  meiliMasterKey: z
    .string()
    .optional()
    .describe('MEILI_MASTER_KEY: used once at start-up to create scoped keys'),
  publicUrl: z
    .string()
    .default('http://localhost:4000')
    .describe('PUBLIC_API_URL: absolute base URL of the API'),
  siteUrl: z.string().default('http://localhost:4321').describe('SITE_URL: the site, allowed by CORS'),
  corsOrigins: csv.default([]).describe('CORS_ORIGINS: extra allowed origins, comma-separated'),
  authSecret: z
    .string()
    .min(32)
    .optional()
    .describe('AUTH_SECRET: signs sessions (generated per data dir if absent)'),
  trustProxy: z
    .string()
    .refine(isTrustProxy, {
      message:
        'Use false, or a comma-separated list of addresses, CIDR ranges or loopback, linklocal, uniquelocal.',
    })
    // Loopback by default: in the embedded setup the site calls the API from this machine and forwards each
    // visitor's address, so rate limits count visitors, not the site. Anyone else's X-Forwarded-For is ignored.
    .default('loopback')
    .describe(
      'TRUST_PROXY: whose X-Forwarded-For is believed (comma-separated addresses, CIDR ranges or loopback; false = nobody)',
    ),
  rateLimitMax: z.coerce
    .number()
    .int()
    .positive()
    .default(300)
    .describe('RATE_LIMIT_MAX per minute per client'),
  signInRateLimitMax: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('SIGN_IN_RATE_LIMIT_MAX per minute'),
  bodyLimitBytes: z.coerce.number().int().positive().default(1_048_576).describe('BODY_LIMIT_BYTES'),
  uploadLimitBytes: z.coerce.number().int().positive().default(5_242_880).describe('UPLOAD_LIMIT_BYTES'),
  maxEventLoopDelayMs: z.coerce
    .number()
    .int()
    .nonnegative()
    // Off by default: on a shared machine the delay measures CPU taken by neighbours as much as this
    // process's own load, and shedding on it turned a bounded burst into errors. The in-flight bound below
    // protects the process; turn this on where the API has its CPU to itself.
    .default(0)
    .describe('MAX_EVENT_LOOP_DELAY_MS: shed load with 503 above this event-loop delay (0 = off)'),
  maxRequestsInFlight: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(1000)
    .describe(
      'MAX_REQUESTS_IN_FLIGHT: answer 503 while this many requests are already being served (0 = off)',
    ),
  maxHeapUsedBytes: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('MAX_HEAP_USED_BYTES: shed load with 503 above this heap size (0 = off)'),
  adminEmail: z
    .email()
    .optional()
    .describe('ADMIN_EMAIL: creates the first admin on start-up when there is none'),
  adminPassword: z
    .string()
    .min(12)
    .optional()
    .describe('ADMIN_PASSWORD: password for ADMIN_EMAIL (at least 12 characters)'),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('LOG_LEVEL'),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;

const ENV_NAMES: Record<keyof Config, string> = {
  port: 'API_PORT',
  host: 'API_HOST',
  dataDir: 'DATA_DIR',
  evidenceDir: 'EVIDENCE_DIR',
  databaseUrl: 'DATABASE_URL',
  meiliUrl: 'MEILI_URL',
  meiliApiKey: 'MEILI_API_KEY',
  meiliMasterKey: 'MEILI_MASTER_KEY',
  publicUrl: 'PUBLIC_API_URL',
  siteUrl: 'SITE_URL',
  corsOrigins: 'CORS_ORIGINS',
  authSecret: 'AUTH_SECRET',
  trustProxy: 'TRUST_PROXY',
  rateLimitMax: 'RATE_LIMIT_MAX',
  signInRateLimitMax: 'SIGN_IN_RATE_LIMIT_MAX',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
  uploadLimitBytes: 'UPLOAD_LIMIT_BYTES',
  maxEventLoopDelayMs: 'MAX_EVENT_LOOP_DELAY_MS',
  maxRequestsInFlight: 'MAX_REQUESTS_IN_FLIGHT',
  maxHeapUsedBytes: 'MAX_HEAP_USED_BYTES',
  adminEmail: 'ADMIN_EMAIL',
  adminPassword: 'ADMIN_PASSWORD',
  logLevel: 'LOG_LEVEL',
};

/** Parses the environment; on bad values throws one error naming every variable and what is wrong. */
export function parseEnv(env: NodeJS.ProcessEnv): Config {
  const input: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = Config.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = String(i.path[0]) as keyof Config;
      return `  ${ENV_NAMES[key] ?? key}: ${i.message}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
