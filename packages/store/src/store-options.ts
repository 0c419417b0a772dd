import { z } from 'zod';

export const PgliteStoreOptions = z
  .object({
    engine: z.literal('pglite'),
    dataDir: z
      .string()
      .min(1)
      .optional()
      .describe('Directory of the embedded database; absent = in memory (tests, throwaway runs).'),
  })
  .strict();

export const PostgresStoreOptions = z
  .object({
    engine: z.literal('postgres'),
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'A PostgreSQL URL starts with postgres:// or postgresql://')
      .describe('Connection string, e.g. postgresql://user:pass@host:5432/costed.'),
    maxConnections: z.number().int().positive().max(100).default(10),
  })
  .strict();

export const StoreOptions = z.discriminatedUnion('engine', [PgliteStoreOptions, PostgresStoreOptions]);
export type StoreOptions = z.input<typeof StoreOptions>;
export type ParsedStoreOptions = z.output<typeof StoreOptions>;
