import { describe, expect, it } from "vitest";
import { download } from "../../src/download.js";
import {
  AuthenticationError,
  type ExportStatusResponse,
  RateLimitError,
  TaskFailedError,
  WaitTimeoutError,
} from "../../src/index.js";
import {
  exportAuditLogsAndWait,
  type PollProgress,
  startAuditLogExport,
  waitForAuditLogExport,
} from "../../src/tasks.js";
import { FakeClock } from "../support/fake-clock.js";
import { simulated } from "./support.js";

const statusPath = /^\/v2\/giftcards\/audit-logs\/export\/[^/]+$/;

describe("audit-log export (startAuditLogExport / waitForAuditLogExport / exportAuditLogsAndWait)", () => {
  it("starts an export, waits through its states and downloads the CSV without the API's credentials", async () => {
    const { client, sim } = simulated({ tasks: { pollsToComplete: 3 }, auditLogCount: 5 });
    const seen: PollProgress<ExportStatusResponse>[] = [];
    const done = await exportAuditLogsAndWait(client, { format: "csv" }, { onProgress: (p) => void seen.push(p) });
    expect(done.status).toBe("success");
    expect(seen.map((p) => p.state)).toEqual(["running", "running", "running", "succeeded"]);
    expect(seen.at(-1)?.polls).toBe(4);

    const response = await download(client, done.downloadUrl);
    const csv = await response.text();
    expect(csv.split("\n")[0]).toMatch(/^id,/);
    expect(csv.trim().split("\n")).toHaveLength(6);
    expect(sim.storageRequests).toHaveLength(1);
    const storageHeaders = sim.storageRequests[0]?.headers ?? {};
    expect(Object.keys(storageHeaders).map((h) => h.toLowerCase())).not.toContain("authorization");
    expect(JSON.stringify(storageHeaders)).not.toContain("ld_test_simulator");
  });

  it("rejects with TaskFailedError carrying the server's error text", async () => {
    const { client, sim } = simulated();
    sim.nextTask({ outcome: "failure", error: "S3 upload failed", pollsToComplete: 1 });
    const failed = await exportAuditLogsAndWait(client, {}).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TaskFailedError);
    expect(failed).toMatchObject({ taskError: "S3 upload failed", status: "failure", kind: "audit-log export" });
  });

  it("times out with a resumable state, and a wait resumed by task id finishes the job", async () => {
    const clock = new FakeClock();
    const { client } = simulated({ tasks: { completeAfterMs: 20 * 60_000 } }, {}, clock);
    const { taskId } = await startAuditLogExport(client, {});
    const timeout = (await waitForAuditLogExport(client, taskId, { maxWaitMs: 10 * 60_000 }).catch(
      (e) => e,
    )) as WaitTimeoutError;
    expect(timeout).toBeInstanceOf(WaitTimeoutError);
    expect(timeout.taskId).toBe(taskId);
    expect(timeout.elapsedMs).toBe(10 * 60_000);
    expect((timeout.lastStatus as ExportStatusResponse).status).toBe("processing");

    // Another process picks it up later from the serialised state.
    const state = JSON.parse(JSON.stringify(timeout.state));
    const done = await waitForAuditLogExport(client, taskId, { resume: state });
    expect(done.status).toBe("success");
    expect(clock.now() - state.startedAt).toBeGreaterThanOrEqual(20 * 60_000);
  });

  it("stops at once, with the caller's reason, when aborted during the sleep between polls", async () => {
    const clock = new FakeClock({ manual: true });
    const { client, sim } = simulated({ tasks: { pollsToComplete: 50 } }, {}, clock);
    const { taskId } = await startAuditLogExport(client, {});
    const controller = new AbortController();
    const waiting = waitForAuditLogExport(client, taskId, { signal: controller.signal });
    while (clock.sleeps.length === 0) await new Promise((r) => setImmediate(r));
    const pollsBefore = sim.requests.length;
    controller.abort(new Error("shutting down"));
    await expect(waiting).rejects.toThrow("shutting down");
    clock.advance(60_000);
    await new Promise((r) => setImmediate(r));
    expect(sim.requests.length).toBe(pollsBefore);
  });

  it("honours Retry-After on status responses", async () => {
    const { client, clock } = simulated({ tasks: { pollsToComplete: 2, retryAfterSeconds: 7 } });
    await exportAuditLogsAndWait(client, {});
    expect(clock.sleeps).toEqual([7000, 7000]);
  });

  it("outlasts transient 503s and 429s while polling, and stops on a non-transient error", async () => {
    const { client, sim } = simulated({ tasks: { pollsToComplete: 2 } }, { maxRetries: 0 });
    sim.failNext(3, 503, { path: statusPath });
    sim.failNext(1, 429, { path: statusPath, retryAfterSeconds: 2 });
    const done = await exportAuditLogsAndWait(client, {});
    expect(done.status).toBe("success");
    expect(sim.pendingFaults).toBe(0);

    const quota = simulated({ tasks: { pollsToComplete: 2 } }, { maxRetries: 0 });
    quota.sim.failNext(1, 429, { path: statusPath, code: "monthly_quota_exceeded" });
    const error = await exportAuditLogsAndWait(quota.client, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).quotaExhausted).toBe(true);

    const unauthorized = simulated({}, { token: "ld_test_wrong" });
    await expect(exportAuditLogsAndWait(unauthorized.client, {})).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("works the same on a client made with throwOnError", async () => {
    const { client, sim } = simulated({ tasks: { pollsToComplete: 2 } }, { maxRetries: 0, throwOnError: true });
    sim.failNext(2, 503, { path: statusPath });
    const done = await exportAuditLogsAndWait(client, {});
    expect(done.status).toBe("success");
    expect(sim.pendingFaults).toBe(0);
    sim.nextTask({ outcome: "failure", error: "S3 upload failed", pollsToComplete: 1 });
    await expect(exportAuditLogsAndWait(client, {})).rejects.toBeInstanceOf(TaskFailedError);
  });

  it("reads Celery-cased and unknown states", async () => {
    const celery = simulated({ tasks: { casing: "celery", pollsToComplete: 2 } });
    expect((await exportAuditLogsAndWait(celery.client, {})).status).toBe("SUCCESS");
    const odd = simulated({ tasks: { pollsToComplete: 3, states: ["PENDING", "RETRY", "warming-up", "Success"] } });
    const states: string[] = [];
    const done = await exportAuditLogsAndWait(odd.client, {}, { onProgress: (p) => void states.push(p.status.status) });
    expect(states).toEqual(["PENDING", "RETRY", "warming-up", "Success"]);
    expect(done.downloadUrl).toMatch(/^https:\/\//);
  });
});
