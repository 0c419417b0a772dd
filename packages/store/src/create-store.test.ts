import { describe, expect, it } from 'vitest';
import { createStore, redact } from './create-store.ts';

describe('createStore options', () => {
  it('refuses options that are not one of the two engines, saying what to pass', async () => {
    await expect(createStore({ engine: 'sqlite' } as never)).rejects.toMatchObject({
      code: 'STORE_OPTIONS_INVALID',
      message: expect.stringContaining("{ engine: 'postgres', url }"),
    });
    await expect(createStore({ engine: 'postgres', url: 'mysql://x' })).rejects.toMatchObject({
      code: 'STORE_OPTIONS_INVALID',
      message: expect.stringContaining('url: A PostgreSQL URL starts with postgres://'),
    });
  });

  it('reports an unreachable PostgreSQL without leaking the password', async () => {
    const error = await createStore({
      engine: 'postgres',
      url: 'postgresql://app:s3cret@127.0.0.1:1/costed',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'POSTGRES_UNAVAILABLE' });
    expect((error as Error).message).toContain('postgresql://app:***@127.0.0.1:1/costed');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('hides only the password in a URL', () => {
    expect(redact('postgres://u:p@h:5432/d')).toBe('postgres://u:***@h:5432/d');
    expect(redact('postgres://u@h/d')).toBe('postgres://u@h/d');
  });
});
