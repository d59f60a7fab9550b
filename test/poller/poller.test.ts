import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  NotFoundError,
  RateLimitError,
} from "../../src/core/errors/errors.js";
import { InvalidArgumentError } from "../../src/core/errors/invalid-argument.js";
import type { PollState } from "../../src/core/tasks/poller.js";
import { type PollProgress, type PollTask, pollTask } from "../../src/core/tasks/poller.js";
import { TaskFailedError, WaitTimeoutError } from "../../src/core/tasks/task-errors.js";
import { classifyTaskState } from "../../src/core/tasks/task-state.js";
import { FakeClock, flush } from "../support/fake-clock.js";

interface ExportStatus {
  taskId: string;
  status: string;
  downloadUrl?: string;
  error?: string;
}

type Step = ExportStatus | Error | { hintMs: number; body: ExportStatus } | "hang";

/** A task whose status requests answer from a script; the last step repeats. */
function scripted(steps: Step[], taskId = "t-1") {
  const signals: AbortSignal[] = [];
  let i = 0;
  const task: PollTask<ExportStatus> = {
    taskId,
    kind: "audit-log export",
    fetchStatus: async (signal) => {
      signals.push(signal);
      const step = steps[Math.min(i++, steps.length - 1)]!;
      if (step === "hang") return new Promise(() => {}); // ignores the signal on purpose
      if (step instanceof Error) throw step;
      if ("hintMs" in step) return { status: step.body, retryAfterMs: step.hintMs };
      return { status: step };
    },
    stateOf: (s) => classifyTaskState(s.status),
  };
  return { task, signals, calls: () => signals.length };
}

const running = (status = "processing"): ExportStatus => ({ taskId: "t-1", status });
const done: ExportStatus = {
  taskId: "t-1",
  status: "success",
  downloadUrl: "https://s3.example/x?X-Amz-Signature=abc",
};
const apiError = (status: number, headers: Record<string, string> = {}, body: unknown = {}) =>
  APIError.from({ status, headers: new Headers(headers), body, method: "GET", url: "https://api.example/v2/x" });

describe("pollTask", () => {
  it("resolves with the final status after N polls, polling first at once", async () => {
    const clock = new FakeClock();
    const { task, calls } = scripted([running("pending"), running(), running(), done]);
    await expect(pollTask(task, { clock, random: () => 0 })).resolves.toEqual(done);
    expect(calls()).toBe(4);
    expect(clock.sleeps).toEqual([500, 500, 500]);
  });

  it("a failed task rejects with TaskFailedError carrying the server's error text", async () => {
    const clock = new FakeClock();
    const failed = { taskId: "t-1", status: "FAILURE", error: "S3 bucket unavailable" };
    const { task } = scripted([running("STARTED"), failed]);
    const error = await pollTask(task, { clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    const failure = error as TaskFailedError;
    expect(failure).toMatchObject({
      taskId: "t-1",
      kind: "audit-log export",
      status: "FAILURE",
      taskError: "S3 bucket unavailable",
      lastStatus: failed,
      polls: 2,
    });
    expect(failure.message).toBe('audit-log export t-1 ended with status "FAILURE": S3 bucket unavailable');
    expect(JSON.parse(JSON.stringify(failure))).toMatchObject({
      name: "TaskFailedError",
      taskError: "S3 bucket unavailable",
    });
  });

  it("times out with WaitTimeoutError (last status, elapsed, polls), then resumes by task id and succeeds", async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const first = scripted([running("RETRY")]);
    const error = await pollTask(first.task, { clock, maxWaitMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const timeout = error as WaitTimeoutError;
    expect(timeout.taskId).toBe("t-1");
    expect(timeout.lastStatus).toEqual(running("RETRY"));
    expect(timeout.elapsedMs).toBe(60_000); // the final poll is exactly at the deadline
    expect(clock.now() - start).toBe(60_000);
    expect(timeout.polls).toBe(first.calls());
    expect(timeout.message).toMatch(/still running after 1 min \(\d+ polls, last status "RETRY"\)/);

    // The state survives a trip through JSON (another process, a job queue).
    const state = JSON.parse(JSON.stringify(timeout.toJSON())).state as PollState<ExportStatus>;
    expect(state).toEqual({ taskId: "t-1", startedAt: start, polls: timeout.polls, lastStatus: running("RETRY") });

    clock.advance(5 * 60_000); // the job restarts later
    const second = scripted([running(), done]);
    const progress: PollProgress<ExportStatus>[] = [];
    const result = await pollTask(second.task, {
      clock,
      resume: state,
      random: () => 0,
      onProgress: (p) => void progress.push(p),
    });
    expect(result).toEqual(done);
    // Counters carry on, and the schedule continues where a 6-minute-old wait is: at the 15 s ceiling.
    expect(progress.map((p) => p.polls)).toEqual([timeout.polls + 1, timeout.polls + 2]);
    expect(progress[0]!.elapsedMs).toBe(6 * 60_000);
    expect(clock.sleeps.at(-1)).toBe(15_000);
  });

  it("a resumed wait refuses another task's state", async () => {
    const { task } = scripted([done]);
    const resume = { taskId: "other", startedAt: 0, polls: 3 };
    await expect(pollTask(task, { clock: new FakeClock(), resume })).rejects.toThrow(InvalidArgumentError);
  });

  it("abort during a sleep rejects promptly with the reason, with no further status request", async () => {
    const clock = new FakeClock({ manual: true });
    const { task, calls } = scripted([running()]);
    const controller = new AbortController();
    const waiting = pollTask(task, { clock, signal: controller.signal });
    const outcome = waiting.catch((e: unknown) => e);
    await flush();
    expect(clock.sleeping).toBe(1);
    const reason = new Error("user cancelled");
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    clock.advance(60_000);
    await flush();
    expect(calls()).toBe(1);
  });

  it("abort while a status request is in flight rejects at once, even if fetchStatus ignores its signal", async () => {
    const clock = new FakeClock();
    const { task, signals } = scripted(["hang"]);
    const controller = new AbortController();
    const outcome = pollTask(task, { clock, signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
    controller.abort("stop");
    expect(await outcome).toBe("stop");
    expect(signals[0]!.aborted).toBe(true); // the request was told, too
    expect(signals[0]!.reason).toBe("stop");
  });

  it("an already-aborted signal rejects before any request", async () => {
    const { task, calls } = scripted([done]);
    const reason = new Error("too late");
    await expect(pollTask(task, { clock: new FakeClock(), signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(calls()).toBe(0);
  });

  it("honours a Retry-After hint on a status answer, bounded by the deadline", async () => {
    const clock = new FakeClock();
    const { task } = scripted([
      { hintMs: 7_000, body: running() },
      { hintMs: 600_000, body: running() },
    ]);
    await expect(pollTask(task, { clock, maxWaitMs: 120_000 })).rejects.toBeInstanceOf(WaitTimeoutError);
    expect(clock.sleeps).toEqual([7_000, 113_000]);
  });

  it("transient 503s and connection errors do not end the wait; a 429's Retry-After is honoured", async () => {
    const clock = new FakeClock();
    const { task, calls } = scripted([
      running(),
      apiError(503),
      new APIConnectionError("socket hang up"),
      apiError(429, { "retry-after": "9" }),
      apiError(503, { "retry-after": "4" }),
      running(),
      done,
    ]);
    const seen: string[] = [];
    await expect(
      pollTask(task, { clock, random: () => 0, onProgress: (p) => void seen.push(p.status.status) }),
    ).resolves.toEqual(done);
    expect(calls()).toBe(7);
    expect(seen).toEqual(["processing", "processing", "success"]); // failed polls observe no status
    // 500 ms after a status; then doubling backoff for failures; hints win; reset after a good answer.
    expect(clock.sleeps).toEqual([500, 1_000, 2_000, 9_000, 4_000, 1_650]);
  });

  it("keeps going through an outage until the deadline, then times out with the last status and error", async () => {
    const clock = new FakeClock();
    const outage = apiError(502);
    const { task } = scripted([running(), outage]);
    const error = (await pollTask(task, { clock, maxWaitMs: 120_000 }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastStatus).toEqual(running());
    expect(error.cause).toBe(outage);
    expect(error.elapsedMs).toBe(120_000);
  });

  it("a non-transient 404 ends the wait at once with that error", async () => {
    const clock = new FakeClock();
    const notFound = apiError(404, {}, { detail: "Task not found" });
    const { task, calls } = scripted([running(), notFound, done]);
    const error = await pollTask(task, { clock }).catch((e: unknown) => e);
    expect(error).toBe(notFound);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(calls()).toBe(2);
  });

  it("an exhausted monthly quota (429) is not transient", async () => {
    const quota = apiError(429, {}, { code: "monthly_quota_exceeded", message: "quota" });
    expect(quota).toBeInstanceOf(RateLimitError);
    const { task, calls } = scripted([quota]);
    await expect(pollTask(task, { clock: new FakeClock() })).rejects.toBe(quota);
    expect(calls()).toBe(1);
  });

  it("unknown and Celery-cased states: unknown keeps waiting, SUCCESS ends it", async () => {
    const clock = new FakeClock();
    const { task } = scripted([running("PENDING"), running("warming_up"), running("STARTED"), running("SUCCESS")]);
    const seen: string[] = [];
    const result = await pollTask(task, { clock, onProgress: (p) => void seen.push(`${p.status.status}:${p.state}`) });
    expect(result.status).toBe("SUCCESS");
    expect(seen).toEqual(["PENDING:running", "warming_up:running", "STARTED:running", "SUCCESS:succeeded"]);
  });

  it("onProgress sees every status with a resumable checkpoint, the final one included", async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const { task } = scripted([running("queued"), running(), done]);
    const progress: PollProgress<ExportStatus>[] = [];
    await pollTask(task, { clock, random: () => 0, onProgress: (p) => void progress.push(p) });
    expect(progress.map((p) => [p.status.status, p.state, p.polls, p.elapsedMs])).toEqual([
      ["queued", "running", 1, 0],
      ["processing", "running", 2, 500],
      ["success", "succeeded", 3, 1_000],
    ]);
    expect(progress[1]!.pollState).toEqual({ taskId: "t-1", startedAt: start, polls: 2, lastStatus: running() });
  });

  it("an onProgress that throws stops the wait with its error (no further polls)", async () => {
    const clock = new FakeClock();
    const { task, calls } = scripted([running()]);
    const boom = new Error("checkpoint store down");
    await expect(
      pollTask(task, {
        clock,
        onProgress: (p) => {
          if (p.polls === 2) throw boom;
        },
      }),
    ).rejects.toBe(boom);
    expect(calls()).toBe(2);
  });

  it("an async onProgress is awaited before the next sleep", async () => {
    const clock = new FakeClock();
    const { task } = scripted([running(), done]);
    const order: string[] = [];
    const origSleep = clock.sleep.bind(clock);
    clock.sleep = (ms, signal) => {
      order.push("sleep");
      return origSleep(ms, signal);
    };
    await pollTask(task, {
      clock,
      onProgress: async (p) => {
        await Promise.resolve();
        order.push(`saved ${p.polls}`);
      },
    });
    expect(order).toEqual(["saved 1", "sleep", "saved 2"]);
  });

  it("maxWaitMs 0 still makes one poll", async () => {
    const { task, calls } = scripted([running()]);
    await expect(pollTask(task, { clock: new FakeClock(), maxWaitMs: 0 })).rejects.toBeInstanceOf(WaitTimeoutError);
    expect(calls()).toBe(1);
  });

  it("rejects nonsensical options", async () => {
    const { task } = scripted([done]);
    const clock = new FakeClock();
    await expect(pollTask(task, { clock, minDelayMs: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(pollTask(task, { clock, minDelayMs: 2_000, maxDelayMs: 1_000 })).rejects.toThrow(InvalidArgumentError);
    await expect(pollTask(task, { clock, maxWaitMs: -1 })).rejects.toThrow(InvalidArgumentError);
  });

  it("never sleeps past the deadline and polls last exactly at it (long wait, default options)", async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const { task } = scripted([running()]);
    const error = (await pollTask(task, { clock }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(error.elapsedMs).toBe(15 * 60_000);
    expect(clock.now() - start).toBe(15 * 60_000);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(15_000);
    expect(error.polls).toBeLessThan(120); // vs 450 at a fixed 2 s
  });

  describe("a connection error before the first status ends the wait (never reached)", () => {
    it.each([
      ["refused", new APIConnectionError("connection to https://api.example failed: ECONNREFUSED")],
      ["timed out", new APIConnectionTimeoutError("no complete answer from https://api.example within 10 ms")],
    ])("%s: rejects with that error after one poll, with no sleep", async (_, error) => {
      const clock = new FakeClock();
      const { task, calls } = scripted([error, done]);
      await expect(pollTask(task, { clock })).rejects.toBe(error);
      expect(calls()).toBe(1);
      expect(clock.sleeps).toEqual([]);
    });

    it("after HTTP errors too: a 503 proves the server answers, the connection error that follows still ends it", async () => {
      const clock = new FakeClock();
      const refused = new APIConnectionError("connection to https://api.example failed: ECONNREFUSED");
      const { task, calls } = scripted([apiError(503), refused, done]);
      await expect(pollTask(task, { clock, random: () => 0 })).rejects.toBe(refused);
      expect(calls()).toBe(2);
    });

    it("a resumed wait's earlier status does not count: it came from another process, maybe another configuration", async () => {
      const clock = new FakeClock();
      const refused = new APIConnectionError("connection to https://api.example failed: ECONNREFUSED");
      const { task } = scripted([refused, done]);
      const resume: PollState<ExportStatus> = { taskId: "t-1", startedAt: 0, polls: 4, lastStatus: running() };
      await expect(pollTask(task, { clock, resume })).rejects.toBe(refused);
    });

    it("onPollError hears of every failure the wait rides out, not of the one that ends it", async () => {
      const clock = new FakeClock();
      const refused = new APIConnectionError("connection to https://api.example failed: ECONNRESET");
      const { task } = scripted([running(), refused, apiError(503), done]);
      const heard: [number, unknown, number | undefined][] = [];
      await pollTask(task, {
        clock,
        random: () => 0,
        onPollError: (f) => void heard.push([f.consecutiveFailures, f.error, f.nextPollInMs]),
      });
      expect(heard.map(([n, e]) => [n, e === refused])).toEqual([
        [1, true],
        [2, false],
      ]);
      expect(heard.map(([, , next]) => next)).toEqual(clock.sleeps.slice(1, 3));
    });
  });
});
