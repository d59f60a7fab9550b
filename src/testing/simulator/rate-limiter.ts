/**
 * The per-key burst window LoyaltyDog applies (60 requests / 60 s by default),
 * on the injected clock. It produces the `X-RateLimit-*` headers every answer
 * carries and the 429 with `Retry-After` once the window is spent.
 */

export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 60, windowSeconds: 60 };

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; used: number }>();

  constructor(private readonly options: RateLimitOptions | false) {}

  take(key: string, now: number): RateLimitDecision {
    if (this.options === false) return { allowed: true, headers: {}, retryAfterSeconds: 0 };
    const windowMs = this.options.windowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.used < this.options.limit;
    if (allowed) window.used += 1;
    const resetAt = window.start + windowMs;
    return {
      allowed,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
      headers: {
        "x-ratelimit-limit": String(this.options.limit),
        "x-ratelimit-remaining": String(Math.max(0, this.options.limit - window.used)),
        // Epoch seconds at which the window resets.
        "x-ratelimit-reset": String(Math.ceil(resetAt / 1000)),
      },
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
