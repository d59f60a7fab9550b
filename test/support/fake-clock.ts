import type { Clock } from "../../src/core/clock.js";

/**
 * A virtual clock. By default every sleep advances virtual time at once and
 * resolves on the next microtask, so a 15-minute wait runs in milliseconds.
 * With `manual: true` sleeps stay pending until `advance()`, so a test can
 * act (abort, inspect) while the poller is asleep.
 */
export class FakeClock implements Clock {
  time: number;
  readonly sleeps: number[] = [];
  private readonly manual: boolean;
  private pending: { until: number; resolve: () => void }[] = [];

  constructor(options: { start?: number; manual?: boolean } = {}) {
    this.time = options.start ?? 1_700_000_000_000;
    this.manual = options.manual ?? false;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    if (!this.manual) {
      this.time += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        until: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.pending = this.pending.filter((p) => p !== entry);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.push(entry);
    });
  }

  /** Moves virtual time on (manual mode) and wakes the sleeps that are due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.pending.filter((p) => p.until <= this.time);
    this.pending = this.pending.filter((p) => p.until > this.time);
    for (const p of due) p.resolve();
  }

  get sleeping(): number {
    return this.pending.length;
  }
}

/** Lets pending promise callbacks run (several hops: the poller awaits a few in a row). */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
