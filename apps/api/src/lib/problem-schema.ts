import { z } from 'zod';

/** RFC 9457 problem details as the API sends them; declared on routes so OpenAPI documents the errors. */
export const ProblemSchema = z
  .object({
    type: z
      .string()
      .describe('A URI reference naming the kind of problem, e.g. /problems/validation-failed.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What happened and what to do about it.'),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code.'),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
      .optional()
      .describe('Each failing field, by path (e.g. body.costs.0.money.priceYear).'),
  })
  .passthrough()
  .describe('RFC 9457 problem details (application/problem+json).');

/** The error responses every route can give, for OpenAPI. */
export const COMMON_ERRORS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  429: ProblemSchema,
  503: ProblemSchema,
} as const;
