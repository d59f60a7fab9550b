import { APIConnectionError, APIError, RateLimitError } from "../errors/errors.js";

/**
 * When to try a request again, and how long to wait first. Pure functions:
 * the transport (src/core/http/transport.ts) and the poller (src/core/tasks/poller.ts)
 * both ask this one place, so "transient" means the same thing everywhere.
 *
 * | answer                                   | retried?                               |
 * |------------------------------------------|----------------------------------------|
 * | network error, reset, per-attempt timeout | yes                                    |
 * | 408, 429, 500, 502, 503, 504             | yes (429 `monthly_quota_exceeded`: no) |
 * | any other 4xx, 501, 505+                 | no                                     |
 * | caller aborted                            | no, and the wait stops at once         |
 * | `Retry-After` over `maxRetryAfterMs`      | no: give up at once with the error     |
 * | `Retry-After` ≤ 0 or a past date          | yes, after the usual backoff           |
 *
 * Only idempotent methods, or requests carrying an `Idempotency-Key`, are
 * retried at all (see `isReplaySafe`).
 */
export interface RetryPolicy {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** The longest server hint we are willing to wait for; above it we fail fast. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}

/** A request whose repetition cannot do a second, different thing. */
export function isReplaySafe(method: string, headers: Headers): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase()) || headers.has("idempotency-key");
}

/** The same rule as the status table, for errors already thrown (used by the poller and helpers). */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof RateLimitError) return !error.quotaExhausted;
  // Checked before APIError: a connection error is one too (status undefined), and always transient.
  if (error instanceof APIConnectionError) return true;
  return error instanceof APIError && error.status !== undefined && isRetryableStatus(error.status);
}

/**
 * Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped at 8 s, each
 * scaled by a random factor in [0.75, 1] so clients that failed together do
 * not come back together. `retry` is 0 for the first retry.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.initialDelayMs * 2 ** retry, policy.maxDelayMs);
  return Math.round(base * (1 - random() * 0.25));
}

/**
 * The wait before the next attempt, or `undefined` to stop: honours the
 * server's hint when it has one, and gives up when the hint is over the cap.
 * A hint of zero or less (`Retry-After: -1`, a date in the past) is no hint:
 * the backoff is the floor, so a hostile server cannot make us hammer it.
 */
export function retryDelayMs(
  retry: number,
  hintMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (hintMs !== undefined && hintMs > 0) return hintMs > policy.maxRetryAfterMs ? undefined : hintMs;
  return backoffDelayMs(retry, policy, random);
}
