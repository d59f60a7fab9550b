import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createLoyaltyDogSimulator,
  DEFAULT_MAX_REQUEST_BODY_BYTES,
  DEFAULT_SIMULATOR_TOKEN,
} from "../../src/testing/index.js";
import { serveOnLoopback } from "../../src/testing/node-http-adapter.js";
import { runTs } from "../support/run-child.js";
import { listenMsw, mswServer, type Running, start, type Transport } from "./transports.js";

beforeAll(() => listenMsw());
afterAll(() => mswServer.close());

const MiB = 1024 * 1024;

/** A zero-filled body of `total` bytes, generated as it is pulled; `pulled()` says how much was asked for. */
function generatedBody(total: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const size = Math.min(64 * 1024, total - pulled);
      pulled += size;
      controller.enqueue(new Uint8Array(size));
    },
  });
  return { stream, pulled: () => pulled };
}

const bulkPath = "/v2/giftcards/programs/p1/cards/bulk";
const auth = { authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}`, "content-type": "application/json" };

describe("the simulator's request-body cap, applied as the real edge does (nginx: 413, 1 MiB)", () => {
  it("refuses a 200 MB body after reading about 1 MiB of it (msw and fetch, no socket)", async () => {
    run = await start("msw");
    const body = generatedBody(200 * MiB);
    const response = await fetch(`${run.apiUrl}${bulkPath}`, {
      method: "POST",
      headers: auth,
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toContain("<title>413 Request Entity Too Large</title>");
    // The cap, plus at most the chunks already queued when the reader stopped.
    expect(body.pulled()).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BODY_BYTES + 4 * 64 * 1024);
    expect(run.sim.requests.map((r) => r.status)).toEqual([413]);
    expect(run.sim.stats.bulkIssuances).toBe(0);
  });

  it("over real sockets: 413 with bounded memory, the upload cut off near the cap (child process)", async () => {
    const result = await runTs("test/testing/children/oversized-upload.ts", ["200"]);
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout);
    expect(outcome.status).toBe(413);
    expect(outcome.title).toBe("413 Request Entity Too Large");
    expect(outcome.recorded).toEqual([413]);
    // Before the cap the whole 200 MB was buffered (RSS +1.2 GB). Now the server stops reading at 1 MiB and
    // closes: the client gets out only what the loopback socket buffers hold.
    expect(outcome.sentMiB).toBeLessThan(32);
    expect(outcome.rssGrowthMiB).toBeLessThan(64);
  });

  describe.each<Transport>(["msw", "http"])("over %s", (transport) => {
    it("takes a body of exactly maxRequestBodyBytes and refuses one byte more", async () => {
      const json = JSON.stringify({ initialValue: 10, count: 1 });
      run = await start(transport, { maxRequestBodyBytes: 200 });
      const call = (padding: number) =>
        fetch(`${run.apiUrl}${bulkPath}`, { method: "POST", headers: auth, body: json + " ".repeat(padding) });
      expect((await call(200 - json.length)).status).toBe(201);
      expect((await call(201 - json.length)).status).toBe(413);
    });

    it("answers an ordinary JSON body over the cap with the 413, recorded with its request id", async () => {
      run = await start(transport, { maxRequestBodyBytes: 1000 });
      const response = await run.call("POST", "/v2/giftcards/gdpr/export", {
        body: { format: "json", customerId: "c1", pad: "x".repeat(2000) },
      });
      expect(response.status).toBe(413);
      expect(response.headers.get("x-request-id")).toMatch(/^req_sim_/);
      expect(run.sim.requests.map((r) => r.status)).toEqual([413]);
    });
  });

  let run: Running;
  afterEach(async () => {
    await run?.close();
  });
});

describe("a declared Content-Length over the cap", () => {
  it("is refused without reading a byte", async () => {
    const sim = createLoyaltyDogSimulator();
    const body = generatedBody(200 * MiB);
    const response = await sim.fetch(
      new Request(`${sim.baseUrl}${bulkPath}`, {
        method: "POST",
        headers: { ...auth, "content-length": String(200 * MiB) },
        body: body.stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(body.pulled()).toBe(0);
  });
});

describe("the node:http adapter's own cap", () => {
  it("fails the body stream past the cap, so a handler reading it whole gets the 413 instead", async () => {
    let handlerError: unknown;
    const server = await serveOnLoopback(
      async (request) => {
        try {
          return new Response(`read ${(await request.text()).length}`);
        } catch (error) {
          handlerError = error;
          throw error;
        }
      },
      { maxRequestBodyBytes: 64 * 1024 },
    );
    try {
      const small = await fetch(server.url, { method: "POST", body: "x".repeat(64 * 1024) });
      expect(await small.text()).toBe(`read ${64 * 1024}`);
      const body = generatedBody(50 * MiB);
      const large = await fetch(server.url, { method: "POST", body: body.stream, duplex: "half" } as RequestInit);
      expect(large.status).toBe(413);
      expect(large.headers.get("connection")).toBe("close");
      expect(handlerError).toBeDefined();
      expect(body.pulled()).toBeLessThan(32 * MiB);
    } finally {
      await server.close();
    }
  });
});
