import type { Clock } from "../../src/index.js";

/** A clock whose sleeps return at once, advancing virtual time and recording each requested delay. */
export function recordingClock(start = 0): Clock & { sleeps: number[]; time: number } {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) throw signal.reason;
      clock.sleeps.push(ms);
      clock.time += ms;
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
    },
  };
  return clock;
}
