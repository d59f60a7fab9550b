import { describe, expect, it } from "vitest";
import { bulkIssueAndWait, exportAuditLogsAndWait, startAuditLogExport } from "../../src/tasks.js";
import { simulated } from "./support.js";

// The helpers take the raw calls' per-call options (maxRetries, timeoutMs, idempotencyKey, signal, headers)
// and hand them to every request they make: the start, and each status poll.
describe("per-call options on the task helpers", () => {
  it("a start sends the caller's idempotency key and headers", async () => {
    const { client, sim } = simulated();
    await startAuditLogExport(
      client,
      { format: "csv" },
      { idempotencyKey: "caller-key-1", headers: { "x-trace": "t-1" } },
    );
    const start = sim.requests.find((r) => r.method === "POST");
    expect(start?.idempotencyKey).toBe("caller-key-1");
    expect(start?.headers["x-trace"]).toBe("t-1");
  });

  it("maxRetries reaches the status polls: with 0, a 500 is not retried inside the call", async () => {
    const statusPath = /^\/v2\/giftcards\/audit-logs\/export\/[^/]+$/;
    const polls = (run: ReturnType<typeof simulated>) =>
      run.sim.requests.filter((r) => r.method === "GET" && statusPath.test(r.path));

    const strict = simulated({ tasks: { pollsToComplete: 2 } });
    strict.sim.failNext(1, 500, { method: "GET", path: statusPath });
    await exportAuditLogsAndWait(strict.client, {}, { maxRetries: 0 });
    // The call gave up at once; the poller, for which a 500 is transient, polled again: a new call, a new id.
    expect(polls(strict)[0]?.status).toBe(500);
    expect(polls(strict)[1]?.requestId).not.toBe(polls(strict)[0]?.requestId);

    const lenient = simulated({ tasks: { pollsToComplete: 2 } });
    lenient.sim.failNext(1, 500, { method: "GET", path: statusPath });
    await exportAuditLogsAndWait(lenient.client, {});
    // The client's default retries the 500 inside the same call: the same request id twice.
    expect(polls(lenient)[0]?.status).toBe(500);
    expect(polls(lenient)[1]?.requestId).toBe(polls(lenient)[0]?.requestId);
  });

  it("headers reach every poll of a wait", async () => {
    const { client, sim } = simulated({ tasks: { pollsToComplete: 2 } });
    const result = await bulkIssueAndWait(
      client,
      "prog-1",
      { initialValue: 25, count: 120 },
      { headers: { "x-trace": "bulk-1" } },
    );
    expect(result.mode).toBe("async");
    const sent = sim.requests.filter((r) => r.path.includes("/cards/bulk"));
    expect(sent.length).toBeGreaterThanOrEqual(3); // the start and at least two polls
    for (const r of sent) expect(r.headers["x-trace"]).toBe("bulk-1");
  });
});
