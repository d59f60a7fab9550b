import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { InvalidArgumentError } from "../errors/invalid-argument.js";
import type { Clock } from "../platform/clock.js";
import { nextUtcMonthStart, type RateLimitBudget } from "./budgets.js";
import { FirstReady, type RedisLimiterClient } from "./redis-ready.js";
import type { SharedBudgetStore, SharedTake } from "./shared-store.js";

export interface RedisStoreOptions {
  /** An ioredis client (its `eval` is called directly for `follow`), made with `enableOfflineQueue: false` so a command fails at once while Redis is away. */
  redis: RedisLimiterClient;
  /** How long the first calls wait for the client's first `ready` (redis-ready.ts); 0: not at all. */
  readyTimeoutMs: number;
  clock: Clock;
  /** Prefix of every key this store writes (default `loyaltydog:rl`). */
  keyPrefix: string;
  /** Identifies this machine for per-address budgets (the edge's 300 / 10 s): its hash is the key. */
  addressKey: string;
  /** Added to every window, so ours closes after the server's (see below); default 5 % of the window, at most 1 s. */
  marginMs: number | undefined;
}

/**
 * Budgets counted in Redis with rate-limiter-flexible's `RateLimiterRedis`
 * (an atomic Lua INCR + expiry per key and budget), one limiter per budget.
 *
 * Its windows are fixed and start with the first request counted, as the
 * server's do; ours start when we grant, the server's when the request
 * arrives a moment later (by a delay that varies). So each of our windows
 * lasts `marginMs` longer than the server's, and grants nothing in its last
 * `2 × marginMs`: then every request of one of our windows lands in one
 * server window, and the next window's after it, as long as the delays differ
 * by less than `marginMs`. And when an answer says when the server's window
 * ends, ours is made to end no sooner (`follow`): a window of the server's
 * that began late (its first request was slow to arrive) still gets none of
 * our next window's requests. The
 * library counts expiry in whole seconds; its `customIncrTtlLuaScript` option
 * takes ours, which sets it in milliseconds (`PX`, from the limiter's
 * fractional `duration`), so windows stay exact when a test scales them down.
 * The monthly quota is a calendar month: its key carries the month (`2026-12`).
 */
export class RedisBudgetStore implements SharedBudgetStore {
  readonly #limiters = new Map<string, RateLimiterRedis>();
  readonly #firstReady: FirstReady;

  constructor(
    private readonly options: RedisStoreOptions,
    budgets: readonly RateLimitBudget[],
  ) {
    this.#firstReady = new FirstReady(options.redis, options.readyTimeoutMs, options.clock);
    for (const budget of budgets) {
      const windowMs = budget.window === "utc-month" ? MONTH_KEY_TTL_MS : budget.window + this.#margin(budget);
      // The library turns a window under a second into a key that never expires.
      if (windowMs < 1000) {
        throw new InvalidArgumentError(
          `createRedisRateLimiter: the ${budget.name} window is ${windowMs} ms; Redis windows must be ≥ 1000 ms`,
        );
      }
      this.#limiters.set(
        budget.name,
        new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix: `${options.keyPrefix}:${budget.name}`,
          points: budget.limit,
          duration: windowMs / 1000,
          customIncrTtlLuaScript: INCR_PX_SCRIPT,
        }),
      );
    }
  }

  ready(): Promise<void> | undefined {
    return this.#firstReady.wait();
  }

  async take(keyHash: string, budgets: readonly RateLimitBudget[], now: number): Promise<SharedTake> {
    const results = await Promise.allSettled(
      budgets.map((budget) => this.#limiter(budget).consume(this.#key(keyHash, budget, now))),
    );
    const granted: RateLimitBudget[] = [];
    let waitMs = 0;
    let hardStop: string | undefined;
    let error: unknown;
    const remaining: Record<string, { remaining: number; resetAt: number }> = {};
    results.forEach((result, index) => {
      const budget = budgets[index]!;
      if (result.status === "fulfilled") {
        granted.push(budget);
        remaining[budget.name] = { remaining: result.value.remainingPoints, resetAt: now + result.value.msBeforeNext };
      } else if (result.reason instanceof RateLimiterRes) {
        waitMs = Math.max(waitMs, result.reason.msBeforeNext);
        if (budget.hardStop) hardStop = budget.name;
      } else {
        error = result.reason;
      }
    });
    if (granted.length === budgets.length) {
      // In the last stretch of a window a request could reach the server after its window closed, and count in
      // the next one besides that window's own: wait for the next window instead.
      const tail = budgets.find(
        (budget) => budget.window !== "utc-month" && remaining[budget.name]!.resetAt - now < 2 * this.#margin(budget),
      );
      if (tail === undefined) return { granted: true, budgets: remaining };
      granted.splice(0);
      granted.push(...budgets);
      waitMs = remaining[tail.name]!.resetAt - now;
    }
    // Not all budgets agreed: give back what was taken, so a refusal costs nothing.
    await this.refund(keyHash, granted, now).catch(() => {});
    if (error !== undefined) throw error;
    return hardStop === undefined ? { granted: false, waitMs } : { granted: false, waitMs, hardStop };
  }

  async refund(keyHash: string, budgets: readonly RateLimitBudget[], now: number): Promise<void> {
    await Promise.all(budgets.map((budget) => this.#limiter(budget).reward(this.#key(keyHash, budget, now), 1)));
  }

  async follow(keyHash: string, budget: RateLimitBudget, serverResetAt: number, now: number): Promise<void> {
    if (budget.window === "utc-month") return;
    const key = `${this.options.keyPrefix}:${budget.name}:${this.#key(keyHash, budget, now)}`;
    await this.options.redis.eval(EXTEND_SCRIPT, 1, key, Math.ceil(serverResetAt + this.#margin(budget) - now));
  }

  async stop(keyHash: string, budget: RateLimitBudget, until: number, now: number): Promise<void> {
    // The library's block: the key counts as spent for that long, so every worker's next take is refused.
    const seconds = Math.max(1, Math.ceil((until - now) / 1000));
    await this.#limiter(budget).block(this.#key(keyHash, budget, now), seconds);
  }

  #margin(budget: RateLimitBudget): number {
    return this.options.marginMs ?? Math.min(1000, (budget.window as number) * 0.05);
  }

  #limiter(budget: RateLimitBudget): RateLimiterRedis {
    return this.#limiters.get(budget.name)!;
  }

  #key(keyHash: string, budget: RateLimitBudget, now: number): string {
    const owner = budget.scope === "ip" ? this.options.addressKey : keyHash;
    if (budget.window !== "utc-month") return owner;
    const month = new Date(nextUtcMonthStart(now) - 1).toISOString().slice(0, 7);
    return `${owner}:${month}`;
  }
}

/** Lengthens a live window to at least ARGV[1] ms from now; a window that is gone stays gone. */
const EXTEND_SCRIPT = `local ttl = redis.call('pttl', KEYS[1])
if ttl > 0 and ttl < tonumber(ARGV[1]) then redis.call('pexpire', KEYS[1], ARGV[1]) end
return ttl`;

/** A month's key outlives its month by a few days, then Redis drops it. */
const MONTH_KEY_TTL_MS = 35 * 24 * 3_600_000;

/**
 * rate-limiter-flexible's own script with `PX` instead of `EX`: ARGV[4] is the
 * limiter's duration in (fractional) seconds; ARGV[2], whole seconds, is what
 * the library passes for `EX`.
 */
const INCR_PX_SCRIPT = `local ms = math.floor(tonumber(ARGV[4]) * 1000)
redis.call('set', KEYS[1], 0, 'PX', ms, 'NX')
local consumed = redis.call('incrby', KEYS[1], ARGV[1])
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('pexpire', KEYS[1], ms)
  ttl = ms
end
return {consumed, ttl}`;
