import { nextUtcMonthStart, type RateLimitBudget } from "./budgets.js";

/** One budget's use, in one process: how long until the next request fits, and what is left. */
export interface WindowCounter {
  readonly budget: RateLimitBudget;
  /** 0 when a request may go now; else the ms until one does. */
  waitMs(now: number): number;
  record(now: number): void;
  remaining(now: number): number;
  /** Epoch ms at which the whole budget is back: the newest counted request stops counting (or the month ends). */
  resetAt(now: number): number;
}

export function windowCounter(budget: RateLimitBudget): WindowCounter {
  return budget.window === "utc-month" ? new CalendarMonthCounter(budget) : new SlidingWindowCounter(budget);
}

/**
 * The last `limit` send times in a ring. A request fits when fewer than
 * `limit` were sent in the last `window` ms, so every span of that length,
 * wherever the server puts its own window edges, holds at most `limit`: a
 * fixed window on our side could send a full window's worth on each side of
 * the server's edge. Memory is `limit` numbers (1,000 for the hourly budget).
 */
class SlidingWindowCounter implements WindowCounter {
  readonly #times: Float64Array;
  #next = 0;
  readonly #window: number;

  constructor(readonly budget: RateLimitBudget) {
    this.#times = new Float64Array(budget.limit).fill(Number.NEGATIVE_INFINITY);
    this.#window = budget.window as number;
  }

  waitMs(now: number): number {
    // The slot we would overwrite holds the oldest of the last `limit` sends.
    return Math.max(0, this.#times[this.#next]! + this.#window - now);
  }

  record(now: number): void {
    this.#times[this.#next] = now;
    this.#next = (this.#next + 1) % this.#times.length;
  }

  remaining(now: number): number {
    let used = 0;
    for (const time of this.#times) if (time > now - this.#window) used++;
    return this.budget.limit - used;
  }

  resetAt(now: number): number {
    const newest = this.#times[(this.#next + this.#times.length - 1) % this.#times.length]!;
    return Math.max(now, newest + this.#window);
  }
}

/** The monthly quota: a count that starts again at 0 when the UTC month rolls over. */
class CalendarMonthCounter implements WindowCounter {
  #used = 0;
  #monthEnd = 0;

  constructor(readonly budget: RateLimitBudget) {}

  waitMs(now: number): number {
    this.#roll(now);
    return this.#used < this.budget.limit ? 0 : this.#monthEnd - now;
  }

  record(now: number): void {
    this.#roll(now);
    this.#used++;
  }

  remaining(now: number): number {
    this.#roll(now);
    return this.budget.limit - this.#used;
  }

  resetAt(now: number): number {
    this.#roll(now);
    return this.#monthEnd;
  }

  #roll(now: number): void {
    if (now >= this.#monthEnd) {
      this.#used = 0;
      this.#monthEnd = nextUtcMonthStart(now);
    }
  }
}
