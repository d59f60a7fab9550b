import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  createLoyaltyDogClient,
  LoyaltyDogError,
} from "../../src/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { expectTypedAndClean, params, rejection, STATUS, TOKEN } from "./transport-support.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("one call's timeout is its own", () => {
  it("a call that never answers times out without killing another call's healthy, slowly streamed answer", async () => {
    // "slow": head at once, body over ~60 % of the timeout. "dead": never answers.
    server = await startServer((req, res) => {
      if (req.url?.endsWith("/dead")) return;
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"taskId":"slow",');
      setTimeout(() => res.end('"status":"running"}'), 240);
    });
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 400, maxRetries: 0 });
    const dead = rejection(client.GET(STATUS, { params: { path: { task_id: "dead" } } }));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the dead call started first: its timer fires first
    const slow = client.GET(STATUS, { params: { path: { task_id: "slow" } } });
    const [deadError, slowResult] = await Promise.all([dead, slow]);
    expectTypedAndClean(deadError, APIConnectionTimeoutError);
    expect(slowResult.data).toEqual({ taskId: "slow", status: "running" });
  });

  it("every rejection is an Error of the SDK's hierarchy that prints (no bare Symbol), across many concurrent timeouts", async () => {
    server = await startServer((req, res) => {
      if (req.url?.includes("dead")) return;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"taskId":"ok","status":"running"}');
    });
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, maxRetries: 0 });
    // The dead calls get a short per-call timeout; the healthy ones keep the client's 60 s.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? client.GET(STATUS, { params: { path: { task_id: "dead" } }, timeoutMs: 150 })
          : client.GET(STATUS, { params: { path: { task_id: "ok" } } }),
      ),
    );
    outcomes.forEach((outcome, i) => {
      if (i % 2 === 0) {
        expect(outcome.status).toBe("fulfilled");
        return;
      }
      expect(outcome.status).toBe("rejected");
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(LoyaltyDogError);
      expect(reason).toBeInstanceOf(APIConnectionError);
      expect(() => `${reason}`).not.toThrow();
    });
  });

  it("adds no listener to a long-lived caller signal that outlives the calls", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"taskId":"ok","status":"running"}');
    });
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const shared = new AbortController().signal;
      for (let round = 0; round < 3; round++) {
        await Promise.all(Array.from({ length: 30 }, () => client.GET(STATUS, { params, signal: shared })));
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((name) => name === "MaxListenersExceededWarning")).toEqual([]);
  });
});
