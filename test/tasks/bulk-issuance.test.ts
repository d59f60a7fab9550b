import { describe, expect, it } from "vitest";
import { TaskFailedError, UnprocessableEntityError } from "../../src/index.js";
import { bulkIssueAndWait, startBulkIssuance, waitForBulkIssuance } from "../../src/tasks.js";
import { simulated } from "./support.js";

const PROGRAM = "65f000000000000000000001";
const bulkPath = /\/cards\/bulk$/;

describe("bulk issuance (startBulkIssuance / waitForBulkIssuance / bulkIssueAndWait)", () => {
  it("returns the cards at once when the server answers synchronously", async () => {
    const { client, sim } = simulated();
    const result = await bulkIssueAndWait(client, PROGRAM, { initialValue: 25, count: 10 });
    expect(result).toMatchObject({ mode: "sync", taskId: null, issuedCount: 10, failedCount: 0, partial: false });
    expect(result.cards).toHaveLength(10);
    expect(result.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.stats.cardsIssued).toBe(10);
  });

  it.each([202, 201] as const)("polls the task when the server goes asynchronous (%i)", async (asyncStatus) => {
    const { client, sim } = simulated({ bulk: { asyncStatus }, tasks: { pollsToComplete: 2 } });
    const result = await bulkIssueAndWait(client, PROGRAM, { initialValue: 25, count: 120 });
    expect(result.mode).toBe("async");
    expect(result.taskId).toBeTruthy();
    expect(result.issuedCount).toBe(120);
    expect(result.partial).toBe(false);
    expect(sim.stats.cardsIssued).toBe(120);
  });

  it("shows partial failure in the result instead of swallowing or throwing it", async () => {
    const { client } = simulated({ bulk: { failedCount: 3 }, tasks: { pollsToComplete: 1 } });
    const result = await bulkIssueAndWait(client, PROGRAM, { initialValue: 5, count: 100 });
    expect(result).toMatchObject({ mode: "async", issuedCount: 97, failedCount: 3, partial: true });
    expect(result.error).toBeTruthy();
  });

  it("never issues twice when the start is retried: the same idempotency key goes on every attempt", async () => {
    const { client, sim } = simulated({}, { maxRetries: 2 });
    sim.failNext(1, 503, { method: "POST", path: bulkPath, after: 0 });
    const result = await bulkIssueAndWait(client, PROGRAM, { initialValue: 5, count: 120 });
    expect(result.issuedCount).toBe(120);
    const starts = sim.requests.filter((r) => r.method === "POST" && bulkPath.test(r.path));
    expect(starts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(starts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(sim.stats.bulkIssuances).toBe(1);

    // Calling again with the key from the result replays the stored answer instead of issuing again.
    const again = await bulkIssueAndWait(
      client,
      PROGRAM,
      { initialValue: 5, count: 120 },
      { idempotencyKey: result.idempotencyKey as string },
    );
    expect(again.taskId).toBe(result.taskId);
    expect(sim.stats.bulkIssuances).toBe(1);
    // The same key with another body is refused by the server.
    await expect(
      bulkIssueAndWait(
        client,
        PROGRAM,
        { initialValue: 6, count: 120 },
        { idempotencyKey: result.idempotencyKey as string },
      ),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it("startBulkIssuance gives the result or the task id, and waitForBulkIssuance resumes by that id", async () => {
    const { client, sim } = simulated({ tasks: { pollsToComplete: 2 } });
    const small = await startBulkIssuance(client, PROGRAM, { initialValue: 5, count: 10 });
    expect(small).toMatchObject({ mode: "sync", taskId: null, result: { mode: "sync", issuedCount: 10 } });
    expect(small.idempotencyKey).toBe(small.result?.idempotencyKey);

    const large = await startBulkIssuance(client, PROGRAM, { initialValue: 5, count: 120 }, { idempotencyKey: "k-1" });
    expect(large).toMatchObject({ mode: "async", result: null, idempotencyKey: "k-1" });
    expect(sim.requests.at(-1)?.idempotencyKey).toBe("k-1");
    const done = await waitForBulkIssuance(client, PROGRAM, large.taskId as string);
    expect(done).toMatchObject({ mode: "async", taskId: large.taskId, issuedCount: 120, idempotencyKey: null });
  });

  it("rejects with TaskFailedError when the batch fails", async () => {
    const { client, sim } = simulated();
    sim.nextTask({ outcome: "failure", error: "card stock exhausted", pollsToComplete: 1 });
    const error = await bulkIssueAndWait(client, PROGRAM, { initialValue: 5, count: 80 }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ taskError: "card stock exhausted", kind: "bulk gift-card issuance" });
  });
});
