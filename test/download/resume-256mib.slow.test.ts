import { createHash, randomFillSync } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import { downloadToFile } from "../../src/node/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { type RangeServer, sha256, startRangeServer } from "../support/range-server.js";

// The proof: a 256 MiB export cut three times — a reset, a stall past the idle timeout, a 503 on
// the resume — ends byte-identical to the source, having fetched at most 5 % more than its size.
const SIZE = 256 * 2 ** 20;
let source: Buffer;
let host: RangeServer;
let dir: string;

beforeAll(async () => {
  source = randomFillSync(Buffer.allocUnsafe(SIZE));
  host = await startRangeServer({ bytes: source });
  dir = mkdtempSync(join(tmpdir(), "ldsdk-256-"));
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

it("a 256 MiB download cut by a reset, a stall and a 503 ends byte-identical, fetched ≤ 1.05 × its size", async () => {
  host.faults = [{ cutAfter: 70 * 2 ** 20, how: "reset" }, { cutAfter: 70 * 2 ** 20, how: "stall" }, { status: 503 }];
  const clock = new FakeClock();
  const client = createLoyaltyDogClient({ token: "ld_test_big", baseUrl: "https://api.loyalty.dog", clock });
  const out = join(dir, "export.csv");
  const saved = await downloadToFile(client, `${host.url}/export.csv`, out, { idleTimeoutMs: 1_000 });
  expect(saved.bytes).toBe(SIZE);
  expect(host.requests.map((r) => r.status)).toEqual([200, 206, 503, 206]);
  expect(await fileSha256(out)).toBe(sha256(source));
  expect(host.bytesSent / SIZE).toBeLessThanOrEqual(1.05);
  // Two resumes and one transport retry, each after the retry policy's backoff, on the fake clock.
  expect(clock.sleeps).toHaveLength(3);
  console.info(`256 MiB, 3 cuts: fetched ${(host.bytesSent / SIZE).toFixed(4)} × size`);
});
