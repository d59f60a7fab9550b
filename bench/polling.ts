// npm run bench -- polling   (or: tsx bench/polling.ts [--quick] [--json])
// Status requests and detection lag of the real poller (pollTask) on a
// simulated clock, for tasks of 2 s, 30 s, 300 s and 1 h, against fixed-interval
// polling at 2 s (Azure's default) and 5 s (OpenAI's). Nothing waits: the
// clock's sleep moves simulated time and resolves at once.
import type { Clock } from "../src/core/platform/clock.js";
import { DEFAULT_MAX_DELAY_MS, DEFAULT_MIN_DELAY_MS, nextPollDelayMs } from "../src/core/tasks/poll-schedule.js";
import { pollTask } from "../src/core/tasks/poller.js";
import { type BenchResult, type Check, round, runBench } from "./lib/harness.js";

const DURATIONS_MS = [2_000, 30_000, 300_000, 3_600_000];
const MAX_WAIT_MS = 2 * 3_600_000;

function simulatedClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      clock.t += Math.max(0, ms);
    },
  };
  return clock;
}

/** The real poller against a task that is running until `durationMs`, then done. */
async function pollerRun(durationMs: number, random: () => number): Promise<{ polls: number; lagMs: number }> {
  const clock = simulatedClock();
  let polls = 0;
  await pollTask(
    {
      taskId: "bench",
      kind: "benchmark task",
      fetchStatus: async () => {
        polls++;
        return { status: { status: clock.t >= durationMs ? "success" : "running" } };
      },
      stateOf: (s) => (s.status === "success" ? "succeeded" : "running"),
    },
    { clock, random, maxWaitMs: MAX_WAIT_MS },
  );
  return { polls, lagMs: clock.t - durationMs };
}

/** The schedule alone (same function the poller calls), for sweeping many task end times quickly. */
function scheduleLag(durationMs: number, r: number): number {
  const options = { minDelayMs: DEFAULT_MIN_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS };
  let t = 0;
  while (t < durationMs) {
    t += nextPollDelayMs({ sinceStartMs: t, untilDeadlineMs: MAX_WAIT_MS - t }, options, () => r) ?? 0;
  }
  return t - durationMs;
}

function fixed(durationMs: number, intervalMs: number): { polls: number; lagMs: number } {
  const polls = Math.ceil(durationMs / intervalMs) + 1; // first poll at 0, as the poller does
  return { polls, lagMs: (polls - 1) * intervalMs - durationMs };
}

/**
 * A fixed interval that meets the same lag guarantee as the poller without
 * knowing the task's duration: lag ≤ max(0.5 s, 10 % of d) for every d ≥ 2 s
 * needs every gap ≤ 0.5 s (a task ending just after a poll at 2–5 s).
 */
const EQUAL_LAG_INTERVAL_MS = 500;

const label = (ms: number) => (ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 1000} s`);

await runBench(async ({ quick }): Promise<BenchResult> => {
  const figures: BenchResult["figures"] = {};
  const checks: Check[] = [];
  const table: string[][] = [
    [
      "task",
      "poller polls",
      "poller lag",
      "worst lag ±10% d",
      "lag target",
      "fixed 2 s: polls / worst lag",
      "fixed 5 s: polls / worst lag",
      "fixed 0.5 s (equal lag): polls",
    ],
  ];
  // Worst case over task end times within ±10 % of d, and over jitter (none, and maximal).
  const sweep = quick ? 20 : 400;
  for (const d of DURATIONS_MS) {
    const run = await pollerRun(d, () => 0); // no jitter: longest delays, fewest polls, largest lag
    const jittered = await pollerRun(d, () => 0.999); // maximal jitter: most polls
    let worstLag = 0;
    for (let i = 0; i <= sweep; i++) {
      const end = d * (0.9 + (0.2 * i) / sweep);
      for (const r of [0, 0.5, 0.999]) worstLag = Math.max(worstLag, scheduleLag(end, r) / Math.max(1, end / d));
    }
    const target = Math.max(500, 0.1 * d);
    const f2 = fixed(d, 2_000);
    const f5 = fixed(d, 5_000);
    const equal = fixed(d, EQUAL_LAG_INTERVAL_MS);
    const key = label(d).replace(" ", "");
    Object.assign(figures, {
      [`polls_${key}`]: run.polls,
      [`polls_jittered_${key}`]: jittered.polls,
      [`lag_ms_${key}`]: round(run.lagMs, 1),
      [`worst_lag_ms_${key}`]: round(worstLag, 1),
      [`lag_target_ms_${key}`]: target,
      [`fixed2s_polls_${key}`]: f2.polls,
      [`fixed2s_worst_lag_ms_${key}`]: 2_000,
      [`fixed5s_polls_${key}`]: f5.polls,
      [`fixed5s_worst_lag_ms_${key}`]: 5_000,
      [`fixed_equal_lag_polls_${key}`]: equal.polls,
    });
    table.push([
      label(d),
      `${run.polls} (${jittered.polls} max jitter)`,
      `${(run.lagMs / 1000).toFixed(2)} s`,
      `${(worstLag / 1000).toFixed(2)} s`,
      `≤ ${(target / 1000).toFixed(2)} s`,
      `${f2.polls} / 2.0 s`,
      `${f5.polls} / 5.0 s`,
      `${equal.polls}`,
    ]);
    checks.push({
      name: `polling, ${label(d)} task: worst detection lag (end times ±10 %, any jitter)`,
      target: `≤ ${(target / 1000).toFixed(2)} s`,
      measured: `${(worstLag / 1000).toFixed(2)} s`,
      pass: worstLag <= target + 1e-6,
    });
    checks.push({
      name: `polling, ${label(d)} task: status requests vs fixed-interval polling at equal lag (0.5 s)`,
      target: "far fewer",
      measured: `${jittered.polls} vs ${equal.polls} (fixed 2 s: ${f2.polls}, fixed 5 s: ${f5.polls})`,
      pass: d <= 2_000 ? jittered.polls <= equal.polls : jittered.polls * 2 <= equal.polls,
    });
  }
  return {
    bench: "polling",
    quick,
    figures,
    checks,
    table,
    notes: [
      "lag is normalised: for an end time e near d the lag bound is taken as max(0.5 s, 10 % of e), scaled to d",
      `poller defaults: minDelayMs ${DEFAULT_MIN_DELAY_MS}, maxDelayMs ${DEFAULT_MAX_DELAY_MS}; maxWaitMs ${MAX_WAIT_MS} here so the 1 h task fits`,
      "equal lag = a fixed interval with the same guarantee for every duration ≥ 2 s, which must be 0.5 s; a fixed interval's worst lag is the interval itself (a task ending just after a poll)",
      "'far fewer' is checked as ≤ half the fixed-interval requests at equal lag (≤ for the 2 s task, where both are a handful)",
      "poller polls: first poll immediate, no jitter (fewest polls, longest gaps); 'max jitter' = random() ≈ 1 (most polls)",
    ],
  };
});
