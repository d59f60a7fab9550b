import type { Clock } from "../core/platform/clock.js";

/** 2025-01-01T00:00:00Z: a fixed, readable default so fixtures and URLs are stable. */
export const DEFAULT_CLOCK_START = Date.UTC(2025, 0, 1);

export interface ManualClockOptions {
  /** Epoch milliseconds to start at (default {@link DEFAULT_CLOCK_START}). */
  start?: number;
  /**
   * `false` (default): a `sleep` stays pending until `advance()`/`set()` reaches its deadline, so a test can act
   * (abort, inspect) while the code under test is asleep. `true`: every `sleep` moves time forward by its own
   * length at once and resolves on the next microtask, so a 15-minute poll runs in microseconds.
   */
  autoAdvance?: boolean;
}

interface Sleeper {
  until: number;
  resolve(): void;
}

/**
 * A clock that only moves when a test says so (or, with `autoAdvance`, when the code under test sleeps). Hand it
 * to the simulator (task progress, presigned-URL expiry, rate-limit windows, idempotency retention) and to the
 * client or poller (`clock` option), and one timeline drives both sides without real waiting.
 */
export class ManualClock implements Clock {
  #now: number;
  readonly #autoAdvance: boolean;
  readonly #sleepers = new Set<Sleeper>();
  readonly #sleeps: number[] = [];

  constructor(options: ManualClockOptions = {}) {
    this.#now = options.start ?? DEFAULT_CLOCK_START;
    this.#autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#sleeps.push(ms);
    if (this.#autoAdvance) {
      this.#now += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        until: this.#now + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#sleepers.delete(sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#sleepers.add(sleeper);
      this.#wake();
    });
  }

  /** Moves time forward and resolves every `sleep` whose deadline has passed. */
  advance(ms: number): void {
    this.#now += Math.max(0, ms);
    this.#wake();
  }

  /** Jumps to an absolute time (never backwards) and resolves the sleeps that are due. */
  set(epochMs: number): void {
    this.#now = Math.max(this.#now, epochMs);
    this.#wake();
  }

  /** Every duration passed to `sleep`, in call order: what the code under test chose to wait. */
  get sleeps(): readonly number[] {
    return this.#sleeps;
  }

  /** Sleeps still pending (never more than zero with `autoAdvance`). */
  get sleeping(): number {
    return this.#sleepers.size;
  }

  #wake(): void {
    for (const sleeper of this.#sleepers) {
      if (sleeper.until <= this.#now) {
        this.#sleepers.delete(sleeper);
        sleeper.resolve();
      }
    }
  }
}

/** `createManualClock()` starts at 2025-01-01; pass a number for another start, or options. */
export function createManualClock(options: number | ManualClockOptions = {}): ManualClock {
  return new ManualClock(typeof options === "number" ? { start: options } : options);
}
