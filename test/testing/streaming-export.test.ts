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
