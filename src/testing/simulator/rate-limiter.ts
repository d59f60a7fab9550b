/**
 * LoyaltyDog's limits as the simulator enforces them, on the injected clock:
 * every budget of `DEFAULT_RATE_LIMIT_BUDGETS` (burst 60 / 60 s, 1,000 / h and
 * 10,000 / UTC month per key; 300 / 10 s at the edge, for all callers, since
 * every simulator caller comes from one address), each a fixed window that
 * starts with the first request counted. Every answer carries
 * `X-RateLimit-Limit/Remaining/Reset` of the budget with the least left; a
 * spent budget answers 429: `rate_limited` with `Retry-After`, or, for the
 * monthly quota, `monthly_quota_exceeded` until the month rolls over.
 *
 * `timeScale` divides every window, so a test sees an hour pass in seconds;
 * `X-RateLimit-Reset` then carries a fraction of a second (epoch seconds, as
 * always), because a whole second would be most of a scaled window.
 */
import {
  checkBudgets,
  nextUtcMonthStart,
  type RateLimitBudget,
  resolveBudgets,
} from "../../core/rate-limit/budgets.js";

/** The simulator's `rateLimit` option. */
export interface SimulatorRateLimitOptions {
  /** Default: LoyaltyDog's documented budgets. */
  budgets?: readonly RateLimitBudget[];
  /** Divides every window (30: a 60 s window lasts 2 s). Default 1. */
  timeScale?: number;
}

/** The older shape: one burst window of `limit` requests per `windowSeconds`. */
export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** `Retry-After` for a refusal: whole seconds, or with a fraction when time is scaled. */
  retryAfter: string;
  /** The spent budget is a hard stop (the monthly quota). */
  quotaExceeded: boolean;
}

interface Window {
  end: number;
  used: number;
}

export class RateLimiter {
  readonly #budgets: RateLimitBudget[];
  readonly #fractionalReset: boolean;
  readonly #windows = new Map<string, Window>();

  constructor(options: SimulatorRateLimitOptions | RateLimitOptions | false) {
    if (options === false) {
      this.#budgets = [];
      this.#fractionalReset = false;
    } else if ("limit" in options) {
      this.#budgets = checkBudgets("simulator option rateLimit", [
        { name: "burst", limit: options.limit, window: options.windowSeconds * 1000 },
      ]);
      this.#fractionalReset = false;
    } else {
      this.#budgets = resolveBudgets("simulator option rateLimit", options);
      this.#fractionalReset = (options.timeScale ?? 1) !== 1;
    }
  }

  take(key: string, now: number): RateLimitDecision {
    if (this.#budgets.length === 0) return { allowed: true, headers: {}, retryAfter: "0", quotaExceeded: false };
    const windows = this.#budgets.map((budget) => this.#window(budget, key, now));
    const spent = this.#budgets.findIndex((budget, index) => windows[index]!.used >= budget.limit);
    if (spent < 0) for (const window of windows) window.used += 1;
    // The headers describe the budget with the least left (on a refusal: the one that refused).
    let tightest = spent;
    if (tightest < 0) {
      tightest = 0;
      windows.forEach((window, index) => {
        const left = this.#budgets[index]!.limit - window.used;
        if (left < this.#budgets[tightest]!.limit - windows[tightest]!.used) tightest = index;
      });
    }
    const budget = this.#budgets[tightest]!;
    const window = windows[tightest]!;
    const reset = window.end / 1000;
    return {
      allowed: spent < 0,
      quotaExceeded: spent >= 0 && budget.hardStop === true,
      retryAfter: this.#fractionalReset
        ? ((window.end - now) / 1000).toFixed(3)
        : String(Math.max(1, Math.ceil((window.end - now) / 1000))),
      headers: {
        "x-ratelimit-limit": String(budget.limit),
        "x-ratelimit-remaining": String(Math.max(0, budget.limit - window.used)),
        // Epoch seconds at which the window resets.
        "x-ratelimit-reset": this.#fractionalReset ? reset.toFixed(3) : String(Math.ceil(reset)),
      },
    };
  }

  reset(): void {
    this.#windows.clear();
  }

  #window(budget: RateLimitBudget, key: string, now: number): Window {
    const id = `${budget.name}\u0000${budget.scope === "ip" ? "" : key}`;
    let window = this.#windows.get(id);
    if (!window || now >= window.end) {
      const end = budget.window === "utc-month" ? nextUtcMonthStart(now) : now + budget.window;
      window = { end, used: 0 };
      this.#windows.set(id, window);
    }
    return window;
  }
}
