// `@loyaltydog/sdk/rate-limit-redis`: the `rateLimit` limiter shared by every worker on one API key, through Redis
// (rate-limiter-flexible's atomic limiters over an ioredis client). Both are optional peer dependencies: only
// apps that import this entry need them, and the main entry never loads it.
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { InvalidArgumentError } from "./core/errors/invalid-argument.js";
import { systemClock } from "./core/platform/clock.js";
import { resolveBudgets } from "./core/rate-limit/budgets.js";
import { RateLimiter, type RateLimiterOptions } from "./core/rate-limit/rate-limiter.js";
import type { RedisLimiterClient } from "./core/rate-limit/redis-ready.js";
import { RedisBudgetStore } from "./core/rate-limit/redis-store.js";

export { QuotaExhaustedError } from "./core/rate-limit/quota-exhausted-error.js";
export type { RateLimiter, RateLimitSnapshot } from "./core/rate-limit/rate-limiter.js";
export { type RedisLimiterClient, RedisNotReadyError } from "./core/rate-limit/redis-ready.js";

export interface RedisRateLimiterOptions extends RateLimiterOptions {
  /**
   * An ioredis client (5 or 6; `Redis`, typed as what the limiter uses of it); make it with
   * `enableOfflineQueue: false` (and a `commandTimeout`) so a lost Redis fails fast.
   */
  redis: RedisLimiterClient;
  /**
   * How long the first calls wait for the client to connect (its first `ready`), in ms; default 3000. Past that
   * they run on this worker's share (`fallback`, the snapshot says why) until Redis answers. Later calls never wait.
   */
  readyTimeoutMs?: number;
  /**
   * How many workers (processes) share the key. While Redis is out of reach each one keeps to `1 / workers` of
   * every budget, so together they stay inside it.
   */
  workers: number;
  /** Prefix of the Redis keys (default `loyaltydog:rl`). Keys hold a hash of the API key, never the key. */
  keyPrefix?: string;
  /** Extra length of each Redis window, covering the trip to the server; default 5 % of the window, at most 1 s. */
  marginMs?: number;
  /** Names this machine for the per-address edge budget (default `os.hostname()`; hashed). */
  addressKey?: string;
}

/**
 * A limiter for `createLoyaltyDogClient({ token, rateLimit })` whose budgets are counted in Redis, so workers on
 * several processes or machines stay inside one key's limits together; a `monthly_quota_exceeded` seen by one
 * stops all of them until the month rolls over. Without Redis, each falls back to its share.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const where = "createRedisRateLimiter";
  const redis = options?.redis as Partial<RedisLimiterClient> | null | undefined;
  if (
    typeof redis !== "object" ||
    redis === null ||
    typeof redis.status !== "string" ||
    !CLIENT_METHODS.every((method) => typeof redis[method] === "function")
  ) {
    throw new InvalidArgumentError(`${where}: redis must be an ioredis client (new Redis(…) from "ioredis")`);
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  if (!(readyTimeoutMs >= 0 && Number.isFinite(readyTimeoutMs))) {
    throw new InvalidArgumentError(`${where}: readyTimeoutMs must be a number of ms ≥ 0`);
  }
  if (!Number.isSafeInteger(options.workers) || options.workers < 1) {
    throw new InvalidArgumentError(`${where}: workers must be a whole number ≥ 1, got ${String(options.workers)}`);
  }
  if (options.marginMs !== undefined && !(options.marginMs >= 0 && Number.isFinite(options.marginMs))) {
    throw new InvalidArgumentError(`${where}: marginMs must be a number of ms ≥ 0`);
  }
  const address = createHash("sha256")
    .update(options.addressKey ?? hostname())
    .digest("hex")
    .slice(0, 32);
  const store = new RedisBudgetStore(
    {
      redis: options.redis,
      keyPrefix: options.keyPrefix ?? "loyaltydog:rl",
      addressKey: address,
      marginMs: options.marginMs,
      readyTimeoutMs,
      clock: options.clock ?? systemClock,
    },
    resolveBudgets(where, options),
  );
  return new RateLimiter(options, { shared: store, workers: options.workers });
}

/** Long enough for a Redis on the network to accept a connection, short enough that a first call never hangs. */
const DEFAULT_READY_TIMEOUT_MS = 3_000;

const CLIENT_METHODS = ["connect", "on", "removeListener", "defineCommand", "multi", "eval"] as const;
