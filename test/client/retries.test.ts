import { describe, expect, it } from "vitest";
import { createLoyaltyDogClient, InvalidArgumentError, RateLimitError, unwrap } from "../../src/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { json, scriptedFetch } from "../support/stub-fetch.js";
import { STATUS, setup } from "./scripted-client.js";

const BULK = "/v2/giftcards/programs/{programId}/cards/bulk" as const;
const ok = () => json(200, { taskId: "t", status: "pending" });

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries %i and then succeeds", async (status) => {
    const { getStatus, seen, clock } = setup([json(status, { detail: "busy" }), ok()]);
    const { data } = await getStatus();
    expect(data?.status).toBe("pending");
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([500]);
  });

  it.each([400, 401, 402, 403, 404, 409, 422, 501])("does not retry %i", async (status) => {
    const { getStatus, seen } = setup([json(status, { detail: "no" }), ok()]);
    const { error, response } = await getStatus();
    expect(response.status).toBe(status);
    expect(error).toEqual({ detail: "no" });
    expect(seen).toHaveLength(1);
  });

  it("backs off exponentially with jitter and stops after maxRetries", async () => {
    const { getStatus, seen, clock } = setup([json(503, {})], { maxRetries: 4, random: () => 0.999 });
    const { response } = await getStatus();
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(5);
    // 0.5 s, 1 s, 2 s, 4 s, each scaled by a jitter factor in (0.75, 1]: here near its low end.
    [500, 1000, 2000, 4000].forEach((base, i) => {
      expect(clock.sleeps[i]).toBeGreaterThanOrEqual(base * 0.75);
      expect(clock.sleeps[i]).toBeLessThan(base * 0.76);
    });
  });

  it("caps the backoff at 8 s", async () => {
    const { getStatus, clock } = setup([json(503, {})], { maxRetries: 6 });
    await getStatus();
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it("honours Retry-After seconds, HTTP dates and retry-after-ms", async () => {
    const date = new Date(Date.now() + 3_000).toUTCString();
    const seconds = setup([json(429, { code: "rate_limited" }, { "retry-after": "2" }), ok()]);
    await seconds.getStatus();
    expect(seconds.clock.sleeps).toEqual([2000]);
    const ms = setup([json(503, {}, { "retry-after-ms": "250" }), ok()]);
    await ms.getStatus();
    expect(ms.clock.sleeps).toEqual([250]);
    const http = setup([json(503, {}, { "retry-after": date }), ok()]);
    http.clock.time = Date.now();
    await http.getStatus();
    expect(http.clock.sleeps[0]).toBeGreaterThan(1_000);
    expect(http.clock.sleeps[0]).toBeLessThanOrEqual(3_000);
  });

  it("gives up at once when Retry-After is over the 60 s cap", async () => {
    const { getStatus, seen, clock } = setup([json(429, { code: "rate_limited" }, { "retry-after": "120" }), ok()]);
    const result = await getStatus();
    expect(seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    const error = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
  });

  it("never retries monthly_quota_exceeded", async () => {
    const body = { code: "monthly_quota_exceeded", message: "quota", request_id: "r1" };
    const { getStatus, seen } = setup([json(429, body, { "retry-after": "1" }), ok()]);
    const result = await getStatus();
    expect(seen).toHaveLength(1);
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ quotaExhausted: true, requestId: "r1" }));
  });

  it("does not retry a POST without an idempotency key", async () => {
    const { client, seen } = setup([json(503, {}), json(202, { taskId: "t", status: "pending" })]);
    const { response } = await client.POST("/v2/giftcards/audit-logs/export", { body: {} });
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.has("idempotency-key")).toBe(false);
  });

  it("adds an idempotency key to spec-declared operations and reuses it, with the same body, on every retry", async () => {
    const { client, seen } = setup([json(503, {}), new TypeError("fetch failed"), json(201, { taskId: "b1" })]);
    const body = { initialValue: 10, count: 100 };
    const { data } = await client.POST(BULK, { params: { path: { programId: "p1" } }, body });
    expect(data).toEqual({ taskId: "b1" });
    expect(seen).toHaveLength(3);
    const keys = seen.map((s) => s.headers.get("idempotency-key"));
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(1);
    expect(seen.map((s) => s.body)).toEqual(Array(3).fill(JSON.stringify(body)));
    // A new call is a new operation: a new key.
    await client.POST(BULK, { params: { path: { programId: "p1" } }, body });
    expect(seen[3]?.headers.get("idempotency-key")).not.toBe(keys[0]);
  });

  it("also keys the loyalty writes that need a key although the spec does not declare it", async () => {
    const { client, seen } = setup([json(503, {}), json(200, {})]);
    await client.POST("/v2/loyalty/programs/{programId}/customers/{customerId}/points/add", {
      params: { path: { programId: "p", customerId: "c" } },
      body: {} as never,
    });
    expect(seen).toHaveLength(2);
    const key = seen[0]?.headers.get("idempotency-key");
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.headers.get("idempotency-key")).toBe(key);
  });

  it("keeps the caller's key, and opts every POST in with idempotency: all-posts", async () => {
    const own = setup([json(503, {}), json(201, { taskId: "b1" })]);
    await own.client.POST(BULK, {
      params: { path: { programId: "p1" }, header: { "idempotency-key": "mine-123" } },
      body: { initialValue: 1, count: 1 },
    });
    expect(own.seen.map((s) => s.headers.get("idempotency-key"))).toEqual(["mine-123", "mine-123"]);

    const all = setup([json(503, {}), json(202, { taskId: "t", status: "pending" })], { idempotency: "all-posts" });
    const { response } = await all.client.POST("/v2/giftcards/audit-logs/export", { body: {} });
    expect(response.status).toBe(202);
    expect(all.seen).toHaveLength(2);
    expect(all.seen[0]?.headers.get("idempotency-key")).toBe(all.seen[1]?.headers.get("idempotency-key"));

    const off = setup([json(201, {})], { idempotency: "off" });
    await off.client.POST(BULK, { params: { path: { programId: "p1" } }, body: { initialValue: 1, count: 1 } });
    expect(off.seen[0]?.headers.has("idempotency-key")).toBe(false);
  });

  it("sends one X-Request-Id per call, kept across retries, and keeps the caller's", async () => {
    const { client, getStatus, seen } = setup([json(503, {}), ok()]);
    await getStatus();
    const ids = seen.map((s) => s.headers.get("x-request-id"));
    expect(ids[0]).toBeTruthy();
    expect(ids[1]).toBe(ids[0]);
    await client.GET(STATUS, { params: { path: { task_id: "t" }, header: { "X-Request-Id": "mine.1" } } } as never);
    expect(seen[2]?.headers.get("x-request-id")).toBe("mine.1");
    // The API takes 1-128 of A-Za-z0-9._-: anything else is refused before sending.
    await expect(
      client.GET(STATUS, { params: { path: { task_id: "t" }, header: { "X-Request-Id": "has space" } } } as never),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(seen).toHaveLength(3);
  });

  it("stops at once when the caller aborts during a backoff sleep", async () => {
    const controller = new AbortController();
    // Manual mode: the backoff sleep stays pending until the test aborts it.
    const clock = new FakeClock({ manual: true });
    const stub = scriptedFetch([json(503, {}), ok()]);
    const client = createLoyaltyDogClient({ token: "t", fetch: stub.fetch, clock });
    const pending = client.GET(STATUS, { params: { path: { task_id: "t" } }, signal: controller.signal });
    while (clock.sleeps.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
    clock.advance(10_000);
    expect(stub.seen).toHaveLength(1);
    expect(clock.sleeps).toHaveLength(1);
  });

  it("does not send at all when the signal is already aborted", async () => {
    const { getStatus, seen } = setup([ok()]);
    await expect(getStatus(AbortSignal.abort(new Error("early")))).rejects.toThrow("early");
    expect(seen).toHaveLength(0);
  });
});

describe("credentials", () => {
  it("asks a token provider once per request, so a rotated token is used next time", async () => {
    let current = "ld_test_one";
    let asked = 0;
    const stub = scriptedFetch([ok()]);
    const client = createLoyaltyDogClient({
      token: async () => {
        asked++;
        return current;
      },
      merchantToken: "m-token",
      customerToken: () => "c-token",
      fetch: stub.fetch,
    });
    await client.GET(STATUS, { params: { path: { task_id: "t" } } });
    current = "ld_test_two";
    await client.GET(STATUS, { params: { path: { task_id: "t" } } });
    expect(asked).toBe(2);
    expect(stub.seen.map((s) => s.headers.get("authorization"))).toEqual(["Bearer ld_test_one", "Bearer ld_test_two"]);
    expect(stub.seen[0]?.headers.get("x-eposn-merchant-token")).toBe("m-token");
    expect(stub.seen[0]?.headers.get("x-eposn-customer-token")).toBe("c-token");
    expect(stub.seen[0]?.headers.get("user-agent")).toMatch(/^loyaltydog-sdk-js\/\d+\.\d+\.\d+/);
  });

  it("lets a call override the merchant token", async () => {
    const stub = scriptedFetch([ok()]);
    const client = createLoyaltyDogClient({ token: "t", merchantToken: "default", fetch: stub.fetch });
    await client.GET(STATUS, { params: { path: { task_id: "t" }, header: { "X-Eposn-Merchant-Token": "per-call" } } });
    expect(stub.seen[0]?.headers.get("x-eposn-merchant-token")).toBe("per-call");
  });
});
