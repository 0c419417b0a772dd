import { z } from 'zod';

/** A field that failed validation, by its full path (`body.costs.0.money.priceYear`). */
export const ProblemFieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;

/**
 * RFC 9457 problem details exactly as the API sends them (application/problem+json): the API declares it on
 * every route so OpenAPI documents the errors. Extensions (e.g. `findings`, `withdrawnAt`) pass through.
 */
export const ProblemSchema = z
  .looseObject({
    type: z
      .string()
      .describe('A URI reference naming the kind of problem, e.g. /problems/validation-failed.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What happened and what to do about it.'),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code.'),
    errors: z
      .array(ProblemFieldError)
      .optional()
      .describe('Each failing field, by path (e.g. body.costs.0.money.priceYear).'),
  })
  .describe('RFC 9457 problem details (application/problem+json).');
export type ProblemSchema = z.infer<typeof ProblemSchema>;

/**
 * How a client reads any error answer: every member optional, because a proxy or an older API may send a
 * bare problem (RFC 9457 defaults `type` to about:blank). Extensions are kept.
 */
export const ProblemDetails = z.looseObject({
  type: z.string().default('about:blank'),
  title: z.string().optional(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(ProblemFieldError).optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** The error responses every route can give, for OpenAPI. */
export const COMMON_ERRORS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  429: ProblemSchema,
  503: ProblemSchema,
} as const;

/** A warning attached to an otherwise successful answer (appraisal and localisation). */
export const Warning = z.object({ code: z.string(), message: z.string() });
export type Warning = z.infer<typeof Warning>;
