/**
 * How one background task moves through its states, driven by poll counts or
 * by clock time. Kept apart from the HTTP layer so the same rules serve the
 * audit-log export and bulk issuance flows.
 */

/** `lower` is what the spec documents; `celery` is what Celery leaks when a backend passes its states through. */
export type TaskStateCasing = "lower" | "celery";

export interface TaskBehaviour {
  /** Polls answered with a non-terminal state before the terminal one (default 2: pending, processing, done). */
  pollsToComplete?: number;
  /** If set, the task is done once this much clock time has passed since creation; poll counts are ignored. */
  completeAfterMs?: number;
  /** Whether the task ends well (default) or fails. */
  outcome?: "success" | "failure";
  /** Error text on failure (default "Task failed"). */
  error?: string;
  /** State spelling (default `lower`). */
  casing?: TaskStateCasing;
  /**
   * The whole state sequence, last one terminal, for odd servers:
   * e.g. `["PENDING", "RETRY", "weird-state", "SUCCESS"]`. Overrides `casing`.
   */
  states?: readonly string[];
  /** `Retry-After` (seconds) sent on status responses while the task runs. */
  retryAfterSeconds?: number;
}

/** The state names one flow uses. */
export interface TaskStateNames {
  pending: string;
  running: string;
  success: string;
  failure: string;
}

export const CELERY_STATES: TaskStateNames = {
  pending: "PENDING",
  running: "STARTED",
  success: "SUCCESS",
  failure: "FAILURE",
};

export const AUDIT_EXPORT_STATES: TaskStateNames = {
  pending: "pending",
  running: "processing",
  success: "success",
  failure: "failure",
};

export const BULK_ISSUANCE_STATES: TaskStateNames = {
  pending: "pending",
  running: "processing",
  success: "completed",
  failure: "failed",
};

export interface TaskSnapshot {
  state: string;
  terminal: boolean;
  /** Terminal and ended well: the flow may attach its result (download URL, cards). */
  succeeded: boolean;
  failed: boolean;
}

export class TaskProgress {
  private polls = 0;
  private readonly sequence: readonly string[];

  constructor(
    readonly behaviour: TaskBehaviour,
    names: TaskStateNames,
    private readonly createdAt: number,
  ) {
    const spelled = behaviour.casing === "celery" ? CELERY_STATES : names;
    const failure = behaviour.outcome === "failure";
    this.sequence =
      behaviour.states && behaviour.states.length > 0
        ? behaviour.states
        : [spelled.pending, spelled.running, failure ? spelled.failure : spelled.success];
  }

  /** Counts one poll and answers the state that poll sees. */
  poll(now: number): TaskSnapshot {
    const snapshot = this.peek(now);
    this.polls += 1;
    return snapshot;
  }

  /** The state the next poll would see, without counting a poll. */
  peek(now: number): TaskSnapshot {
    const last = this.sequence.length - 1;
    let index: number;
    if (this.behaviour.completeAfterMs !== undefined) {
      const elapsed = now - this.createdAt;
      const total = Math.max(0, this.behaviour.completeAfterMs);
      index = elapsed >= total ? last : Math.min(last - 1, Math.floor((elapsed / total) * last));
    } else {
      const pollsToComplete = Math.max(0, this.behaviour.pollsToComplete ?? 2);
      index = this.polls >= pollsToComplete ? last : Math.min(this.polls, last - 1);
    }
    index = Math.max(0, index);
    const terminal = index === last;
    const failed = terminal && this.behaviour.outcome === "failure";
    return { state: this.sequence[index] ?? "", terminal, succeeded: terminal && !failed, failed };
  }
}
