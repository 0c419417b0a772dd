import { describe, expect, it } from 'vitest';
import { STRESS } from './api-process.ts';
import { formatLoad, runLoad } from './load-run.ts';

/**
 * The quick load run: 100 connections for a few seconds per phase against the API process. The figures are
 * printed, never asserted (speed belongs in `pnpm bench load`); what is asserted is that nothing failed or was lost.
 */
describe('load: 100 connections on a mix of reads and authenticated submissions', () => {
  it('answers every request with 2xx and loses no acknowledged submission', async () => {
    const figures = await runLoad({ connections: 100, durationS: STRESS ? 30 : 2 });
    console.log(formatLoad(figures));
    if (figures.non2xx > 0) console.log(`load: ${figures.non2xx} non-2xx answers (by status above)`);
    expect(figures.errors).toBe(0);
    // 100 connections never exceed MAX_REQUESTS_IN_FLIGHT, so nothing may be shed: every answer is 2xx.
    expect(figures.statuses).toEqual(
      Object.fromEntries(Object.entries(figures.statuses).filter(([status]) => status.startsWith('2'))),
    );
    expect(figures.non2xx).toBe(0);
    expect(figures.submissionsAcknowledged).toBeGreaterThan(0);
    expect(figures.submissionsLost).toBe(0);
  }, 300_000);
});
