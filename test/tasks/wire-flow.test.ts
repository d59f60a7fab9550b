import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import { downloadToFile } from "../../src/node/index.js";
import { exportAuditLogsAndWait } from "../../src/tasks.js";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type LoyaltyDogSimulator,
} from "../../src/testing/index.js";

// The whole flow over real sockets: an API origin and a separate storage origin on 127.0.0.1.
const EXPORT_BYTES = 48 * 1024 * 1024;
let sim: LoyaltyDogSimulator;
let servers: { apiUrl: string; storageUrl: string; close(): Promise<void> };
let dir: string;

beforeAll(async () => {
  sim = createLoyaltyDogSimulator({ exportSizeBytes: EXPORT_BYTES, tasks: { pollsToComplete: 1 }, rateLimit: false });
  servers = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "ldsdk-wire-"));
});
afterAll(async () => {
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () =>
  createLoyaltyDogClient({
    token: DEFAULT_SIMULATOR_TOKEN,
    merchantToken: "merchant-secret",
    baseUrl: servers.apiUrl,
    // Real sockets, virtual waits: the poller's sleeps return at once.
    clock: { now: () => Date.now(), sleep: async () => {} },
  });

describe("start → poll → download over HTTP", () => {
  it("streams a multi-megabyte export to a file with flat memory and no credentials at the storage host", async () => {
    const ld = client();
    const done = await exportAuditLogsAndWait(ld, { format: "csv" });
    expect(new URL(done.downloadUrl).origin).toBe(servers.storageUrl);

    // Live memory, sampled every 4 MiB after a collection (vitest runs workers with --expose-gc),
    // so garbage not yet collected under load does not count as memory held.
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc).toBeTypeOf("function");
    gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    let nextSample = 0;
    const sample = ({ bytes }: { bytes: number }) => {
      if (bytes < nextSample) return;
      nextSample = bytes + 4 * 1024 * 1024;
      gc?.();
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
    };
    const target = join(dir, "audit.csv");
    const { bytes } = await downloadToFile(ld, done.downloadUrl, target, { onProgress: sample });
    expect(bytes).toBeGreaterThanOrEqual(EXPORT_BYTES);
    expect(statSync(target).size).toBe(bytes);
    expect(readFileSync(target, "utf8").slice(0, 3)).toBe("id,");
    // The export is 48 MiB; holding it would show up here.
    expect(peak).toBeLessThan(24 * 1024 * 1024);

    const storage = sim.storageRequests.at(-1);
    const headerNames = Object.keys(storage?.headers ?? {}).map((h) => h.toLowerCase());
    expect(headerNames).not.toContain("authorization");
    expect(headerNames).not.toContain("x-eposn-merchant-token");
  });

  it("leaves no file, and no partial file, when the download is aborted", async () => {
    const ld = client();
    const done = await exportAuditLogsAndWait(ld, {});
    const controller = new AbortController();
    const target = join(dir, "aborted.csv");
    const pending = downloadToFile(ld, done.downloadUrl, target, {
      signal: controller.signal,
      onProgress: ({ bytes }) => {
        if (bytes > 1024 * 1024) controller.abort(new Error("SIGINT"));
      },
    });
    await expect(pending).rejects.toThrow("SIGINT");
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith("aborted"))).toEqual([]);
  });
});
