// The limiter's side of a store that is not ready yet (a Redis client still connecting): calls wait for it and
// then share; a store whose wait fails puts the lane in fallback, and the snapshot says when and why. On a manual
// clock, with a store whose readiness the test controls; the real ioredis wait is redis-ready.slow.test.ts.
import { describe, expect, it, vi } from "vitest";
import type { RateLimitBudget } from "../../src/core/rate-limit/budgets.js";
import { RateLimiter } from "../../src/core/rate-limit/rate-limiter.js";
import type { SharedBudgetStore, SharedTake } from "../../src/core/rate-limit/shared-store.js";
import { createLoyaltyDogClient } from "../../src/index.js";
import { createLoyaltyDogSimulator, createManualClock, DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";

class ConnectingStore implements SharedBudgetStore {
  takes = 0;
  readies = 0;
  connected = false;
  #wait: Promise<void> | undefined;
  #settle: { resolve(): void; reject(error: Error): void } | undefined;
  constructor() {
    this.#wait = new Promise<void>((resolve, reject) => {
      this.#settle = { resolve, reject };
    }).finally(() => {
      this.#wait = undefined;
    });
    this.#wait.catch(() => {});
  }
  connect(): void {
    this.connected = true;
    this.#settle?.resolve();
  }
  fail(error: Error): void {
    this.#settle?.reject(error);
  }
  ready(): Promise<void> | undefined {
    this.readies++;
    return this.#wait;
  }
  async take(): Promise<SharedTake> {
    if (!this.connected) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
    this.takes++;
    return { granted: true };
  }
  async refund(): Promise<void> {}
  async follow(): Promise<void> {}
  async stop(): Promise<void> {}
}

function setup() {
  const clock = createManualClock();
  const sim = createLoyaltyDogSimulator({ clock, rateLimit: false });
  const store = new ConnectingStore();
  const budgets: RateLimitBudget[] = [{ name: "burst", limit: 8, window: 1000 }];
  const rateLimit = new RateLimiter({ clock, budgets }, { shared: store, workers: 4 });
  const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, fetch: sim.fetch, clock, rateLimit });
  return { clock, sim, store, rateLimit, call: () => client.GET("/v2/token") };
}

describe("rateLimit with a store that is not ready yet", () => {
  it("calls wait for it, then are counted in the store: no fallback", async () => {
    const { sim, store, rateLimit, call } = setup();
    const calls = [call(), call(), call()];
    await vi.waitFor(() => expect(store.readies).toBeGreaterThan(0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sim.requests).toHaveLength(0);
    expect(rateLimit.snapshot()[0]).toMatchObject({ mode: "shared", queued: 3 });
    store.connect();
    await Promise.all(calls);
    expect(store.takes).toBe(3);
    expect(rateLimit.snapshot()[0]?.mode).toBe("shared");
    expect(rateLimit.snapshot()[0]?.fallback).toBeUndefined();
  });

  it("a wait that fails: fallback on the share, the snapshot says since when and why", async () => {
    const { clock, sim, store, rateLimit, call } = setup();
    const first = call();
    await vi.waitFor(() => expect(store.readies).toBeGreaterThan(0));
    clock.advance(3_000);
    store.fail(new Error("Redis was not ready within 3000 ms"));
    await first;
    expect(sim.requests).toHaveLength(1);
    expect(rateLimit.snapshot()[0]).toMatchObject({
      mode: "fallback",
      fallback: { since: clock.now(), reason: "Error: Redis was not ready within 3000 ms" },
    });
    // Share of 8 over 4 workers: 2 a window, this call was one of them.
    await call();
    expect(store.takes).toBe(0);
    expect(sim.requests).toHaveLength(2);
  });
});
