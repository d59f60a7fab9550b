import { retryAfterMs } from "../errors/retry-after.js";

/**
 * What the server last said about the budget of one key: `X-RateLimit-Limit`,
 * `-Remaining`, `-Reset` on every answer, `Retry-After` on a 429. The limiter
 * counts on its own, but the server is the authority: other clients may share
 * the key, and windows may not line up. So a request waits when the server's
 * count (less what we sent since) is spent, until its reset, and after a 429
 * until its Retry-After: the next request goes out when it will be accepted,
 * not to find out.
 */
export class ServerHints {
  limit: number | undefined;
  /** The server's remaining count, lowered by each request we sent since (they are not in it yet). */
  remaining: number | undefined;
  /** Epoch ms at which `remaining` no longer holds. */
  resetAt: number | undefined;
  /** After a 429: nothing goes out before this (epoch ms). */
  pausedUntil = 0;

  /** Reads one answer's headers. */
  observe(status: number, headers: Headers, now: number): void {
    const limit = headerNumber(headers, "x-ratelimit-limit");
    const remaining = headerNumber(headers, "x-ratelimit-remaining");
    const reset = resetEpochMs(headers.get("x-ratelimit-reset"), now);
    if (limit !== undefined) this.limit = limit;
    if (remaining !== undefined && reset !== undefined) {
      // Answers overtake each other: within one window the lowest count is the newest; a later reset is a new window.
      const sameWindow = this.resetAt !== undefined && Math.abs(reset - this.resetAt) < 1000 && now < this.resetAt;
      this.remaining = sameWindow ? Math.min(this.remaining ?? remaining, remaining) : remaining;
      if (!sameWindow || reset > (this.resetAt ?? 0)) this.resetAt = reset;
    }
    if (status === 429) {
      const hint = retryAfterMs(headers, now);
      const until = hint !== undefined && hint > 0 ? now + hint : (reset ?? now + 1000);
      this.pausedUntil = Math.max(this.pausedUntil, until);
    }
  }

  /** One request went out on our side. */
  sent(): void {
    if (this.remaining !== undefined) this.remaining--;
  }

  /**
   * Ms to wait before the next request, or 0. `reserve` leaves that many of the server's remaining requests to
   * other workers (used while they cannot coordinate through the shared store).
   */
  waitMs(now: number, reserve = 0): number {
    if (this.pausedUntil > now) return this.pausedUntil - now;
    if (this.resetAt === undefined || this.remaining === undefined) return 0;
    if (now >= this.resetAt) {
      this.remaining = undefined;
      return 0;
    }
    return this.remaining > reserve ? 0 : this.resetAt - now;
  }
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * `X-RateLimit-Reset` as epoch ms. Epoch seconds (possibly with a fraction) as LoyaltyDog sends it; a small
 * number is read as seconds from now, the other convention in the wild.
 */
export function resetEpochMs(value: string | null, now: number): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds > 1e9 ? seconds * 1000 : now + seconds * 1000;
}
