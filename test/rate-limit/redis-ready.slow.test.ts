// The Redis limiter made the way the README makes it: the ioredis client is still connecting when the first calls
// come (nobody awaits `ready`), and with `enableOfflineQueue: false` a command sent before then fails at once. The
// first calls wait for the connection, at most `readyTimeoutMs`, and then share through Redis; a Redis that never
// answers costs the first call that bound once, then the limiter runs on its share and its snapshot says why.
// Real redis-server and ioredis (the lockfile's; ioredis 6 is run by test/workspace/readme-snippets.e2e.ts).
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import { createRedisRateLimiter, type RateLimitSnapshot } from "../../src/rate-limit-redis.js";
import { createLoyaltyDogSimulator, createManualClock, DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";
import { freePort, RedisServer, requireRedisInCi } from "../support/redis-server.js";

const hasRedis = requireRedisInCi();
const clients: Redis[] = [];

/** A client as the README makes one (fail fast, reconnect), on `port`. */
function readmeClient(port: number, extra: { lazyConnect?: boolean } = {}): Redis {
  const redis = new Redis({
    port,
    host: "127.0.0.1",
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    retryStrategy: () => 50,
    ...extra,
  });
  redis.on("error", () => {});
  clients.push(redis);
  return redis;
}

function limitedClient(redis: Redis, options: { clock?: ReturnType<typeof createManualClock> } = {}) {
  const sim = createLoyaltyDogSimulator({ rateLimit: false, ...(options.clock ? { clock: options.clock } : {}) });
  const snapshots: RateLimitSnapshot[] = [];
  const rateLimit = createRedisRateLimiter({
    redis,
    workers: 4,
    keyPrefix: `ready-test:${Math.random()}`,
    onRateLimit: (snapshot) => snapshots.push(snapshot),
    ...options,
  });
  const client = createLoyaltyDogClient({
    token: DEFAULT_SIMULATOR_TOKEN,
    fetch: sim.fetch,
    rateLimit,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { sim, snapshots, rateLimit, call: () => client.GET("/v2/token") };
}

afterEach(() => {
  for (const redis of clients.splice(0)) redis.disconnect();
});

describe.skipIf(!hasRedis)("createRedisRateLimiter with a client that is still connecting", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.kill();
  });

  it("the first calls wait for the connection and share through Redis, never falling back", async () => {
    const redis = readmeClient(server.port);
    expect(redis.status).not.toBe("ready");
    const { snapshots, rateLimit, call } = limitedClient(redis);
    const answers = await Promise.all([call(), call(), call()]);
    expect(answers.map((answer) => answer.response.status)).toEqual([200, 200, 200]);
    expect(snapshots.map((snapshot) => snapshot.mode)).not.toContain("fallback");
    const [snapshot] = rateLimit.snapshot();
    expect(snapshot?.mode).toBe("shared");
    expect(snapshot?.fallback).toBeUndefined();
    // Counted in Redis: the burst budget there has 3 fewer left.
    expect(snapshot?.budgets.find((budget) => budget.name === "burst")?.remaining).toBe(57);
  });

  it("a lazyConnect client is connected by the first call, which then shares", async () => {
    const redis = readmeClient(server.port, { lazyConnect: true });
    expect(redis.status).toBe("wait");
    const { rateLimit, call } = limitedClient(redis);
    expect((await call()).response.status).toBe(200);
    expect(rateLimit.snapshot()[0]?.mode).toBe("shared");
  });
});

describe.skipIf(!hasRedis)("createRedisRateLimiter with a Redis that never answers", () => {
  it("waits readyTimeoutMs once, then runs on its share; the snapshot says why; later calls do not wait", async () => {
    const port = await freePort();
    const redis = readmeClient(port);
    const clock = createManualClock();
    const { sim, rateLimit, call } = limitedClient(redis, { clock });
    const first = call();
    await vi.waitFor(() => expect(clock.sleeps).toContain(3_000));
    // Until the bound passes, nothing is sent (the call waits for Redis, not on its share).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.requests).toHaveLength(0);
    clock.advance(3_000);
    expect((await first).response.status).toBe(200);
    const [snapshot] = rateLimit.snapshot();
    expect(snapshot?.mode).toBe("fallback");
    expect(snapshot?.fallback?.since).toBe(clock.now());
    expect(snapshot?.fallback?.reason).toMatch(
      /^RedisNotReadyError: Redis was not ready within 3000 ms \(ioredis status (connecting|reconnecting|close)/,
    );
    // The wait is spent: the next call fails fast on ioredis (offline queue off) and goes on the share at once,
    // with no clock advanced; the snapshot still says when and why the fallback began.
    expect((await call()).response.status).toBe(200);
    expect(sim.requests).toHaveLength(2);
    expect(rateLimit.snapshot()[0]?.fallback).toEqual(snapshot?.fallback);
  });

  it("readyTimeoutMs 0 is today's behaviour: no wait, the first call falls back at once", async () => {
    const redis = readmeClient(await freePort());
    const rateLimit = createRedisRateLimiter({ redis, workers: 2, readyTimeoutMs: 0 });
    const sim = createLoyaltyDogSimulator({ rateLimit: false });
    const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, fetch: sim.fetch, rateLimit });
    expect((await client.GET("/v2/token")).response.status).toBe(200);
    expect(rateLimit.snapshot()[0]?.mode).toBe("fallback");
    expect(rateLimit.snapshot()[0]?.fallback?.reason).toMatch(/enableOfflineQueue|Connection is closed/);
  });
});
