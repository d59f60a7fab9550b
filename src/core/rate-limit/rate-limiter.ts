import { InvalidArgumentError } from "../errors/invalid-argument.js";
import { type Clock, systemClock } from "../platform/clock.js";
import { type RateLimitBudget, resolveBudgets, shareOf } from "./budgets.js";
import { credentialOf, KeyHasher } from "./key-hash.js";
import { KeyLane, type LaneContext, type LaneMode } from "./key-lane.js";
import type { SharedBudgetStore } from "./shared-store.js";
import { windowCounter } from "./window-counter.js";

export interface RateLimiterOptions {
  /** The budgets to keep inside (default DEFAULT_RATE_LIMIT_BUDGETS: LoyaltyDog's documented limits). */
  budgets?: readonly RateLimitBudget[];
  /** Divides every window (tests: 30 turns 60 s into 2 s). Default 1. */
  timeScale?: number;
  /** Called with a fresh snapshot after every answer and whenever the mode or a hard stop changes. */
  onRateLimit?: (snapshot: RateLimitSnapshot) => void;
  /** Time source for windows and waits (inject a ManualClock in tests). */
  clock?: Clock;
}

/** The state of one API key's budgets, for dashboards. Times are epoch ms. */
export interface RateLimitSnapshot {
  /** The hash the key's budgets are kept under (never the key). */
  key: string;
  /** `local`: this process alone; `shared`: counted in the store; `fallback`: store out of reach, own share. */
  mode: LaneMode;
  /** Calls waiting for their turn. */
  queued: number;
  /** Per budget: what this process counts (`local`, `fallback`) or what the store last said (`shared`). */
  budgets: { name: string; limit: number; remaining: number; resetAt: number }[];
  /** The server's own count, from the last answer's `X-RateLimit-*` (less what was sent since). */
  server: { limit?: number; remaining?: number; resetAt?: number; pausedUntil?: number };
  /**
   * Set while `mode` is `fallback`: since when (epoch ms), and why, in the store's words when it went away
   * (`RedisNotReadyError: Redis was not ready within 3000 ms …` when the client never connected, or the driver's).
   */
  fallback?: { since: number; reason: string };
  /** Set while a hard-stop budget (the monthly quota) is spent: calls fail with QuotaExhaustedError. */
  stopped?: { budget: string; until: number };
}

/**
 * The opt-in limiter behind the client's `rateLimit` option: it admits each
 * attempt when the key's budgets allow (lanes per key, key-lane.ts) and reads
 * each answer's rate-limit headers. It plugs in as a wrapper around the
 * transport's `fetch`, so the transport knows nothing of it and a client
 * without one pays nothing. One limiter may serve several clients (and
 * keys); give every client of one process the same one.
 */
export class RateLimiter {
  readonly #lanes = new Map<string, KeyLane>();
  readonly #context: LaneContext;
  readonly #hasher = new KeyHasher();
  readonly #onRateLimit: ((snapshot: RateLimitSnapshot) => void) | undefined;

  constructor(options: RateLimiterOptions = {}, store?: { shared: SharedBudgetStore; workers: number }) {
    const where = store ? "createRedisRateLimiter" : "createRateLimiter";
    if (options.onRateLimit !== undefined && typeof options.onRateLimit !== "function") {
      throw new InvalidArgumentError(`${where}: onRateLimit must be a function`);
    }
    const budgets = resolveBudgets(where, options);
    const own = store ? shareOf(budgets, store.workers) : budgets;
    this.#onRateLimit = options.onRateLimit;
    this.#context = {
      clock: options.clock ?? systemClock,
      ownBudgets: own.filter((budget) => budget.scope !== "ip"),
      longestWindowMs: Math.max(
        0,
        ...budgets.map((budget) => (budget.hardStop || budget.window === "utc-month" ? 0 : budget.window)),
      ),
      ipCounters: own.filter((budget) => budget.scope === "ip").map(windowCounter),
      store: store && { shared: store.shared, budgets, workers: store.workers },
      changed: (lane) => this.#emit(lane),
    };
  }

  /**
   * For the client: its API `fetch` (undefined: `globalThis.fetch` at call time, as the transport does), admitting
   * each request first and reading each answer's headers. Beneath the transport's retries, so every attempt waits.
   */
  wrapFetch(fetchImpl: typeof fetch | undefined): typeof fetch {
    return async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const lane = await this.#lane(credentialOf(request.headers));
      await lane.admit(init?.signal ?? request.signal);
      const response = await (fetchImpl ?? globalThis.fetch)(input, init);
      lane.observe(response.status, response.headers, response.status === 429 && (await isQuotaAnswer(response)));
      return response;
    };
  }

  /** Every key's state (usually one key). */
  snapshot(): RateLimitSnapshot[] {
    return [...this.#lanes.values()].map((lane) => this.#snapshotOf(lane));
  }

  async #lane(credential: string): Promise<KeyLane> {
    const keyHash = await this.#hasher.hash(credential);
    let lane = this.#lanes.get(keyHash);
    if (!lane) {
      lane = new KeyLane(keyHash, this.#context);
      this.#lanes.set(keyHash, lane);
    }
    return lane;
  }

  #emit(lane: KeyLane): void {
    if (!this.#onRateLimit) return;
    try {
      this.#onRateLimit(this.#snapshotOf(lane));
    } catch {
      // A dashboard's bug must not break the calls it watches.
    }
  }

  #snapshotOf(lane: KeyLane): RateLimitSnapshot {
    const now = this.#context.clock.now();
    const { hints } = lane;
    const counters = [...lane.counters, ...this.#context.ipCounters];
    const budgets =
      lane.mode === "shared"
        ? this.#context.store!.budgets.map(({ name, limit }) => ({
            name,
            limit,
            remaining: lane.shared[name]?.remaining ?? limit,
            resetAt: lane.shared[name]?.resetAt ?? now,
          }))
        : counters.map((counter) => ({
            name: counter.budget.name,
            limit: counter.budget.limit,
            remaining: counter.remaining(now),
            resetAt: counter.resetAt(now),
          }));
    const server = Object.fromEntries(
      Object.entries({
        limit: hints.limit,
        remaining: hints.remaining,
        resetAt: hints.resetAt,
        pausedUntil: hints.pausedUntil > now ? hints.pausedUntil : undefined,
      }).filter(([, value]) => value !== undefined),
    );
    return {
      key: lane.keyHash,
      mode: lane.mode,
      queued: lane.queued,
      budgets,
      server,
      ...(lane.fallback ? { fallback: { ...lane.fallback } } : {}),
      ...(lane.stop ? { stopped: { ...lane.stop } } : {}),
    };
  }
}

/** A 429's envelope says `monthly_quota_exceeded` (read from a clone, at most 16 KiB: the transport reads the original). */
async function isQuotaAnswer(response: Response): Promise<boolean> {
  const reader = response.clone().body?.getReader();
  if (!reader) return false;
  let text = "";
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length > 16_384) break;
    }
  } catch {
    return false;
  } finally {
    reader.cancel().catch(() => {});
  }
  return /"code"\s*:\s*"monthly_quota_exceeded"/.test(text);
}
