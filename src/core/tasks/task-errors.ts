import { keptCopy, MAX_SERVER_TEXT, oneLine } from "../errors/error-limits.js";
import { LoyaltyDogError } from "../errors/errors.js";
import { scrubber } from "../errors/redact.js";
import type { PollState } from "./poll-state.js";

export interface TaskFailedErrorInit {
  taskId: string;
  /** What the task is, for messages (`"audit-log export"`). */
  kind?: string | undefined;
  /** The server's status string (`"failed"`, `"FAILURE"`, `"revoked"` …). */
  status: string;
  /** The server's `error` text, if it sent one. */
  taskError?: string | undefined;
  /** The final status body. */
  lastStatus: unknown;
  polls: number;
  elapsedMs: number;
}

/** The task itself ended in failure (the server said so); waiting again will not help. */
export class TaskFailedError extends LoyaltyDogError {
  override name = "TaskFailedError";
  readonly taskId: string;
  readonly kind: string | undefined;
  readonly status: string;
  readonly taskError: string | undefined;
  readonly lastStatus: unknown;
  readonly polls: number;
  readonly elapsedMs: number;

  constructor(init: TaskFailedErrorInit) {
    // All of it is the server's text: bounded, and scrubbed (a failed export's status may still carry a presigned URL).
    const scrub = scrubber();
    const status = oneLine(init.status, 100, scrub);
    const taskError = init.taskError === undefined ? undefined : oneLine(init.taskError, MAX_SERVER_TEXT, scrub);
    super(`${init.kind ?? "task"} ${init.taskId} ended with status "${status}"${taskError ? `: ${taskError}` : ""}`);
    this.taskId = init.taskId;
    this.kind = init.kind;
    this.status = status;
    this.taskError = taskError;
    this.lastStatus = keptCopy(init.lastStatus, scrub);
    this.polls = init.polls;
    this.elapsedMs = init.elapsedMs;
  }
}

export interface WaitTimeoutErrorInit {
  kind?: string | undefined;
  /** The wait's state at the deadline: pass it back as `resume` to continue. */
  state: PollState;
  elapsedMs: number;
  /** The length of the wait that ran out, ms. */
  maxWaitMs: number;
  /** The last transient error, when the final poll(s) failed rather than answered. */
  cause?: unknown;
}

/**
 * The deadline passed with the task still running. The task is not lost:
 * `state` (task id, start, polls, last status) resumes the wait.
 */
export class WaitTimeoutError extends LoyaltyDogError {
  override name = "WaitTimeoutError";
  readonly taskId: string;
  readonly kind: string | undefined;
  readonly lastStatus: unknown;
  /** Since the wait first began (across resumes), ms. */
  readonly elapsedMs: number;
  readonly polls: number;
  readonly maxWaitMs: number;
  /** JSON-serialisable; `pollTask(task, { resume: error.state })` continues the wait. */
  readonly state: PollState;

  constructor(init: WaitTimeoutErrorInit) {
    const scrub = scrubber();
    // The state is the resume token: its last status is only informative, so it is kept bounded and scrubbed too.
    const state: PollState = { ...init.state, lastStatus: keptCopy(init.state.lastStatus, scrub) };
    const described = describeStatus(state.lastStatus);
    const last = described === undefined ? undefined : oneLine(described, 100, scrub);
    super(
      `${init.kind ?? "task"} ${state.taskId} still running after ${formatMs(init.maxWaitMs)}` +
        ` (${state.polls} polls${last ? `, last status "${last}"` : ", no status received"}); resume with its task id`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.taskId = state.taskId;
    this.kind = init.kind;
    this.lastStatus = state.lastStatus;
    this.elapsedMs = init.elapsedMs;
    this.polls = state.polls;
    this.maxWaitMs = init.maxWaitMs;
    this.state = state;
  }
}

function describeStatus(status: unknown): string | undefined {
  if (status && typeof status === "object" && typeof (status as { status?: unknown }).status === "string") {
    return (status as { status: string }).status;
  }
  return typeof status === "string" ? status : undefined;
}

function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
