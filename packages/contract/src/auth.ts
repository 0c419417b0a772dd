import { Role } from '@costed/schema';
import { z } from 'zod';

/** GET /v1/me: who the caller is (anonymous, a signed-in user, or an organisation API key). */
export const Me = z.object({
  kind: z.enum(['anonymous', 'user', 'api-key']),
  role: Role,
  userId: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  organisations: z.array(z.object({ organisationId: z.string(), role: z.string() })),
});
export type Me = z.infer<typeof Me>;

/** What an organisation API key may do. */
export const API_KEY_SCOPES = ['submissions:read', 'submissions:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** An API key as listed: never the key itself, only its first characters. */
export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  displayPrefix: z.string().describe('The first characters of the key, to tell keys apart.'),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

/** GET /v1/organisations/:organisationId/api-keys */
export const ApiKeysResponse = z.object({ keys: z.array(ApiKey) });
export type ApiKeysResponse = z.infer<typeof ApiKeysResponse>;

/** POST /v1/organisations/:organisationId/api-keys: the only answer that carries the key. */
export const CreatedApiKey = ApiKey.extend({
  key: z.string().describe('The key. Store it now: it cannot be shown again.'),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
