import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Organisation API keys: 32 random bytes, shown once at creation, stored only as a SHA-256 hash. A slow password
 * hash is unnecessary here: the key has 256 bits of entropy, so it cannot be guessed from its hash.
 */
export const API_KEY_PREFIX = 'costed_';

export function generateApiKey(): { key: string; hash: string; displayPrefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, API_KEY_PREFIX.length + 6) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return (
    value.startsWith(API_KEY_PREFIX) && value.length >= API_KEY_PREFIX.length + 40 && value.length <= 200
  );
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
