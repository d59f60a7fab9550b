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
  /** The latest status body seen, if any (in a `WaitTimeoutError`, bounded and scrubbed of secrets). */
  lastStatus?: S | undefined;
}
