import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  createLoyaltyDogClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  InvalidArgumentError,
  ResponseTooLargeError,
} from "../../src/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { runTs } from "../support/run-child.js";
import { expectTypedAndClean, params, rejection, STATUS, TOKEN } from "./transport-support.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MiB = 2 ** 20;

describe("response size limit", () => {
  it("cuts a gzip bomb (1 GiB inflated) at the default limit, on decoded bytes, with bounded memory", {
    timeout: 60_000,
  }, async () => {
    // One gzip member of 1 MiB of spaces (about 1 KB on the wire), sent 1024 times: gunzip reads concatenated members.
    const member = gzipSync(Buffer.alloc(MiB, 0x20));
    let sent = 0;
    server = await startServer((req, res) => {
      if (req.headers["x-bomb"] !== "1") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ id: "u1" }));
      }
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const pump = () => {
        while (sent < 1024) {
          sent++;
          if (!res.write(member)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => {
        sent = 1024;
      });
      pump();
    });
    const result = await runTs("test/hostile/transport-bomb-child.ts", [server.url]);
    const outcome = JSON.parse(result.stdout) as { name: string; message: string; ms: number; rssGrowth: number };
    expect(outcome.name).toBe("ResponseTooLargeError");
    expect(outcome.message).toContain(String(DEFAULT_MAX_RESPONSE_BYTES));
    // The limit is 32 MiB; the bomb is 1 GiB. Chunks and zlib's buffers come on top of the limit.
    expect(outcome.rssGrowth).toBeLessThan(160 * MiB);
  });

  it("is configurable per client and per call, and applies to error answers too", async () => {
    const big = JSON.stringify({ detail: "x".repeat(4000) });
    server = await startServer((req, res) => {
      res.writeHead(req.url?.includes("fail") ? 400 : 200, { "content-type": "application/json" });
      res.end(big);
    });
    const small = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, maxResponseBytes: 1000 });
    const error = await rejection(small.GET(STATUS, { params }));
    expectTypedAndClean(error, ResponseTooLargeError, "xxxx");
    expect(error).toMatchObject({ limitBytes: 1000, status: 200, method: "GET" });

    const failing = await rejection(small.GET(STATUS, { params: { path: { task_id: "fail" } } }));
    expectTypedAndClean(failing, ResponseTooLargeError, "xxxx");
    expect(failing).toMatchObject({ status: 400 });

    // A call may raise it (or lower it) for itself.
    const { data } = await small.GET(STATUS, { params, maxResponseBytes: 10_000 });
    expect(data).toBeDefined();
    const roomy = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url });
    await expect(roomy.GET(STATUS, { params, maxResponseBytes: 100 })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("is not retried (the same request would get the same answer)", async () => {
    let hits = 0;
    server = await startServer((_req, res) => {
      hits++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ pad: "y".repeat(5000) }));
    });
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, maxResponseBytes: 100, maxRetries: 2 });
    await expect(client.GET(STATUS, { params })).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(hits).toBe(1);
  });

  it("refuses a nonsensical limit", () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => createLoyaltyDogClient({ token: TOKEN, maxResponseBytes })).toThrow(InvalidArgumentError);
    }
    expect(() => createLoyaltyDogClient({ token: TOKEN, maxResponseBytes: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
