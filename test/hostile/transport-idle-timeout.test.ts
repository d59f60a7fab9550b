import { afterEach, describe, expect, it } from "vitest";
import { download } from "../../src/download.js";
import {
  APIConnectionTimeoutError,
  createLoyaltyDogClient,
  InvalidArgumentError,
  ResponseBodyTimeoutError,
} from "../../src/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { expectTypedAndClean, params, rejection, STATUS, TOKEN } from "./transport-support.js";

// A body that stalls after the head, or drips: every read is bounded, on the API path and on downloads.
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const stallAfterHead = () =>
  startServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"a":'); // then nothing, ever
  });

describe("a body that stalls after the head", () => {
  it("ends a raw call at timeoutMs (the attempt covers head and body), typed, retried, within bounded time", async () => {
    let hits = 0;
    server = await startServer((_req, res) => {
      hits++;
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"a":');
    });
    const client = createLoyaltyDogClient({
      token: TOKEN,
      baseUrl: server.url,
      timeoutMs: 150,
      maxRetries: 1,
      clock: new FakeClock(),
    });
    const started = Date.now();
    const error = await rejection(client.GET(STATUS, { params }));
    expectTypedAndClean(error, APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/150 ms/);
    expect(hits).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000); // undici's own default would be 300 s
  });

  it("ends it sooner with a shorter bodyIdleTimeoutMs: ResponseBodyTimeoutError", async () => {
    server = await stallAfterHead();
    const client = createLoyaltyDogClient({
      token: TOKEN,
      baseUrl: server.url,
      timeoutMs: 60_000,
      bodyIdleTimeoutMs: 100,
      maxRetries: 0,
    });
    const started = Date.now();
    const error = await rejection(client.GET(STATUS, { params }));
    expectTypedAndClean(error, ResponseBodyTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as ResponseBodyTimeoutError).idleTimeoutMs).toBe(100);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("bounds a body that drips one byte at a time (it is never idle, but the attempt has a deadline)", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const drip = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(drip));
    });
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 300, maxRetries: 0 });
    const error = await rejection(client.GET(STATUS, { params }));
    expectTypedAndClean(error, APIConnectionTimeoutError);
  });

  it("download(client, ).text(): no byte for bodyIdleTimeoutMs is a ResponseBodyTimeoutError", async () => {
    server = await stallAfterHead();
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, bodyIdleTimeoutMs: 100 });
    const response = await download(client, `${server.url}/files/export.csv?X-Amz-Signature=SIGSECRET`);
    const started = Date.now();
    const error = await rejection(response.text());
    expectTypedAndClean(error, ResponseBodyTimeoutError, "SIGSECRET");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a download's own idleTimeoutMs wins, and a steady drip is not idle", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      let sent = 0;
      const drip = setInterval(() => {
        res.write("x");
        if (++sent === 8) {
          clearInterval(drip);
          res.end();
        }
      }, 30);
    });
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 60_000 });
    const response = await download(client, `${server.url}/files/export.csv`, { idleTimeoutMs: 2_000 });
    expect(await response.text()).toBe("xxxxxxxx");
    await expect(download(client, `${server.url}/x`, { idleTimeoutMs: 0 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it("the caller's signal still ends a streaming download body at once", async () => {
    server = await stallAfterHead();
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url });
    const controller = new AbortController();
    const response = await download(client, `${server.url}/files/export.csv`, { signal: controller.signal });
    const reading = response.text();
    controller.abort(new Error("user cancelled"));
    await expect(reading).rejects.toThrow("user cancelled");
  });
});
