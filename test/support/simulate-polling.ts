import { nextPollDelayMs, type PollScheduleOptions } from "../../src/core/tasks/poll-schedule.js";

export interface Simulation {
  /** Poll times, ms since the start; the first is 0 (the poller polls at once). */
  times: number[];
  delays: number[];
  /** The first poll at or after the task's end, or undefined when the deadline came first. */
  detectedAt: number | undefined;
  /** detectedAt − duration. */
  lagMs: number | undefined;
}

/**
 * The poller's timing with instant requests: poll at 0, then after each
 * running answer sleep `nextPollDelayMs`, until a poll at or after
 * `durationMs` sees the task done or the schedule says the deadline is reached.
 */
export function simulate(
  durationMs: number,
  options: PollScheduleOptions & { maxWaitMs: number },
  random: () => number = () => 0,
): Simulation {
  const times = [0];
  const delays: number[] = [];
  let t = 0;
  for (;;) {
    if (t >= durationMs) return { times, delays, detectedAt: t, lagMs: t - durationMs };
    const delay = nextPollDelayMs({ sinceStartMs: t, untilDeadlineMs: options.maxWaitMs - t }, options, random);
    if (delay === undefined) return { times, delays, detectedAt: undefined, lagMs: undefined };
    delays.push(delay);
    t += delay;
    times.push(t);
  }
}

/** Fixed-interval polling (first poll at 0), for comparison. */
export function simulateFixed(durationMs: number, intervalMs: number): { polls: number; lagMs: number } {
  const polls = Math.ceil(durationMs / intervalMs) + 1;
  return { polls, lagMs: (polls - 1) * intervalMs - durationMs };
}
