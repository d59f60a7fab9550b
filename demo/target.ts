// Where the demo points: the task simulator on 127.0.0.1 (default), or a real
// account when LOYALTYDOG_TOKEN is set. Only public entry points are used.
import { DEFAULT_BASE_URL } from "../src/index.js";
import { createLoyaltyDogSimulator, DEFAULT_SIMULATOR_TOKEN, type LoyaltyDogSimulator } from "../src/testing/index.js";

export interface DemoTarget {
  kind: "simulator" | "account";
  token: string;
  baseUrl: string;
  /** Present only with the simulator: the deliberate-fault steps need it. */
  sim: LoyaltyDogSimulator | undefined;
  /** Shorter poll spacing for the simulator's 1.5 s tasks; the SDK default against a real account. */
  minDelayMs: number | undefined;
  describe: string;
  close(): Promise<void>;
}

/** Simulated tasks finish after this much real time, so the whole demo takes a few seconds. */
export const SIMULATED_TASK_MS = 1500;

export async function openTarget(env: NodeJS.ProcessEnv): Promise<DemoTarget> {
  const token = env.LOYALTYDOG_TOKEN?.trim();
  if (token) {
    const baseUrl = env.LOYALTYDOG_BASE_URL?.trim() || DEFAULT_BASE_URL;
    return {
      kind: "account",
      token,
      baseUrl,
      sim: undefined,
      minDelayMs: undefined,
      describe: `your account at ${baseUrl} (LOYALTYDOG_TOKEN is set)`,
      close: async () => {},
    };
  }
  // A real clock (not the simulator's frozen default) so tasks progress while the poller waits.
  const sim = createLoyaltyDogSimulator({
    clock: { now: () => Date.now() },
    tasks: { completeAfterMs: SIMULATED_TASK_MS },
  });
  const servers = await sim.listen();
  return {
    kind: "simulator",
    token: DEFAULT_SIMULATOR_TOKEN,
    baseUrl: servers.apiUrl,
    sim,
    minDelayMs: 200,
    describe: `the task simulator: API ${servers.apiUrl}, storage ${servers.storageUrl} (no account, no network)`,
    close: () => servers.close(),
  };
}
