import type { Clock } from "../core/clock.js";

/**
 * A clock that only moves when a test says so. The simulator reads `now()` for
 * time-based task progress, presigned-URL expiry, rate-limit windows and
 * idempotency retention, so a test can jump an hour ahead without waiting.
 * It also implements `sleep`, so it can be handed to SDK code that waits.
 */
export interface ManualClock extends Clock {
  /** Moves time forward and resolves every `sleep` whose deadline has passed. */
  advance(ms: number): void;
  /** Jumps to an absolute time (never backwards). */
  set(epochMs: number): void;
}

/** 2025-01-01T00:00:00Z: a fixed, readable default so fixtures and URLs are stable. */
export const DEFAULT_CLOCK_START = Date.UTC(2025, 0, 1);

export function createManualClock(startMs: number = DEFAULT_CLOCK_START): ManualClock {
  let current = startMs;
  const sleepers = new Set<{ until: number; resolve: () => void }>();
  const wake = () => {
    for (const sleeper of sleepers) {
      if (sleeper.until <= current) {
        sleepers.delete(sleeper);
        sleeper.resolve();
      }
    }
  };
  return {
    now: () => current,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper = {
          until: current + Math.max(0, ms),
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          sleepers.delete(sleeper);
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        sleepers.add(sleeper);
        wake();
      });
    },
    advance(ms) {
      current += Math.max(0, ms);
      wake();
    },
    set(epochMs) {
      current = Math.max(current, epochMs);
      wake();
    },
  };
}
