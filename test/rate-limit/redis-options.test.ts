// createRedisRateLimiter's options: `redis` is typed as what the limiter uses of the client (ioredis's `Redis` is
// one; `npm run typecheck` checks that against the lockfile's ioredis 5, test/workspace/readme-snippets.e2e.ts
// against ioredis 6), and anything else is refused with a clear error at run time too.
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/index.js";
import { createRedisRateLimiter, type RedisRateLimiterOptions } from "../../src/rate-limit-redis.js";

describe("createRedisRateLimiter options", () => {
  it("takes an ioredis client, typed (no connection is made until a call needs one)", () => {
    const redis = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    const options: RedisRateLimiterOptions = { redis, workers: 2 };
    expect(createRedisRateLimiter(options).snapshot()).toEqual([]);
    expect(redis.status).toBe("wait");
  });

  it.each([
    ["an empty object", {}],
    ["a promise of a client", Promise.resolve({})],
    ["a node-redis-like client without status", { connect() {}, on() {}, eval() {}, multi() {} }],
    ["null", null],
  ])("refuses %s as redis, by name", (_, redis) => {
    // @ts-expect-error not what the limiter needs
    expect(() => createRedisRateLimiter({ redis, workers: 2 })).toThrow(
      new InvalidArgumentError('createRedisRateLimiter: redis must be an ioredis client (new Redis(…) from "ioredis")'),
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses readyTimeoutMs %s", (readyTimeoutMs) => {
    const redis = new Redis({ lazyConnect: true });
    expect(() => createRedisRateLimiter({ redis, workers: 2, readyTimeoutMs })).toThrow(
      /readyTimeoutMs must be a number of ms ≥ 0/,
    );
  });
});
