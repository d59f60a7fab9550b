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
 * How long the host's timers (a test's timeout, the SDK's own timeouts, a progress bar) were frozen while
 * `work` ran, watched by a 10 ms interval. Wall time between ticks also counts time the OS gave to other
 * processes, so on a loaded machine it says more about the machine than about the simulator; the assertions
 * use what only this process controls: the CPU time it spent, and the export bytes it produced, between two
 * ticks. Before the fix, one gap held the whole transfer (3.8 s of CPU, 256 MiB).
 */
async function timerGaps(
  produced: () => number,
  work: () => Promise<void>,
): Promise<{ ticks: number; worstWallMs: number; worstCpuMs: number; worstBytes: number }> {
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let last = { wall: performance.now(), cpu: cpuMs(), bytes: produced() };
  const worst = { wall: 0, cpu: 0, bytes: 0 };
  let ticks = 0;
  const tick = () => {
    const now = { wall: performance.now(), cpu: cpuMs(), bytes: produced() };
    worst.wall = Math.max(worst.wall, now.wall - last.wall);
    worst.cpu = Math.max(worst.cpu, now.cpu - last.cpu);
    worst.bytes = Math.max(worst.bytes, now.bytes - last.bytes);
    last = now;
  };
  const interval = setInterval(() => {
    ticks++;
    tick();
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(interval);
    tick();
  }
  return { ticks, worstWallMs: worst.wall, worstCpuMs: worst.cpu, worstBytes: worst.bytes };
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

  it("never freezes the host's timers: < 100 ms of CPU and < 16 MiB produced between two 10 ms ticks", {
    timeout: 60_000,
  }, async () => {
    run = await start(transport, { exportSizeBytes: 256 * MiB, tasks: { pollsToComplete: 0 } });
    const { taskId } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
    const { downloadUrl } = await (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json();
    let received = 0;
    const gaps = await timerGaps(
      () => run.sim.stats.exportBytesProduced,
      async () => {
        if (transport === "http") {
          // A reader in another process: the simulator's process only produces and writes to the socket.
          received = await readInChildProcess(downloadUrl);
        } else {
          // MSW has no socket: the reader is in this process too.
          const response = await fetch(downloadUrl);
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.byteLength;
        }
      },
    );
    expect(received).toBeGreaterThanOrEqual(256 * MiB);
    expect(gaps.ticks).toBeGreaterThan(0);
    expect(gaps.worstCpuMs, JSON.stringify(gaps)).toBeLessThan(100);
    expect(gaps.worstBytes, JSON.stringify(gaps)).toBeLessThan(16 * MiB);
  });
});
