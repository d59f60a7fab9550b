import { LoyaltyDogError } from "./errors.js";

/**
 * Where a wait on a background task stands. JSON-serialisable, so a wait can
 * be checkpointed (see `onProgress`) and continued elsewhere — another
 * process, a restarted job — by passing it back as `resume`: the task id is
 * the real resume token, the rest keeps the schedule and counters right.
 */
export interface PollState<S = unknown> {
  taskId: string;
  /** When the wait first began, ms on the clock's scale (epoch ms for `systemClock`). */
  startedAt: number;
  /** Status requests made so far, failed ones included. */
  polls: number;
  /** The latest status body seen, if any. */
  lastStatus?: S | undefined;
}

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
    super(
      `${init.kind ?? "task"} ${init.taskId} ended with status "${init.status}"${
        init.taskError ? `: ${oneLine(init.taskError)}` : ""
      }`,
    );
    this.taskId = init.taskId;
    this.kind = init.kind;
    this.status = init.status;
    this.taskError = init.taskError;
    this.lastStatus = init.lastStatus;
    this.polls = init.polls;
    this.elapsedMs = init.elapsedMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      taskId: this.taskId,
      kind: this.kind,
      status: this.status,
      taskError: this.taskError,
      lastStatus: this.lastStatus,
      polls: this.polls,
      elapsedMs: this.elapsedMs,
    };
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
    const { state } = init;
    const last = describeStatus(state.lastStatus);
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
    this.state = { ...state };
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      taskId: this.taskId,
      kind: this.kind,
      lastStatus: this.lastStatus,
      elapsedMs: this.elapsedMs,
      polls: this.polls,
      maxWaitMs: this.maxWaitMs,
      state: this.state,
    };
  }
}

function describeStatus(status: unknown): string | undefined {
  if (status && typeof status === "object" && typeof (status as { status?: unknown }).status === "string") {
    return (status as { status: string }).status;
  }
  return typeof status === "string" ? status : undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
