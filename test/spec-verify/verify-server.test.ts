/**
 * verifyServer in process: against the simulator (its `fetch`, no sockets), with the SDK's rate limiter on a
 * manual clock, and against `allHandlers()` (an answer for every operation), where ids from list answers let it
 * reach the operations under them.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { createLoyaltyDogClient } from "../../src/index.js";
import { createRateLimiter } from "../../src/rate-limit.js";
import { deviationLine } from "../../src/spec-verify/deviation.js";
import { UNREACHABLE_AFTER, verifyServer } from "../../src/spec-verify/verify-server.js";
import {
  allHandlers,
  createLoyaltyDogSimulator,
  createManualClock,
  DEFAULT_SIMULATOR_TOKEN,
  fixtures,
} from "../../src/testing/index.js";

const token = DEFAULT_SIMULATOR_TOKEN;

describe("verifyServer against the simulator", () => {
  it("conforms as it is, and reports each injected deviation once", async () => {
    const sim = createLoyaltyDogSimulator({ rateLimit: false });
    const client = createLoyaltyDogClient({ token, baseUrl: sim.baseUrl, fetch: sim.fetch });
    const clean = await verifyServer(client);
    expect(clean.status).toBe("conforms");
    expect(clean.deviations).toEqual([]);
    expect(clean.counts.conforms).toBeGreaterThan(0);

    const { email: _dropped, ...user } = fixtures.userRead();
    sim.failNext(1, 200, {
      method: "GET",
      path: "/v2/token",
      rawBody: { body: JSON.stringify(user), contentType: "application/json" },
    });
    const seen: string[] = [];
    const report = await verifyServer(client, { onResult: (r) => seen.push(r.operation) });
    expect(report.status).toBe("deviations");
    expect(report.deviations.map(deviationLine)).toEqual(["GET /v2/token body /email: expected string, got missing"]);
    expect(report.operations.find((o) => o.operation === "GET /v2/token")?.outcome).toBe("deviates");
    expect(seen).toEqual(report.operations.map((o) => o.operation));
    expect(new Set(seen).size).toBe(operations.filter((o) => o.method === "GET").length);
  });

  it("keeps inside the key's budget through the SDK's limiter: waits out the window, never meets a 429", async () => {
    const clock = createManualClock({ autoAdvance: true });
    const budgets = [{ name: "burst", limit: 4, window: 60_000 }];
    const sim = createLoyaltyDogSimulator({ clock, rateLimit: { budgets } });
    const client = createLoyaltyDogClient({
      token,
      baseUrl: sim.baseUrl,
      fetch: sim.fetch,
      clock,
      rateLimit: createRateLimiter({ budgets, clock }),
    });
    const start = clock.now();
    const report = await verifyServer(client);
    expect(report.status).toBe("conforms");
    const sent = sim.requests.length;
    expect(sent).toBeGreaterThan(budgets[0]!.limit);
    expect(sim.requests.filter((r) => r.status === 429)).toEqual([]);
    // Four calls a window: the run waited for every window after the first.
    expect(clock.now() - start).toBeGreaterThanOrEqual((Math.ceil(sent / 4) - 1) * 60_000);
  });

  it("a refused key leaves nothing checked: status unchecked", async () => {
    const sim = createLoyaltyDogSimulator({ rateLimit: false });
    const client = createLoyaltyDogClient({ token: "ld_test_revoked", baseUrl: sim.baseUrl, fetch: sim.fetch });
    const report = await verifyServer(client);
    expect(report).toMatchObject({ status: "unchecked", deviations: [], counts: { conforms: 0, deviates: 0 } });
    expect(report.operations.filter((o) => o.outcome === "not checked").every((o) => o.reason === "answered 401")).toBe(
      true,
    );
  });
});

describe("verifyServer against a server that is not there", () => {
  it("stops calling after a few connection failures in a row: the rest is not checked, status unchecked", async () => {
    let attempts = 0;
    const refused: typeof fetch = async () => {
      attempts += 1;
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    };
    const client = createLoyaltyDogClient({ token, fetch: refused, maxRetries: 0 });
    const report = await verifyServer(client);
    expect(report.status).toBe("unchecked");
    expect(attempts).toBe(UNREACHABLE_AFTER);
    const reasons = report.operations.filter((o) => o.outcome === "not checked").map((o) => o.reason);
    expect(reasons.slice(0, UNREACHABLE_AFTER)).toEqual(Array(UNREACHABLE_AFTER).fill("APIConnectionError"));
    expect(new Set(reasons.slice(UNREACHABLE_AFTER))).toEqual(new Set(["server unreachable"]));
  });
});

describe("verifyServer against allHandlers() (an answer for every operation)", () => {
  const server = setupServer(...allHandlers({ seed: 3 }));
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("reaches operations with path parameters through ids from the list answers above them", async () => {
    // allHandlers answers bodies only; the API's request id header is added as the API would.
    const withRequestId: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      const headers = new Headers(answer.headers);
      headers.set("x-request-id", "req_all_handlers");
      return new Response(answer.body, { status: answer.status, headers });
    };
    const client = createLoyaltyDogClient({ token, fetch: withRequestId });
    const report = await verifyServer(client);
    expect(report.deviations.map(deviationLine)).toEqual([]);
    const withIds = report.operations.filter(
      (o) =>
        o.outcome === "conforms" &&
        operations.find((op) => `${op.method} ${op.path}` === o.operation)?.pathParams.length,
    );
    expect(withIds.length).toBeGreaterThan(0);
    for (const skipped of report.operations.filter((o) => o.outcome === "skipped" && o.reason?.startsWith("no {"))) {
      expect(skipped.reason).toMatch(/^no \{\w+\} from a list answer$/);
    }
  });
});
