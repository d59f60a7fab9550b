import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  APIConnectionTimeoutError,
  createLoyaltyDogClient,
  DEFAULT_RETRY_POLICY,
  type RequestOptions,
} from "../../src/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { json } from "../support/stub-fetch.js";
import { STATUS, setup } from "./scripted-client.js";

const START = "/v2/giftcards/audit-logs/export" as const;
const params = { path: { task_id: "t" } };
const ok = () => json(200, { taskId: "t", status: "pending" });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("per-call options", () => {
  it("maxRetries per call overrides the client's, both ways", async () => {
    const none = setup([json(503, {}), ok()]);
    await none.client.GET(STATUS, { params, maxRetries: 0 });
    expect(none.seen).toHaveLength(1);
    const more = setup([json(503, {})], { maxRetries: 0 });
    await more.client.GET(STATUS, { params, maxRetries: 3 });
    expect(more.seen).toHaveLength(4);
  });

  it("idempotencyKey per call is sent on every attempt and makes a POST retryable", async () => {
    const { client, seen } = setup([json(503, {}), json(202, { taskId: "t" })], { idempotency: "off" });
    await client.POST(START, { body: { format: "csv" } as never, idempotencyKey: "order-42" });
    expect(seen.map((s) => s.headers.get("idempotency-key"))).toEqual(["order-42", "order-42"]);
    expect(seen[1]?.body).toBe(seen[0]?.body);
  });

  it("headers per call are sent and win over the client's own", async () => {
    const { client, seen } = setup([ok()]);
    await client.GET(STATUS, { params, headers: { "x-trace": "abc", "x-request-id": "mine-1" } });
    expect(seen[0]?.headers.get("x-trace")).toBe("abc");
    expect(seen[0]?.headers.get("x-request-id")).toBe("mine-1");
  });

  it("signal per call ends the call", async () => {
    const { client, seen } = setup([ok()]);
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    await expect(client.GET(STATUS, { params, signal: controller.signal })).rejects.toThrow("gone");
    expect(seen).toHaveLength(0);
  });

  it("signal per call still ends an attempt in flight when middleware replaced the request", async () => {
    // openapi-fetch builds requests with the client's own Request class; a middleware's plain Request must do too.
    const hang = (req: Request) =>
      new Promise<Response>((_, reject) => req.signal.addEventListener("abort", () => reject(req.signal.reason)));
    const { client, seen } = setup([hang]);
    client.use({ onRequest: ({ request }) => new Request(request, { headers: { "x-via": "middleware" } }) });
    const controller = new AbortController();
    const call = client.GET(STATUS, { params, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error("gone"));
    await expect(call).rejects.toThrow("gone");
    expect(seen[0]?.headers.get("x-via")).toBe("middleware");
  });

  it("timeoutMs per call is exact for that call only", async () => {
    server = await startServer((req, res) => {
      if (req.url?.endsWith("/slow")) return; // never answers
      res.setHeader("content-type", "application/json");
      res.end('{"taskId":"t","status":"pending"}');
    });
    const client = createLoyaltyDogClient({ token: "t", baseUrl: server.url, maxRetries: 0 });
    const started = Date.now();
    const error = await client
      .GET(STATUS, { params: { path: { task_id: "slow" } }, timeoutMs: 120 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/120 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect((await client.GET(STATUS, { params })).data?.taskId).toBe("t");
  });

  it("are typed: a wrong type for a per-call option does not compile", () => {
    const { client } = setup([ok()]);
    const typeOnly = () => {
      // @ts-expect-error timeoutMs is a number
      void client.GET(STATUS, { params, timeoutMs: "5s" });
      // @ts-expect-error maxRetries is a number
      void client.GET(STATUS, { params, maxRetries: true });
      // @ts-expect-error idempotencyKey is a string
      void client.POST(START, { body: { format: "csv" } as never, idempotencyKey: 42 });
      void client.GET(STATUS, { params, timeoutMs: 5_000, maxRetries: 1, signal: AbortSignal.timeout(10) });
    };
    expect(typeof typeOnly).toBe("function");
    expectTypeOf<RequestOptions["timeoutMs"]>().toEqualTypeOf<number | undefined>();
  });
});

describe("client.withOptions", () => {
  it("derives a client with some options changed, leaving the original alone", async () => {
    const { client, seen } = setup([json(503, {})], { maxRetries: 0 });
    const patient = client.withOptions({ maxRetries: 2 });
    await patient.GET(STATUS, { params });
    expect(seen).toHaveLength(3);
    await client.GET(STATUS, { params });
    expect(seen).toHaveLength(4);
    expect(() => client.withOptions({ timeoutMs: 2 ** 31 })).toThrow(/timeoutMs/);
  });
});

describe("a partial retry policy", () => {
  it("replaces only the fields given", async () => {
    const { client, clock } = setup([json(503, {})], {
      retry: { initialDelayMs: 100, maxDelayMs: 300 },
      maxRetries: 3,
    });
    await client.GET(STATUS, { params });
    expect(clock.sleeps).toEqual([100, 200, 300]);
    const capped = setup([json(429, {}, { "retry-after": "5" }), ok()], { retry: { maxRetryAfterMs: 1_000 } });
    await capped.client.GET(STATUS, { params });
    expect(capped.seen).toHaveLength(1); // 5 s is over this client's cap: give up at once
    const defaults = setup([json(503, {})], { retry: {} });
    await defaults.client.GET(STATUS, { params });
    expect(defaults.clock.sleeps).toHaveLength(DEFAULT_RETRY_POLICY.maxRetries);
  });
});
