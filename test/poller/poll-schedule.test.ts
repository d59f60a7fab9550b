import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  baseDelayMs,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_WAIT_MS,
  DEFAULT_MIN_DELAY_MS,
  nextPollDelayMs,
  POLL_JITTER,
} from "../../src/core/tasks/poll-schedule.js";
import { simulate, simulateFixed } from "../support/simulate-polling.js";

const defaults = { minDelayMs: DEFAULT_MIN_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS };
const HOUR = 3_600_000;

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** Schedule options: 0 < min ≤ max (the poller rejects a zero floor). */
const scheduleOptions = fc
  .tuple(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 0, max: 60_000 }))
  .map(([minDelayMs, extra]) => ({ minDelayMs, maxDelayMs: minDelayMs + extra }));
/** Coarser options for whole-wait simulations, which would otherwise run millions of 1 ms polls. */
const coarseOptions = fc
  .tuple(fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 0, max: 60_000 }))
  .map(([minDelayMs, extra]) => ({ minDelayMs, maxDelayMs: Math.max(5_000, minDelayMs + extra) }));
/** A deterministic random() replaying a generated sequence. */
const randomSource = fc.array(unit, { minLength: 1, maxLength: 20 }).map((values) => {
  let i = 0;
  return () => values[i++ % values.length]!;
});

describe("poll schedule", () => {
  it("defaults: 500 ms floor, 15 s ceiling, 15 min wait", () => {
    expect(defaults).toEqual({ minDelayMs: 500, maxDelayMs: 15_000 });
    expect(DEFAULT_MAX_WAIT_MS).toBe(900_000);
  });

  it("computed delays stay within [min, max] when the deadline is not near", () => {
    fc.assert(
      fc.property(scheduleOptions, fc.integer({ min: 0, max: 3 * HOUR }), unit, (options, since, r) => {
        const delay = nextPollDelayMs({ sinceStartMs: since, untilDeadlineMs: 10 * HOUR }, options, () => r)!;
        expect(delay).toBeGreaterThanOrEqual(options.minDelayMs);
        expect(delay).toBeLessThanOrEqual(options.maxDelayMs);
      }),
    );
  });

  it("never sleeps past the deadline, hints included; no delay once the deadline is reached", () => {
    fc.assert(
      fc.property(
        scheduleOptions,
        fc.integer({ min: 0, max: 3 * HOUR }),
        fc.integer({ min: -HOUR, max: HOUR }),
        fc.option(fc.integer({ min: 0, max: 2 * HOUR }), { nil: undefined }),
        fc.integer({ min: 0, max: 5 }),
        unit,
        (options, since, until, hintMs, failures, r) => {
          const delay = nextPollDelayMs(
            { sinceStartMs: since, untilDeadlineMs: until, hintMs, consecutiveFailures: failures },
            options,
            () => r,
          );
          if (until <= 0) expect(delay).toBeUndefined();
          else {
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(until);
          }
        },
      ),
    );
  });

  it("jitter only shortens, by at most 10 %, and never below the floor", () => {
    fc.assert(
      fc.property(scheduleOptions, fc.integer({ min: 0, max: 3 * HOUR }), unit, (options, since, r) => {
        const base = baseDelayMs(since, options);
        const delay = nextPollDelayMs({ sinceStartMs: since, untilDeadlineMs: 10 * HOUR }, options, () => r)!;
        expect(delay).toBeLessThanOrEqual(base);
        expect(delay).toBeGreaterThanOrEqual(Math.max(options.minDelayMs, base * (1 - POLL_JITTER)) - 1e-9);
      }),
    );
  });

  it("without jitter, delays never shrink as the wait goes on", () => {
    fc.assert(
      fc.property(
        scheduleOptions,
        fc.integer({ min: 0, max: 3 * HOUR }),
        fc.integer({ min: 0, max: 3 * HOUR }),
        (options, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const at = (since: number) =>
            nextPollDelayMs({ sinceStartMs: since, untilDeadlineMs: 10 * HOUR }, options, () => 0)!;
          expect(at(early)).toBeLessThanOrEqual(at(late));
        },
      ),
    );
  });

  it("grows about 10 % of elapsed time between the floor and the ceiling", () => {
    const at = (since: number) => nextPollDelayMs({ sinceStartMs: since, untilDeadlineMs: HOUR }, defaults, () => 0);
    expect([0, 4_000, 5_000, 20_000, 100_000, 150_000, 1_000_000].map(at)).toEqual([
      500, 500, 500, 2_000, 10_000, 15_000, 15_000,
    ]);
  });

  it("a server hint overrides the computed delay, floored at minDelayMs and bounded by the deadline", () => {
    fc.assert(
      fc.property(
        scheduleOptions,
        fc.integer({ min: 0, max: HOUR }),
        fc.integer({ min: 1, max: HOUR }),
        fc.integer({ min: 0, max: 2 * HOUR }),
        (options, since, until, hintMs) => {
          const delay = nextPollDelayMs({ sinceStartMs: since, untilDeadlineMs: until, hintMs }, options, () => 0.5);
          expect(delay).toBe(Math.min(Math.max(hintMs, options.minDelayMs), until));
        },
      ),
    );
  });

  it("consecutive transient failures back off (doubling) up to the ceiling", () => {
    const at = (failures: number) =>
      nextPollDelayMs(
        { sinceStartMs: 10_000, untilDeadlineMs: HOUR, consecutiveFailures: failures },
        defaults,
        () => 0,
      );
    expect([0, 1, 2, 3, 4, 5].map(at)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it("a task that never ends gets polls up to, and a final one exactly at, the deadline", () => {
    fc.assert(
      fc.property(coarseOptions, fc.integer({ min: 0, max: 2 * HOUR }), randomSource, (options, maxWaitMs, random) => {
        const run = simulate(Number.POSITIVE_INFINITY, { ...options, maxWaitMs }, random);
        expect(run.detectedAt).toBeUndefined();
        expect(run.times.at(-1)).toBe(maxWaitMs);
        // One expect per list, not per poll: a run has up to ~1 500 polls, and 200 runs of per-poll expects took seconds.
        expect(run.times.filter((t) => t > maxWaitMs)).toEqual([]);
        // Every gap but the last (the deadline clamp) is a computed delay within [min, max].
        expect(run.delays.slice(0, -1).filter((d) => d < options.minDelayMs || d > options.maxDelayMs)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("detection lag ≤ max(0.5 s, 10 % of the task's duration) for any duration in [2 s, 2 h]", () => {
    fc.assert(
      fc.property(fc.double({ min: 2_000, max: 2 * HOUR, noNaN: true }), randomSource, (duration, random) => {
        const run = simulate(duration, { ...defaults, maxWaitMs: 3 * HOUR }, random);
        expect(run.lagMs).toBeDefined();
        expect(run.lagMs!).toBeLessThanOrEqual(Math.max(500, 0.1 * duration));
      }),
      { numRuns: 500 },
    );
  });

  it("…which a 1 000 ms floor cannot meet: a task ending just after a poll at 2–10 s is seen up to 1 s late", () => {
    const run = simulate(2_001, { minDelayMs: 1_000, maxDelayMs: 15_000, maxWaitMs: HOUR });
    expect(run.lagMs).toBe(999);
    expect(run.lagMs!).toBeGreaterThan(Math.max(500, 0.1 * 2_001));
  });

  // At 30 s it costs more than fixed 2 s (30 vs 16 polls): the price of the 0.5 s lag bound for 2–5 s
  // tasks, which fixed 2 s polling misses (its lag reaches 2 s for any task under 20 s).
  it("needs fewer requests than fixed 2 s / 5 s polling for long tasks", () => {
    const polls = (seconds: number) => simulate(seconds * 1000, { ...defaults, maxWaitMs: 2 * HOUR }).times.length;
    expect(polls(300)).toBeLessThan(simulateFixed(300_000, 2_000).polls / 2);
    expect(polls(300)).toBeLessThan(simulateFixed(300_000, 5_000).polls);
    expect(polls(3_600)).toBeLessThan(simulateFixed(3_600_000, 2_000).polls / 6);
    expect(polls(3_600)).toBeLessThan(simulateFixed(3_600_000, 5_000).polls / 2);
  });
});
