import { ManualClock } from "../../src/testing/manual-clock.js";

/**
 * The testing kit's {@link ManualClock} with the presets the SDK's own tests use: sleeps advance time at once
 * (pass `manual: true` to hold them until `advance()`), starting at a 2023 date.
 */
export class FakeClock extends ManualClock {
  constructor(options: { start?: number; manual?: boolean } = {}) {
    super({ start: options.start ?? 1_700_000_000_000, autoAdvance: !options.manual });
  }

  /** Read or jump the current time (forward only, like `set`). */
  get time(): number {
    return this.now();
  }
  set time(epochMs: number) {
    this.set(epochMs);
  }
}

/** Lets pending promise callbacks run (several hops: the poller awaits a few in a row). */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
