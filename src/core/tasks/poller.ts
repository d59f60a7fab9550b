import { APIConnectionError, APIError, RateLimitError } from "../errors/errors.js";
import { InvalidArgumentError } from "../errors/invalid-argument.js";
import { retryAfterMs } from "../errors/retry-after.js";
import { isRetryableError } from "../http/retry-policy.js";
import { linkSignal, raceAbort } from "../platform/abort.js";
import { type Clock, systemClock } from "../platform/clock.js";
import {
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_WAIT_MS,
  DEFAULT_MIN_DELAY_MS,
  nextPollDelayMs,
  type PollScheduleOptions,
} from "./poll-schedule.js";
import type { PollState } from "./poll-state.js";
import { TaskFailedError, WaitTimeoutError } from "./task-errors.js";
import type { TaskState } from "./task-state.js";

export type { PollState } from "./poll-state.js";

/**
 * The one generic wait on a server-side background task (modelled on Azure's
 * long-running-operation poller and AWS waiters). Per-task helpers are
 * configurations of it: how to fetch the status, how to read its state.
 *
 * Outcomes:
 * - `succeeded` → resolves with that final status body;
 * - `failed` → rejects with `TaskFailedError` (status string, server's `error` text);
 * - deadline → rejects with `WaitTimeoutError`, whose `state` resumes the wait;
 * - caller's abort → rejects with the signal's reason at once, even mid-sleep
 *   or mid-request;
 * - transient error (`isRetryableError`: connection errors, 408/429/5xx)
 *   → counts as a poll without a status, backs off, goes on until the deadline
 *   (`onPollError` hears of each) — except the case below;
 * - a connection error (`APIConnectionError`: nothing answered, timeouts
 *   included) before this call has received any status → rejects with it at
 *   once (see "Never reached" below);
 * - any other error (401, 404, 422, quota exhausted…) → rejects with it at once;
 * - `onProgress` throws or rejects → the wait stops and rejects with that error.
 *   A callback failing (say, a checkpoint that could not be written) is the
 *   caller's problem to see, not something to retry or swallow; the
 *   `pollState` it was given is still valid for resuming.
 *
 * Never reached. Riding out transient failures is right for a service that
 * has answered and then stumbles: a status proves that this client, with
 * this base URL, token and network path, reaches it, so a connection error
 * afterwards is an outage worth waiting through. Before the first status
 * there is no such proof, and a poll that fails on a connection error has
 * already had the client's retries (backoff included): every attempt got no
 * answer at all. The likely causes — a mistyped base URL or port, DNS, TLS,
 * a proxy or firewall — are configuration, which waiting does not fix, and
 * riding them out turns a mistake that `audit-logs export` reports in 0.4 s
 * into 15 silent minutes ending in a misleading "still running; resume".
 * So that error ends the wait, as it ends any single call. An HTTP error
 * (503, 429) is an answer: the server is there, and it is ridden out as
 * before. Waiters that poll a known-good endpoint (AWS's, Azure's LRO
 * pollers) do not need this rule; here the endpoint comes from the user's
 * configuration, and often from a task id typed at a prompt. "Received" is
 * per call: a `resume` state's status came from another process, perhaps
 * another configuration, so it proves nothing about this one.
 *
 * Resuming (`resume`): the schedule and counters continue from the original
 * start (a wait resumed after 6 minutes polls at the 6-minute pace, not from
 * the 500 ms floor), but the deadline is `maxWaitMs` from this call, so
 * resuming after a `WaitTimeoutError` grants a fresh budget. A caller that
 * wants one overall deadline passes the remainder, or an `AbortSignal.timeout`.
 */

export interface PollTask<S> {
  /** The server's task id: also the resume token. */
  taskId: string;
  /** What the task is, for messages (`"audit-log export"`). */
  kind: string;
  /** One status request. Must pass `signal` on so an abort cancels it. */
  fetchStatus(signal: AbortSignal): Promise<{ status: S; retryAfterMs?: number | undefined }>;
  /** Usually `classifyTaskState(status.status)`. */
  stateOf(status: S): TaskState;
  /** The server's failure text; by default the body's `error` field when it is a string. */
  errorOf?(status: S): string | undefined;
  /** The raw status string for `TaskFailedError`; by default the body's `status` field. */
  statusTextOf?(status: S): string | undefined;
}

export interface PollProgress<S> {
  taskId: string;
  status: S;
  state: TaskState;
  /** Status requests so far (across resumes), failed ones included. */
  polls: number;
  /** Since the wait first began (across resumes), ms. */
  elapsedMs: number;
  /** A checkpoint: persist it to resume the wait elsewhere with `resume`. */
  pollState: PollState<S>;
}

/** A poll that failed with a transient error the wait rides out, after the client's own retries. */
export interface PollFailure<S> {
  taskId: string;
  /** What the last attempt of the poll failed with (an `APIError`: a 5xx, a 429, a connection error). */
  error: unknown;
  /** Failed polls since the last status received (1 for the first). */
  consecutiveFailures: number;
  /** Status requests so far (across resumes), failed ones included. */
  polls: number;
  /** Since the wait first began (across resumes), ms. */
  elapsedMs: number;
  /** When the next poll is due, ms from now; undefined when the deadline came first (a `WaitTimeoutError` follows). */
  nextPollInMs: number | undefined;
  /** A checkpoint, as in `PollProgress`. */
  pollState: PollState<S>;
}

export interface PollOptions<S> {
  signal?: AbortSignal | undefined;
  /** How long this call waits, ms, from its own start (default 15 min); a resumed wait gets a fresh budget. */
  maxWaitMs?: number | undefined;
  /** Shortest computed delay between polls, ms (default 500; see poll-schedule.ts for why not 1 000). */
  minDelayMs?: number | undefined;
  /** Longest computed delay between polls, ms (default 15 000). */
  maxDelayMs?: number | undefined;
  /** Called with every status received, the final one included, before the wait resolves or rejects; awaited. */
  onProgress?: ((progress: PollProgress<S>) => void | Promise<void>) | undefined;
  /**
   * Called after each poll that failed with an error the wait rides out (see above), before it sleeps; awaited.
   * A status line can say that polls are failing, and why, instead of standing still. Throwing stops the wait.
   */
  onPollError?: ((failure: PollFailure<S>) => void | Promise<void>) | undefined;
  clock?: Clock | undefined;
  /** Jitter source, [0, 1). */
  random?: (() => number) | undefined;
  /** Continue a wait started elsewhere: from `WaitTimeoutError.state` or a `PollProgress.pollState`. */
  resume?: PollState<S> | undefined;
}

export async function pollTask<S>(task: PollTask<S>, options: PollOptions<S> = {}): Promise<S> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const schedule: PollScheduleOptions = {
    minDelayMs: options.minDelayMs ?? DEFAULT_MIN_DELAY_MS,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
  };
  validate(task, maxWaitMs, schedule, options.resume);
  const callerSignal = options.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;

  const callStart = clock.now();
  const deadline = callStart + maxWaitMs;
  const state: PollState<S> = {
    taskId: task.taskId,
    startedAt: options.resume?.startedAt ?? callStart,
    polls: options.resume?.polls ?? 0,
    lastStatus: options.resume?.lastStatus,
  };
  const link = linkSignal(callerSignal);
  try {
    let failures = 0;
    let lastError: unknown;
    // Whether this call has received a status: see "Never reached" above.
    let answered = false;
    for (;;) {
      state.polls += 1;
      let hintMs: number | undefined;
      const outcome = await raceAbort(startFetch(task, link.signal), link.signal).then(
        (answer) => ({ ok: true as const, answer }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (callerSignal?.aborted) throw callerSignal.reason;

      if (outcome.ok) {
        const { status } = outcome.answer;
        answered = true;
        failures = 0;
        lastError = undefined;
        state.lastStatus = status;
        const taskState = task.stateOf(status);
        const elapsedMs = clock.now() - state.startedAt;
        if (options.onProgress) {
          await options.onProgress({
            taskId: task.taskId,
            status,
            state: taskState,
            polls: state.polls,
            elapsedMs,
            pollState: { ...state },
          });
          if (callerSignal?.aborted) throw callerSignal.reason;
        }
        if (taskState === "succeeded") return status;
        if (taskState === "failed") {
          throw new TaskFailedError({
            taskId: task.taskId,
            kind: task.kind,
            status: (task.statusTextOf ?? defaultStatusText)(status) ?? taskState,
            taskError: (task.errorOf ?? defaultError)(status),
            lastStatus: status,
            polls: state.polls,
            elapsedMs,
          });
        }
        hintMs = outcome.answer.retryAfterMs;
      } else {
        // The client underneath has already retried transient errors a few times; the wait
        // outlives a longer outage, but anything the server will keep refusing ends it now.
        if (!isRetryableError(outcome.error)) throw outcome.error;
        if (!answered && outcome.error instanceof APIConnectionError) throw outcome.error;
        failures += 1;
        lastError = outcome.error;
        hintMs = hintOf(outcome.error, clock.now());
      }

      const now = clock.now();
      const delay = nextPollDelayMs(
        { sinceStartMs: now - state.startedAt, untilDeadlineMs: deadline - now, consecutiveFailures: failures, hintMs },
        schedule,
        random,
      );
      if (!outcome.ok && options.onPollError) {
        await options.onPollError({
          taskId: task.taskId,
          error: outcome.error,
          consecutiveFailures: failures,
          polls: state.polls,
          elapsedMs: now - state.startedAt,
          nextPollInMs: delay,
          pollState: { ...state },
        });
        if (callerSignal?.aborted) throw callerSignal.reason;
      }
      if (delay === undefined) {
        throw new WaitTimeoutError({
          kind: task.kind,
          state: { ...state },
          elapsedMs: now - state.startedAt,
          maxWaitMs,
          cause: lastError,
        });
      }
      await clock.sleep(delay, link.signal);
      if (callerSignal?.aborted) throw callerSignal.reason;
    }
  } finally {
    link.dispose();
  }
}

function validate(
  task: PollTask<unknown>,
  maxWaitMs: number,
  schedule: PollScheduleOptions,
  resume: PollState | undefined,
): void {
  if (typeof task.taskId !== "string" || task.taskId === "")
    throw new InvalidArgumentError("pollTask: taskId is required");
  if (!(maxWaitMs >= 0)) throw new InvalidArgumentError(`pollTask: maxWaitMs must be ≥ 0, got ${maxWaitMs}`);
  const { minDelayMs, maxDelayMs } = schedule;
  if (!(minDelayMs > 0 && Number.isFinite(minDelayMs)) || !(maxDelayMs >= minDelayMs && Number.isFinite(maxDelayMs))) {
    throw new InvalidArgumentError(`pollTask: need 0 < minDelayMs ≤ maxDelayMs, got ${minDelayMs} and ${maxDelayMs}`);
  }
  if (resume) {
    // Resuming another task's wait would report the wrong task's progress and deadline.
    if (resume.taskId !== task.taskId) {
      throw new InvalidArgumentError(`pollTask: resume state is for task ${resume.taskId}, not ${task.taskId}`);
    }
    if (!Number.isFinite(resume.startedAt) || !(resume.polls >= 0)) {
      throw new InvalidArgumentError("pollTask: resume state needs a finite startedAt and polls ≥ 0");
    }
  }
}

/** A `fetchStatus` that throws synchronously is treated like one that rejects. */
function startFetch<S>(task: PollTask<S>, signal: AbortSignal): ReturnType<PollTask<S>["fetchStatus"]> {
  try {
    return task.fetchStatus(signal);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The server's "come back in" hint on a transient error: a 429's parsed value, or a 503's `Retry-After`. */
function hintOf(error: unknown, now: number): number | undefined {
  if (error instanceof RateLimitError) return error.retryAfterMs;
  if (error instanceof APIError && error.headers) return retryAfterMs(error.headers, now);
  return undefined;
}

function defaultStatusText(status: unknown): string | undefined {
  const value = fieldOf(status, "status");
  return typeof value === "string" ? value : undefined;
}

function defaultError(status: unknown): string | undefined {
  const value = fieldOf(status, "error");
  return typeof value === "string" && value !== "" ? value : undefined;
}

function fieldOf(value: unknown, key: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}
