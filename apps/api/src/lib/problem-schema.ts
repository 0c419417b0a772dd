/**
 * RFC 9457 problem details as the API sends them, declared on routes so OpenAPI documents the errors. The
 * schema lives in @costed/contract so clients parse errors with the same definition.
 */
export { COMMON_ERRORS, ProblemSchema } from '@costed/contract';
