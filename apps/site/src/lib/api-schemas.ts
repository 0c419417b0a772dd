/**
 * The shapes of the API's answers now live in `@costed/contract`, which the API serialises with and the site
 * parses with, so the two cannot drift apart. This module re-exports it for older imports; new code imports
 * from `@costed/contract` directly.
 */
export * from '@costed/contract';
