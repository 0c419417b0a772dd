import type { Database } from '@costed/store';
import { betterAuth } from 'better-auth';
import type { Kysely } from 'kysely';

export interface AuthOptions {
  db: Kysely<Database>;
  secret: string;
  /** Absolute URL of the API; better-auth requires it so links and cookies are never built from request headers. */
  baseUrl: string;
  trustedOrigins: string[];
  /** Sign-in attempts allowed per minute per client, enforced by better-auth itself. */
  signInLimitPerMinute: number;
  /** Secure cookies need HTTPS; off for http://localhost. */
  secureCookies: boolean;
}

/** The path the auth handler is mounted on; every better-auth endpoint lives under it. */
export const AUTH_BASE_PATH = '/v1/auth';

/**
 * better-auth for users and server-side sessions (stored in auth_session, revocable), over the store's own
 * database. Its tables are created by the store's migrations (0002-identity), with the same `auth_` names.
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: 'Costed',
    baseURL: options.baseUrl,
    basePath: AUTH_BASE_PATH,
    secret: options.secret,
    database: { db: options.db, type: 'postgres' },
    trustedOrigins: options.trustedOrigins,
    emailAndPassword: { enabled: true, minPasswordLength: 12, autoSignIn: true },
    user: { modelName: 'auth_user' },
    session: {
      modelName: 'auth_session',
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
      // Every request checks the session row, so revoking a session takes effect at once.
      cookieCache: { enabled: false },
    },
    account: { modelName: 'auth_account' },
    verification: { modelName: 'auth_verification' },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 100,
      storage: 'memory',
      customRules: {
        '/sign-in/email': { window: 60, max: options.signInLimitPerMinute },
        '/sign-up/email': { window: 60, max: options.signInLimitPerMinute },
      },
    },
    advanced: {
      cookiePrefix: 'costed',
      useSecureCookies: options.secureCookies,
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
