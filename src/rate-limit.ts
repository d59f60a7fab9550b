// `@loyaltydog/sdk/rate-limit`: the opt-in limiter for the client's `rateLimit` option, in one process.
// Across processes on Redis: `@loyaltydog/sdk/rate-limit-redis`.
import { RateLimiter, type RateLimiterOptions } from "./core/rate-limit/rate-limiter.js";

export type { RateLimitBudget } from "./core/rate-limit/budgets.js";
export { DEFAULT_RATE_LIMIT_BUDGETS, scaleBudgets } from "./core/rate-limit/budgets.js";
export { QuotaExhaustedError } from "./core/rate-limit/quota-exhausted-error.js";
export type { RateLimiter, RateLimiterOptions, RateLimitSnapshot } from "./core/rate-limit/rate-limiter.js";

/**
 * A limiter for `createLoyaltyDogClient({ token, rateLimit: createRateLimiter() })`: keeps each API key inside
 * LoyaltyDog's budgets (burst 60 / 60 s, 1,000 / h, 10,000 / UTC month, 300 / 10 s per address) and inside what
 * the server's `X-RateLimit-*` and `Retry-After` say, queueing calls in order.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  return new RateLimiter(options);
}
