import { z } from 'zod';

/**
 * The site's configuration: the one place environment variables are read. Read at run time (process.env),
 * never at build time, so one build serves every environment.
 */
export const SiteEnv = z.object({
  SITE_PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  SITE_HOST: z.string().min(1).default('127.0.0.1'),
  API_URL: z.url().default('http://localhost:4000'),
  PUBLIC_SITE_URL: z.url().default('http://localhost:4321'),
});
export type SiteEnv = z.infer<typeof SiteEnv>;

export class SiteEnvError extends Error {
  readonly code = 'invalid-site-env';
}

/** Parses the environment; blank values count as unset. Throws one error naming every bad variable. */
export function parseSiteEnv(env: Record<string, string | undefined>): SiteEnv {
  const input = Object.fromEntries(
    Object.keys(SiteEnv.shape).flatMap((name) => {
      const value = env[name];
      return value === undefined || value.trim() === '' ? [] : [[name, value.trim()]];
    }),
  );
  const result = SiteEnv.safeParse(input);
  if (result.success) return { ...result.data, API_URL: result.data.API_URL.replace(/\/+$/, '') };
  const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
  throw new SiteEnvError(
    `The site's configuration is not valid:\n${lines.join('\n')}\nFix these environment variables and start again.`,
  );
}

let cached: SiteEnv | undefined;

/** The process's configuration, parsed once. */
export function readSiteEnv(): SiteEnv {
  cached ??= parseSiteEnv(process.env);
  return cached;
}
