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
    // 503 is the API shedding load by design (event-loop delay above MAX_EVENT_LOOP_DELAY_MS, with Retry-After);
    // other test files share this 2-core machine in CI, so a few are allowed here and printed. Anything else fails.
    const shed = figures.statuses['503'] ?? 0;
    expect(figures.non2xx - shed).toBe(0);
    expect(figures.submissionsAcknowledged).toBeGreaterThan(0);
    expect(figures.submissionsLost).toBe(0);
  }, 300_000);
});
