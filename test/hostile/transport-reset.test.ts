import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError, createLoyaltyDogClient } from "../../src/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { expectTypedAndClean, params, rejection, STATUS, TOKEN } from "./transport-support.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Head and half a body, then the connection is reset: the first `resets` times. */
function resetting(resets: number) {
  let hits = 0;
  const handler = (_req: unknown, res: import("node:http").ServerResponse) => {
    hits++;
    res.writeHead(200, { "content-type": "application/json", "content-length": "60" });
    if (hits <= resets) {
      res.write('{"taskId":"t1","status":');
      setTimeout(() => res.socket?.resetAndDestroy(), 10);
      return;
    }
    res.end(JSON.stringify({ taskId: "t1", status: "running" }).padEnd(60, " "));
  };
  return { handler, hits: () => hits };
}

describe("a reset mid-body", () => {
  it("is retried for a replay-safe call, which then succeeds", async () => {
    const script = resetting(1);
    server = await startServer(script.handler);
    const clock = new FakeClock();
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, clock });
    const { data } = await client.GET(STATUS, { params });
    expect(data).toEqual({ taskId: "t1", status: "running" });
    expect(script.hits()).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it("ends in a typed APIConnectionError once the retries are spent", async () => {
    const script = resetting(10);
    server = await startServer(script.handler);
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, clock: new FakeClock(), maxRetries: 1 });
    const error = await rejection(client.GET(STATUS, { params }));
    expectTypedAndClean(error, APIConnectionError);
    expect((error as Error).message).toMatch(/while reading the answer/);
    expect(script.hits()).toBe(2);
  });

  it("is not retried for a POST without an idempotency key (it may have done its work)", async () => {
    const script = resetting(10);
    server = await startServer(script.handler);
    const client = createLoyaltyDogClient({
      token: TOKEN,
      baseUrl: server.url,
      clock: new FakeClock(),
      idempotency: "off",
    });
    const error = await rejection(client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } as never }));
    expectTypedAndClean(error, APIConnectionError);
    expect(script.hits()).toBe(1);
  });
});
