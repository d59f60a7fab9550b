import { describe, expect, it } from "vitest";
import { createLoyaltyDogClient, InvalidArgumentError, MAX_RETRIES, MAX_TIMEOUT_MS } from "../../src/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { json, scriptedFetch } from "../support/stub-fetch.js";
import { params, STATUS, TOKEN } from "./transport-support.js";

describe("timeoutMs and maxRetries are bounded", () => {
  it("refuses a timeout setTimeout cannot hold (it would fire at once), and a needless retry count", () => {
    for (const timeoutMs of [2 ** 31, 1e12, Number.POSITIVE_INFINITY, 0, -5, Number.NaN]) {
      expect(() => createLoyaltyDogClient({ token: TOKEN, timeoutMs })).toThrow(InvalidArgumentError);
    }
    expect(() => createLoyaltyDogClient({ token: TOKEN, timeoutMs: MAX_TIMEOUT_MS })).not.toThrow();
    for (const maxRetries of [1e9, MAX_RETRIES + 1, 1.5, -1]) {
      expect(() => createLoyaltyDogClient({ token: TOKEN, maxRetries })).toThrow(
        /maxRetries must be a whole number from 0 to 10/,
      );
    }
    expect(() => createLoyaltyDogClient({ token: TOKEN, maxRetries: MAX_RETRIES })).not.toThrow();
    expect(() => createLoyaltyDogClient({ token: TOKEN, bodyIdleTimeoutMs: 2 ** 31 })).toThrow(/bodyIdleTimeoutMs/);
    expect(() => createLoyaltyDogClient({ token: TOKEN, retry: { maxRetryAfterMs: 2 ** 40 } })).toThrow(
      /maxRetryAfterMs/,
    );
  });

  it("checks per-call values too, before anything is sent", async () => {
    const stub = scriptedFetch([json(200, {})]);
    const client = createLoyaltyDogClient({ token: TOKEN, fetch: stub.fetch });
    await expect(client.GET(STATUS, { params, timeoutMs: 2 ** 31 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.GET(STATUS, { params, maxRetries: 1e9 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.GET(STATUS, { params, idempotencyKey: "a\r\nX-Evil: 1" })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(stub.seen).toHaveLength(0);
  });

  it("a huge maxRetries with Retry-After: 0 cannot make a storm: capped at 10 retries, each after the backoff", async () => {
    const stub = scriptedFetch([json(503, {}, { "retry-after": "0" })]);
    const clock = new FakeClock();
    const client = createLoyaltyDogClient({ token: TOKEN, fetch: stub.fetch, clock, random: () => 0, maxRetries: 10 });
    await client.GET(STATUS, { params });
    expect(stub.seen).toHaveLength(11);
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000]);
  });
});

describe("Retry-After in the past or negative", () => {
  it.each([["-1"], ["Thu, 01 Jan 1970 00:00:00 GMT"], ["0"]])(
    "Retry-After: %s waits the backoff, not nothing",
    async (value) => {
      const stub = scriptedFetch([
        json(503, {}, { "retry-after": value }),
        json(200, { taskId: "t1", status: "running" }),
      ]);
      const clock = new FakeClock();
      const client = createLoyaltyDogClient({ token: TOKEN, fetch: stub.fetch, clock, random: () => 0 });
      const { data } = await client.GET(STATUS, { params });
      expect(data).toBeDefined();
      expect(clock.sleeps).toEqual([500]);
    },
  );

  it("retry-after-ms: -5 is ignored too", async () => {
    const stub = scriptedFetch([json(429, {}, { "retry-after-ms": "-5" }), json(200, {})]);
    const clock = new FakeClock();
    const client = createLoyaltyDogClient({ token: TOKEN, fetch: stub.fetch, clock, random: () => 0 });
    await client.GET(STATUS, { params });
    expect(clock.sleeps).toEqual([500]);
  });
});
