import type { SearchIndex } from '@costed/search';
import type { Store } from '@costed/store';
import { type DrainResult, drainOutbox } from './drain-outbox.ts';

export interface OutboxWorker {
  /** Drains now (coalescing with a drain already running) and resolves when the index has caught up. */
  drainNow(): Promise<DrainResult>;
  /** Stops the timer and waits for a drain in progress; a final drain flushes what is pending. */
  stop(options?: { flush?: boolean }): Promise<void>;
}

/**
 * Drains the outbox on a timer, and on demand after a write so readers see their change at once. Errors are
 * reported, never thrown from the timer: the store keeps failed messages and retries them with backoff.
 */
export function startOutboxWorker(
  store: Store,
  index: SearchIndex,
  options: {
    intervalMs?: number;
    onError?: (error: unknown) => void;
    onDrained?: (result: DrainResult) => void;
  } = {},
): OutboxWorker {
  let running: Promise<DrainResult> | undefined;
  let stopped = false;
  const run = (): Promise<DrainResult> => {
    running ??= drainOutbox(store, index)
      .then((result) => {
        if (result.upserted + result.removed + result.failed > 0) options.onDrained?.(result);
        return result;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) run().catch((error) => options.onError?.(error));
  }, options.intervalMs ?? 1000);
  timer.unref();
  return {
    drainNow: run,
    async stop({ flush = true } = {}) {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      if (flush) await drainOutbox(store, index).catch((error) => options.onError?.(error));
    },
  };
}
