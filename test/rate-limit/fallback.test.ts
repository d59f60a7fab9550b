// The limiter's side of a shared store going away, on a manual clock, with a store that can be switched off:
// the real Redis store is proven in redis-workers.slow.test.ts.
import { describe, expect, it, vi } from "vitest";
import type { RateLimitBudget } from "../../src/core/rate-limit/budgets.js";
import { RateLimiter, type RateLimitSnapshot } from "../../src/core/rate-limit/rate-limiter.js";
import type { SharedBudgetStore, SharedTake } from "../../src/core/rate-limit/shared-store.js";
import { createLoyaltyDogClient } from "../../src/index.js";
import { createLoyaltyDogSimulator, createManualClock, DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";

/** Counts every take, like the store would, but throws while `down`. */
class SwitchableStore implements SharedBudgetStore {
  down = false;
  takes = 0;
  stops: number[] = [];
  async take(): Promise<SharedTake> {
    if (this.down) throw new Error("connection refused");
    this.takes++;
    return { granted: true };
  }
  async refund(): Promise<void> {}
  async follow(): Promise<void> {}
  async stop(_key: string, _budget: RateLimitBudget, until: number): Promise<void> {
    if (this.down) throw new Error("connection refused");
    this.stops.push(until);
  }
}

function setup() {
  const clock = createManualClock();
  const sim = createLoyaltyDogSimulator({ clock, rateLimit: false });
  const store = new SwitchableStore();
  const modes: RateLimitSnapshot["mode"][] = [];
  const budgets: RateLimitBudget[] = [
    { name: "burst", limit: 8, window: 1000 },
    { name: "monthly", limit: 1000, window: "utc-month", hardStop: true },
  ];
  const rateLimit = new RateLimiter(
    { clock, budgets, onRateLimit: (s) => modes.at(-1) !== s.mode && modes.push(s.mode) },
    { shared: store, workers: 4 },
  );
  const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, fetch: sim.fetch, clock, rateLimit });
  return { clock, sim, store, modes, call: () => client.GET("/v2/token"), rateLimit };
}

describe("rateLimit with a shared store", () => {
  it("asks the store for every call while it answers", async () => {
    const { store, call, rateLimit } = setup();
    for (let i = 0; i < 10; i++) await call();
    expect(store.takes).toBe(10);
    expect(rateLimit.snapshot()[0]?.mode).toBe("shared");
  });

  it("store away: keeps to its share (limit / workers) on its own count, then shares again when it is back", async () => {
    const { clock, sim, store, modes, call } = setup();
    await call();
    store.down = true;
    // Share: 8 / 4 = 2 per window. The call before counted in it too (it was this worker's).
    const calls = [call(), call(), call()];
    await vi.waitFor(() => expect(sim.requests).toHaveLength(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sim.requests).toHaveLength(2);
    store.down = false;
    clock.advance(1000);
    await Promise.all(calls);
    expect(sim.requests).toHaveLength(4);
    expect(modes).toEqual(["shared", "fallback", "shared"]);
  });

  it("a monthly_quota_exceeded answer is written to the store for the other workers", async () => {
    const { sim, store, call } = setup();
    sim.failNext(1, 429, { code: "monthly_quota_exceeded" });
    await call();
    await vi.waitFor(() => expect(store.stops).toEqual([Date.UTC(2025, 1, 1)]));
  });
});
