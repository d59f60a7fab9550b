/**
 * When to ask a background task for its status next. A pure function of where
 * the wait stands, so the poller, its tests and the polling benchmark all use
 * the very same schedule.
 *
 * The formula, with `e` = time since the wait began (the task's resume
 * token keeps `e` across processes) and `r` = random() in [0, 1):
 *
 *   base(e)  = clamp(LAG_RATIO · e · 2^failures, minDelayMs, maxDelayMs)      LAG_RATIO = 0.1
 *   delay    = max(minDelayMs, base(e) · (1 − JITTER · r))                      JITTER = 0.1
 *   delay    = max(hintMs, minDelayMs) instead, when the server sent a hint (Retry-After)
 *   delay    = min(delay, untilDeadlineMs); no delay at all once the deadline is reached
 *
 * Why this shape:
 * - A delay proportional to elapsed time makes poll times grow geometrically
 *   (t[n+1] ≈ 1.1 · t[n]): exponential growth in the number of polls, so
 *   requests stay few for long tasks, while detection lag — at most the gap
 *   that contains the task's end, i.e. one delay computed at an earlier poll —
 *   stays ≤ 10 % of the task's duration. `minDelayMs` bounds the lag of short
 *   tasks and `maxDelayMs` the lag (and staleness) of long ones.
 * - The first poll is immediate (the poller does it with no delay, outside
 *   this function): the caller may have the 202 answer but the poller has no
 *   status yet, a resumed wait needs the current state at once, and a task
 *   that finished instantly resolves with no wait. It costs one request.
 * - `minDelayMs` defaults to 500, not 1 000: the lag target
 *   max(0.5 s, 10 % of d) for every task duration d ≥ 2 s requires every gap
 *   between polls that lie after 2 s and before 5 s to be ≤ 500 ms (10 % of
 *   5 s is 0.5 s). With a 1 000 ms floor a task ending just after a poll at
 *   2–10 s is detected up to 1 s late, twice the target. 500 ms costs about
 *   five extra requests per wait, and only in its first 10 s.
 * - Jitter only ever shortens a delay (by up to 10 %) and never below
 *   `minDelayMs`, so the lag bound still holds and clients that started
 *   together drift apart on the long plateau, where it matters.
 * - After consecutive transient failures (the client underneath has already
 *   retried them) the base doubles per failure, up to `maxDelayMs`, to give a
 *   struggling server room; the first good answer resets it.
 * - A server hint overrides the computed delay (no jitter, no `maxDelayMs`
 *   cap: the server knows when to come back), but is floored at `minDelayMs`
 *   (a `Retry-After: 0` on every answer must not become a tight request loop)
 *   and never reaches past the deadline.
 * - `minDelayMs` must be > 0 (the poller checks): at elapsed 0 the
 *   proportional term is 0 too, and a zero floor would never move on.
 * - The deadline: a wake-up that would pass it is moved to exactly the
 *   deadline, for a final poll there. So the wait never sleeps past the
 *   deadline and never ends without a poll at the deadline; the price is at
 *   most one gap shorter than `minDelayMs`, at the very end.
 */

export interface PollScheduleOptions {
  /** Shortest computed delay between polls, ms (default 500, see above). */
  minDelayMs: number;
  /** Longest computed delay between polls, ms (default 15 000). */
  maxDelayMs: number;
}

export const DEFAULT_MIN_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 15_000;
/** 15 minutes. */
export const DEFAULT_MAX_WAIT_MS = 15 * 60_000;
/** Delay as a fraction of elapsed time: the detection-lag bound, as a fraction of the task's duration. */
export const POLL_LAG_RATIO = 0.1;
/** Largest fraction by which jitter shortens a computed delay. */
export const POLL_JITTER = 0.1;

export interface PollScheduleInput {
  /** Time since the wait began (across resumes), ms, measured after the latest poll. */
  sinceStartMs: number;
  /** Time left before this wait's deadline, ms; ≤ 0 once it is reached. */
  untilDeadlineMs: number;
  /** Transient failures since the last good status answer (0 normally). */
  consecutiveFailures?: number;
  /** The server's "come back in" hint, ms, if the latest answer carried one. */
  hintMs?: number | undefined;
}

/** The un-jittered computed delay: monotone non-decreasing in `sinceStartMs` and in failures. */
export function baseDelayMs(sinceStartMs: number, options: PollScheduleOptions, consecutiveFailures = 0): number {
  const { minDelayMs, maxDelayMs } = options;
  const grown = POLL_LAG_RATIO * Math.max(0, sinceStartMs) * 2 ** Math.min(consecutiveFailures, 30);
  // Failures also scale the floor, so an outage in the first seconds backs off too.
  const floor = minDelayMs * 2 ** Math.min(consecutiveFailures, 30);
  return Math.min(maxDelayMs, Math.max(floor, grown));
}

/**
 * The wait before the next poll, ms, or `undefined` when the deadline has been
 * reached and the latest poll was the final one.
 */
export function nextPollDelayMs(
  input: PollScheduleInput,
  options: PollScheduleOptions,
  random: () => number = Math.random,
): number | undefined {
  const untilDeadline = input.untilDeadlineMs;
  if (!(untilDeadline > 0)) return undefined;
  let delay: number;
  if (input.hintMs !== undefined && Number.isFinite(input.hintMs) && input.hintMs >= 0) {
    // Floored: a `Retry-After: 0` on every answer would otherwise make a tight request loop.
    delay = Math.max(input.hintMs, options.minDelayMs);
  } else {
    const base = baseDelayMs(input.sinceStartMs, options, input.consecutiveFailures ?? 0);
    const r = Math.min(Math.max(random(), 0), 1);
    delay = Math.max(options.minDelayMs, base * (1 - POLL_JITTER * r));
  }
  return Math.min(delay, untilDeadline);
}
