import { createLoyaltyDogClient, type LoyaltyDogClientOptions } from "../../src/index.js";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type LoyaltyDogSimulatorOptions,
} from "../../src/testing/index.js";
import { FakeClock } from "../support/fake-clock.js";

/**
 * A client wired straight to the task simulator's one core (`sim.fetch`),
 * sharing one virtual clock: task progress, URL expiry and the poller's
 * sleeps all run on it, so a 15-minute wait takes milliseconds.
 */
export function simulated(
  simOptions: LoyaltyDogSimulatorOptions = {},
  clientOptions: Partial<LoyaltyDogClientOptions> = {},
  clock = new FakeClock(),
) {
  const sim = createLoyaltyDogSimulator({ clock, rateLimit: false, ...simOptions });
  const client = createLoyaltyDogClient({
    token: DEFAULT_SIMULATOR_TOKEN,
    fetch: sim.fetch,
    clock,
    random: () => 0.5,
    ...clientOptions,
  });
  return { sim, client, clock };
}
