import { abortableSleep } from "./abort.js";

/**
 * Time, as the retry loop and the poller see it. Injected so tests (and the
 * polling benchmark) run on a simulated clock with no real waiting.
 */
export interface Clock {
  /** Milliseconds, monotonic enough for elapsed-time arithmetic. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as it aborts, clearing the timer. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: abortableSleep,
};
