import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DownloadChangedError, DownloadIntegrityError, download } from "../../src/download.js";
import { createLoyaltyDogClient, ResponseTooLargeError } from "../../src/index.js";
import { rejectionOf } from "../hostile/support.js";
import { FakeClock } from "../support/fake-clock.js";
import { type RangeServer, sha256, startRangeServer } from "../support/range-server.js";

// `client.download`'s stream across cuts: what the reader sees must be the object, each byte once, or a typed error.
const SIZE = 2 * 2 ** 20 + 777;
const SOURCE = randomBytes(SIZE);
let host: RangeServer;

beforeAll(async () => {
  host = await startRangeServer({ bytes: SOURCE });
});
afterEach(() => host.reset());
afterAll(() => host.close());

const client = () =>
  createLoyaltyDogClient({
    token: "ld_test_stream",
    baseUrl: "https://api.loyalty.dog",
    clock: new FakeClock(),
    random: () => 0,
  });

/** Reads the whole body, keeping what arrived before an error. */
async function readAll(response: Response): Promise<{ bytes: Buffer; error: unknown }> {
  const chunks: Uint8Array[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: Buffer.concat(chunks), error: undefined };
      chunks.push(value);
    }
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error };
  }
}

describe("client.download resumes inside the stream", () => {
  it("a reset and a stall are invisible to the reader: the object, each byte once", async () => {
    host.faults = [
      { cutAfter: 600_000, how: "reset" },
      { cutAfter: 600_000, how: "stall" },
    ];
    const response = await download(client(), `${host.url}/export.csv`, { idleTimeoutMs: 200 });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(SIZE));
    const { bytes, error } = await readAll(response);
    expect(error).toBeUndefined();
    expect(bytes.length).toBe(SIZE);
    expect(sha256(bytes)).toBe(sha256(SOURCE));
    expect(host.requests.map((r) => r.status)).toEqual([200, 206, 206]);
  });

  it("an object replaced after bytes were read: DownloadChangedError, and only old-version bytes were delivered", async () => {
    const replacement = randomBytes(SIZE);
    host.faults = [{ cutAfter: 600_000, how: "reset" }];
    host.onRequest = (request) => {
      if (request.range) host.object = { bytes: replacement };
    };
    const { bytes, error } = await readAll(await download(client(), `${host.url}/export.csv`));
    expect(error).toBeInstanceOf(DownloadChangedError);
    expect((error as DownloadChangedError).bytesDelivered).toBe(bytes.length);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.equals(SOURCE.subarray(0, bytes.length))).toBe(true);
  });

  it("a body that stays short of its Content-Range: DownloadIntegrityError after the retry budget", async () => {
    host.faults = [{ cutAfter: 600_000, how: "reset" }, { lieShort: 10 }, { lieShort: 10 }, { lieShort: 10 }];
    const { bytes, error } = await readAll(await download(client(), `${host.url}/export.csv`));
    expect(error).toBeInstanceOf(DownloadIntegrityError);
    expect(error).toMatchObject({ check: "length", expected: String(SIZE), actual: String(SIZE - 10) });
    expect(bytes.equals(SOURCE.subarray(0, SIZE - 10))).toBe(true);
  });

  it("maxBytes counts the whole object across resumes", async () => {
    host.faults = [{ cutAfter: 600_000, how: "reset" }];
    // Each answer (600,000 bytes, then the rest) is under the limit; only the whole object is over it.
    const { error } = await readAll(await download(client(), `${host.url}/export.csv`, { maxBytes: SIZE - 1 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("an abort while a resume is under way ends the stream with the caller's reason", async () => {
    host.faults = [{ cutAfter: 600_000, how: "stall" }];
    const controller = new AbortController();
    const reason = new Error("stop");
    // Aborted when the resume's request (the one with a Range) reaches the host, not during the first answer.
    const resumed: string[] = [];
    host.onRequest = (request) => {
      if (request.range) {
        resumed.push(request.range);
        controller.abort(reason);
      }
    };
    const response = await download(client(), `${host.url}/export.csv`, {
      signal: controller.signal,
      idleTimeoutMs: 200,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const error = await rejectionOf(
      (async () => {
        for (;;) {
          if ((await reader.read()).done) return;
        }
      })(),
    );
    expect(error).toBe(reason);
    expect(resumed).toEqual(["bytes=600000-"]);
  });
});
