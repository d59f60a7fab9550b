import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError, APIConnectionTimeoutError, createLoyaltyDogClient } from "../../src/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { startServer, type TestServer } from "../support/http-server.js";

// Real sockets on 127.0.0.1: resets, refused connections and stalls are what the wire does, not what a mock says.
const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, extra: { timeoutMs?: number; maxRetries?: number } = {}) {
  const clock = new FakeClock();
  return { clock, ld: createLoyaltyDogClient({ token: "ld_test_secret", baseUrl: url, clock, ...extra }) };
}

describe("over a real socket", () => {
  it("retries a connection reset and then succeeds", async () => {
    let hits = 0;
    server = await startServer((req, res) => {
      hits++;
      if (hits === 1) return req.socket.destroy();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ taskId: "t", status: "success" }));
    });
    const { ld, clock } = client(server.url);
    const { data } = await ld.GET(STATUS, { params: { path: { task_id: "t" } } });
    expect(data?.status).toBe("success");
    expect(hits).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it("times out an attempt whose answer does not come, retries, then throws APIConnectionTimeoutError", async () => {
    let hits = 0;
    server = await startServer(() => {
      hits++; // never answers
    });
    const { ld } = client(server.url, { timeoutMs: 100, maxRetries: 1 });
    const error = await ld.GET(STATUS, { params: { path: { task_id: "t" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/100 ms/);
    expect(hits).toBe(2);
  });

  it("times out an attempt that carries a caller's signal too (each attempt has its own exact timer)", async () => {
    let hits = 0;
    server = await startServer(() => {
      hits++; // never answers
    });
    const { ld } = client(server.url, { timeoutMs: 80, maxRetries: 0 });
    const started = Date.now();
    const signal = new AbortController().signal;
    const error = await ld.GET(STATUS, { params: { path: { task_id: "t" } }, signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75); // never early: at least timeoutMs (timer slack aside)
    expect(hits).toBe(1);
  });

  it("throws APIConnectionError when nothing listens", async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const { ld, clock } = client(closed.url, { maxRetries: 2 });
    const error = await ld.GET(STATUS, { params: { path: { task_id: "t" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionError).url).toBe(`${closed.url}/v2/giftcards/audit-logs/export/t`);
    expect(clock.sleeps).toHaveLength(2);
  });

  it("aborts an in-flight request at once when the caller aborts", async () => {
    server = await startServer(() => {});
    const { ld } = client(server.url);
    const controller = new AbortController();
    const pending = ld.GET(STATUS, { params: { path: { task_id: "t" } }, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 20);
    await expect(pending).rejects.toThrow("user cancelled");
  });
});
