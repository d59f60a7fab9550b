import { spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listenMsw, mswServer, type Running, start, type Transport } from "./transports.js";

beforeAll(() => listenMsw());
afterAll(() => mswServer.close());

const MiB = 1024 * 1024;

/** Lets sockets and stream queues fill until the producer stops (it should, when nobody reads). */
async function settle(read: () => number): Promise<void> {
  let last = -1;
  for (let stable = 0; stable < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = read();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

describe.each<Transport>(["msw", "http"])("a large export over %s", (transport) => {
  let run: Running;
  afterEach(async () => {
    await run?.close();
  });

  it("streams a 48 MiB CSV without producing ahead of the reader", async () => {
    run = await start(transport, { exportSizeBytes: 48 * MiB, tasks: { pollsToComplete: 0 } });
    const { taskId } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
    const { downloadUrl } = await (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json();

    const response = await fetch(downloadUrl);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let consumed = 0;
    let lastByte = 0;
    const first = await reader.read();
    consumed += first.value?.byteLength ?? 0;

    // Stop reading: the producer must stall with at most socket and queue buffers in flight.
    await settle(() => run.sim.stats.exportBytesProduced);
    expect(run.sim.stats.exportBytesProduced - consumed).toBeLessThan(16 * MiB);

    // Drain, holding nothing but a counter.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      consumed += value.byteLength;
      lastByte = value[value.byteLength - 1] ?? lastByte;
    }
    expect(consumed).toBeGreaterThanOrEqual(48 * MiB);
    expect(consumed).toBeLessThan(48 * MiB + 1024); // ends at the first row boundary past the size
    expect(lastByte).toBe(0x0a);
    expect(run.sim.stats.exportBytesProduced).toBe(consumed);
  });
});

/**
 * The longest wait between ticks of a 10 ms interval while `work` runs: how long the host's timers (a test's
 * timeout, the SDK's own timeouts, a progress bar) were frozen.
 */
async function worstTickGap(work: () => Promise<void>): Promise<{ worstMs: number; ticks: number }> {
  let last = performance.now();
  let worstMs = 0;
  let ticks = 0;
  const interval = setInterval(() => {
    const now = performance.now();
    worstMs = Math.max(worstMs, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(interval);
  }
  return { worstMs: Math.max(worstMs, performance.now() - last), ticks };
}

/** Reads a URL to the end in another Node process, as fast as it can, and prints the byte count. */
function readInChildProcess(url: string): Promise<number> {
  const script = `const r = await fetch(process.argv[1]); let n = 0;
for await (const chunk of r.body) n += chunk.byteLength;
process.stdout.write(String(n));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, url], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`reader exited ${code}`))));
  });
}

describe.each<Transport>(["msw", "http"])("streaming a 256 MiB export over %s", (transport) => {
  let run: Running;
  afterEach(async () => {
    await run?.close();
  });

  it("never freezes the host's timers for more than 100 ms", { timeout: 60_000 }, async () => {
    run = await start(transport, { exportSizeBytes: 256 * MiB, tasks: { pollsToComplete: 0 } });
    const { taskId } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
    const { downloadUrl } = await (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json();
    let received = 0;
    const { worstMs, ticks } = await worstTickGap(async () => {
      if (transport === "http") {
        // A reader in another process: the simulator's process only produces and writes to the socket.
        received = await readInChildProcess(downloadUrl);
      } else {
        // MSW has no socket: the reader is in this process too.
        const response = await fetch(downloadUrl);
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.byteLength;
      }
    });
    expect(received).toBeGreaterThanOrEqual(256 * MiB);
    expect(ticks).toBeGreaterThan(0);
    expect(worstMs).toBeLessThan(100);
  });
});
