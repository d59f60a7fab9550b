import { describe, expect, it } from "vitest";
import { createManualClock, DEFAULT_CLOCK_START } from "../../src/testing/index.js";

describe("ManualClock", () => {
  it("starts at 2025-01-01, or where told, and never runs backwards", () => {
    expect(createManualClock().now()).toBe(DEFAULT_CLOCK_START);
    const clock = createManualClock(1_000);
    expect(createManualClock({ start: 1_000 }).now()).toBe(1_000);
    clock.set(500);
    expect(clock.now()).toBe(1_000);
    clock.advance(-5);
    expect(clock.now()).toBe(1_000);
  });

  it("holds sleeps until advance() or set() reaches them, in deadline order", async () => {
    const clock = createManualClock({ start: 0 });
    const woke: string[] = [];
    const short = clock.sleep(100).then(() => woke.push("short"));
    const long = clock.sleep(300).then(() => woke.push("long"));
    expect(clock.sleeping).toBe(2);
    clock.advance(99);
    await Promise.resolve();
    expect(woke).toEqual([]);
    clock.advance(1);
    await short;
    expect(woke).toEqual(["short"]);
    clock.set(300);
    await long;
    expect(woke).toEqual(["short", "long"]);
    expect(clock.sleeps).toEqual([100, 300]);
    expect(clock.sleeping).toBe(0);
  });

  it("rejects a sleep with the signal's reason, at once or when aborted, and forgets it", async () => {
    const clock = createManualClock();
    const reason = new Error("stop");
    await expect(clock.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(clock.sleeping).toBe(0);
  });

  it("with autoAdvance, each sleep moves time by its own length and resolves at once", async () => {
    const clock = createManualClock({ start: 0, autoAdvance: true });
    await clock.sleep(15 * 60_000);
    await clock.sleep(500);
    expect(clock.now()).toBe(15 * 60_000 + 500);
    expect(clock.sleeps).toEqual([15 * 60_000, 500]);
    expect(clock.sleeping).toBe(0);
  });
});
