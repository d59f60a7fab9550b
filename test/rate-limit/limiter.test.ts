import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionTimeoutError,
  createLoyaltyDogClient,
  InvalidArgumentError,
  isRetryableError,
  RateLimitError,
} from "../../src/index.js";
import {
  createRateLimiter,
  QuotaExhaustedError,
  type RateLimitBudget,
  type RateLimiterOptions,
  type RateLimitSnapshot,
} from "../../src/rate-limit.js";
import { createLoyaltyDogSimulator, createManualClock, DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";
import type { SimulatorRateLimitOptions } from "../../src/testing/simulator/rate-limiter.js";

// Every test runs client, limiter and simulator on one manual clock: nothing waits for real time.
function setup(
  limiter: RateLimiterOptions,
  simulatorLimits: SimulatorRateLimitOptions | false = { budgets: limiter.budgets },
) {
  const clock = createManualClock();
  const sim = createLoyaltyDogSimulator({ clock, rateLimit: simulatorLimits });
  const snapshots: RateLimitSnapshot[] = [];
  const rateLimit = createRateLimiter({ clock, onRateLimit: (s) => snapshots.push(s), ...limiter });
  const client = createLoyaltyDogClient({
    token: DEFAULT_SIMULATOR_TOKEN,
    fetch: sim.fetch,
    clock,
    rateLimit,
    random: () => 0,
  });
  const call = (options: { signal?: AbortSignal; timeoutMs?: number; maxRetries?: number } = {}) =>
    client.GET("/v2/token", options);
  return { clock, sim, client, rateLimit, call, snapshots };
}

/** Waits until `list` has `length` entries (each step of the client and simulator takes a few ticks). */
async function reach(list: readonly unknown[], length: number): Promise<void> {
  await vi.waitFor(() => expect(list).toHaveLength(length));
}

/** Lets every pending step run, then checks nothing more was sent. */
async function stays(list: readonly unknown[], length: number): Promise<void> {
  await settle();
  expect(list).toHaveLength(length);
}

/** Lets the limiter, the client and the simulator take every step that needs no time to pass. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const burst = (limit: number, window: number): RateLimitBudget[] => [{ name: "burst", limit, window }];

afterEach(() => {
  vi.useRealTimers();
});

describe("rateLimit: one process", () => {
  it("holds calls past the budget and sends them in arrival order when the window allows, with no 429", async () => {
    const { clock, sim, call } = setup({ budgets: burst(3, 1000) });
    const order: number[] = [];
    const calls = [0, 1, 2, 3, 4, 5, 6].map((i) =>
      call().then((result) => {
        order.push(i);
        return result.response.status;
      }),
    );
    await reach(sim.requests, 3);
    clock.advance(999);
    await stays(sim.requests, 3);
    clock.advance(1);
    await reach(sim.requests, 6);
    clock.advance(1000);
    expect(await Promise.all(calls)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sim.requests.map((r) => r.status)).not.toContain(429);
  });

  it("keeps to the server's X-RateLimit-Remaining/Reset when the server's budget is smaller than ours", async () => {
    const { clock, sim, call } = setup({ budgets: burst(100, 1000) }, { budgets: burst(2, 5000) });
    await call();
    await call();
    // The second answer said 0 remaining until the window's reset: the next calls wait for it, unsent.
    const calls = [call(), call()];
    await stays(sim.requests, 2);
    clock.advance(4999);
    await stays(sim.requests, 2);
    clock.advance(1);
    await reach(sim.requests, 4);
    expect((await Promise.all(calls)).map((r) => r.response.status)).toEqual([200, 200]);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it("after a 429 with Retry-After, sends nothing on that key until it has passed", async () => {
    const { clock, sim, call } = setup({ budgets: burst(100, 1000) }, false);
    sim.failNext(1, 429, { retryAfterSeconds: 7 });
    const first = call();
    await reach(sim.requests, 1);
    const second = call();
    await stays(sim.requests, 1);
    expect(sim.requests.map((r) => r.status)).toEqual([429]);
    clock.advance(6999);
    await stays(sim.requests, 1);
    clock.advance(1);
    expect((await first).response.status).toBe(200);
    expect((await second).response.status).toBe(200);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200, 200]);
  });

  it("the caller's signal ends a call while it is queued, and the next in line moves up", async () => {
    const { clock, sim, call } = setup({ budgets: burst(1, 1000) });
    const controller = new AbortController();
    const first = call();
    const aborted = call({ signal: controller.signal });
    const third = call();
    await reach(sim.requests, 1);
    await stays(sim.requests, 1);
    const reason = new Error("user gave up");
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    clock.advance(1000);
    expect((await first).response.status).toBe(200);
    expect((await third).response.status).toBe(200);
    expect(sim.requests).toHaveLength(2);
  });

  it("timeoutMs covers the time queued: APIConnectionTimeoutError, nothing sent for it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { sim, call } = setup({ budgets: burst(1, 60_000) });
    await call();
    const queued = call({ timeoutMs: 2_000, maxRetries: 0 });
    const failure = expect(queued).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    await stays(sim.requests, 1);
    await vi.advanceTimersByTimeAsync(2_000);
    await failure;
    expect(sim.requests).toHaveLength(1);
  });

  it("a monthly_quota_exceeded answer stops every later call of that key with QuotaExhaustedError, unsent", async () => {
    const { sim, call, rateLimit } = setup({ budgets: burst(100, 1000) }, false);
    sim.failNext(1, 429, { code: "monthly_quota_exceeded" });
    const { error, response } = await call();
    expect(response.status).toBe(429);
    expect(error).toMatchObject({ code: "monthly_quota_exceeded" });
    const next = await call().catch((e: unknown) => e);
    expect(next).toBeInstanceOf(QuotaExhaustedError);
    expect((next as QuotaExhaustedError).resetAt.toISOString()).toBe("2025-02-01T00:00:00.000Z");
    expect(isRetryableError(next)).toBe(false);
    expect(sim.requests).toHaveLength(1);
    expect(rateLimit.snapshot()[0]?.stopped).toEqual({ budget: "monthly", until: Date.UTC(2025, 1, 1) });
  });

  it("a server window spent until after every budget's window is the monthly quota: stop, do not wait a month", async () => {
    const monthly: RateLimitBudget = { name: "monthly", limit: 2, window: "utc-month", hardStop: true };
    const { sim, call } = setup({ budgets: burst(100, 1000) }, { budgets: [monthly] });
    await call();
    await call();
    await expect(call()).rejects.toBeInstanceOf(QuotaExhaustedError);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it("counts the monthly quota itself: the call past it fails at once, and calls go again next month", async () => {
    const budgets: RateLimitBudget[] = [{ name: "monthly", limit: 2, window: "utc-month", hardStop: true }];
    const { clock, sim, call } = setup({ budgets }, false);
    await call();
    await call();
    await expect(call()).rejects.toBeInstanceOf(QuotaExhaustedError);
    expect(sim.requests).toHaveLength(2);
    clock.set(Date.UTC(2025, 1, 1));
    expect((await call()).response.status).toBe(200);
  });

  it("snapshots each key's budgets under a hash of the key, and reports them to onRateLimit", async () => {
    const { call, rateLimit, snapshots, clock } = setup({ budgets: burst(5, 1000) }, { budgets: burst(4, 1000) });
    await call();
    await call();
    const key = createHash("sha256").update(DEFAULT_SIMULATOR_TOKEN).digest("hex").slice(0, 32);
    const [snapshot] = rateLimit.snapshot();
    expect(snapshot).toEqual({
      key,
      mode: "local",
      queued: 0,
      budgets: [{ name: "burst", limit: 5, remaining: 3, resetAt: clock.now() + 1000 }],
      server: { limit: 4, remaining: 2, resetAt: clock.now() + 1000 },
    });
    expect(JSON.stringify(snapshots)).not.toContain(DEFAULT_SIMULATOR_TOKEN);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]).toEqual(snapshot);
  });

  it("refuses bad budgets and a rateLimit that is not a limiter", () => {
    expect(() => createRateLimiter({ budgets: [] })).toThrow(InvalidArgumentError);
    expect(() => createRateLimiter({ budgets: burst(0, 1000) })).toThrow(/limit must be a whole number/);
    expect(() => createRateLimiter({ budgets: burst(1, -1) })).toThrow(/window must be/);
    expect(() => createRateLimiter({ timeScale: 0 })).toThrow(/timeScale/);
    expect(() => createLoyaltyDogClient({ token: "t", rateLimit: {} as never })).toThrow(
      /rateLimit must come from createRateLimiter/,
    );
  });
});

describe("simulator rate limits", () => {
  it("enforces the documented budgets by default, on a time scale, with the real headers", async () => {
    const clock = createManualClock();
    const sim = createLoyaltyDogSimulator({ clock, rateLimit: { timeScale: 60 } });
    const get = () =>
      sim.fetch(`${sim.baseUrl}/v2/token`, { headers: { authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}` } });
    for (let i = 0; i < 60; i++) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    // Burst 60 / 60 s at 60×: a 1 s window; the reset and Retry-After keep their fraction.
    expect(limited.headers.get("retry-after")).toBe("1.000");
    expect(limited.headers.get("x-ratelimit-limit")).toBe("60");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("x-ratelimit-reset"))).toBe((clock.now() + 1000) / 1000);
    await expect(limited.json()).resolves.toMatchObject({ code: "rate_limited" });
  });

  it("sends the headers of the budget with the least left, and refuses on whichever is spent", async () => {
    const clock = createManualClock();
    const budgets: RateLimitBudget[] = [
      { name: "burst", limit: 3, window: 1000 },
      { name: "hourly", limit: 5, window: 10_000 },
    ];
    const sim = createLoyaltyDogSimulator({ clock, rateLimit: { budgets } });
    const get = () =>
      sim.fetch(`${sim.baseUrl}/v2/token`, { headers: { authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}` } });
    const remaining = async () => {
      const response = await get();
      return `${response.status} ${response.headers.get("x-ratelimit-limit")}:${response.headers.get("x-ratelimit-remaining")}`;
    };
    expect([await remaining(), await remaining(), await remaining(), await remaining()]).toEqual([
      "200 3:2",
      "200 3:1",
      "200 3:0",
      "429 3:0",
    ]);
    clock.advance(1000);
    expect([await remaining(), await remaining(), await remaining()]).toEqual(["200 5:1", "200 5:0", "429 5:0"]);
  });

  it("answers monthly_quota_exceeded when the monthly quota is spent, with the month's end as reset", async () => {
    const clock = createManualClock();
    const sim = createLoyaltyDogSimulator({
      clock,
      rateLimit: { budgets: [{ name: "monthly", limit: 1, window: "utc-month", hardStop: true }] },
    });
    const get = () =>
      sim.fetch(`${sim.baseUrl}/v2/token`, { headers: { authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}` } });
    expect((await get()).status).toBe(200);
    const spent = await get();
    expect(spent.status).toBe(429);
    expect(spent.headers.get("retry-after")).toBeNull();
    expect(spent.headers.get("x-ratelimit-reset")).toBe(String(Date.UTC(2025, 1, 1) / 1000));
    const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, fetch: sim.fetch, clock });
    const { error, response } = await client.GET("/v2/token");
    expect(response.status).toBe(429);
    expect(error).toMatchObject({ code: "monthly_quota_exceeded" });
    const thrown = await createLoyaltyDogClient({
      token: DEFAULT_SIMULATOR_TOKEN,
      fetch: sim.fetch,
      clock,
      throwOnError: true,
    })
      .GET("/v2/token")
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RateLimitError);
    expect((thrown as RateLimitError).quotaExhausted).toBe(true);
  });
});
